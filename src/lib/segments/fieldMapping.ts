/**
 * A shared segment names fields of the sender's data. On the receiver's data a field may be
 * called differently: match it by name written another way ("LoyaltyTier" = "loyalty_tier")
 * or by the role both names play ("Country_Code" and "country" are both the country).
 * The caller supplies `roleOf` (the data model's name vocabulary), keeping this module free
 * of the model. Ambiguous matches are left for the person to choose.
 */
import type { SegmentField } from './fields';

export interface FieldMatch {
  /** The field of this data to use instead, or null when none fits for sure. */
  field: string | null;
  reason: 'same-name' | 'same-role' | null;
}

const compact = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export function suggestFieldMapping(
  missing: readonly string[],
  fields: readonly SegmentField[],
  roleOf: (name: string) => string | null,
): Map<string, FieldMatch> {
  const out = new Map<string, FieldMatch>();
  for (const name of missing) {
    const byName = fields.filter((f) => compact(f.name) === compact(name) || (f.label !== undefined && compact(f.label) === compact(name)));
    if (byName.length === 1) {
      out.set(name, { field: byName[0].name, reason: 'same-name' });
      continue;
    }
    const role = roleOf(name);
    const byRole = role === null ? [] : fields.filter((f) => roleOf(f.name) === role);
    out.set(name, byRole.length === 1 ? { field: byRole[0].name, reason: 'same-role' } : { field: null, reason: null });
  }
  return out;
}
