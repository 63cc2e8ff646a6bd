/** The role a field name plays, from the data model's name vocabulary: confident matches only, plain attributes excluded. */
import { nameMatches } from '../../lib/model/vocabulary';

export function fieldRoleOf(name: string): string | null {
  const best = nameMatches(name)[0];
  return best && best.score >= 0.7 && best.role !== 'attribute' ? best.role : null;
}
