/**
 * The fields a segment may name: the customer_features columns of the loaded data (computed
 * features, computed traits such as RFM scores or P(alive) once they exist, and mapped
 * attributes), and the activity columns an activity rule may filter on.
 */
import type { Family } from './ast';

/** Kinds of value, as `customerFeatureFields(model)` reports them. */
export type SegmentFieldKind = 'text' | 'integer' | 'number' | 'date' | 'timestamp' | 'boolean' | 'list' | 'other';

/** One available field. `FeatureField` from the data model fits this shape. */
export interface SegmentField {
  readonly name: string;
  /** A SegmentFieldKind; any other kind is listed but cannot be filtered on. */
  readonly kind: string;
  readonly label?: string;
}

/** The family of tests a kind supports; null when segments cannot filter on it. */
export function familyOf(kind: string): Family | null {
  switch (kind) {
    case 'text':
      return 'text';
    case 'integer':
    case 'number':
      return 'number';
    case 'date':
    case 'timestamp':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    default:
      return null;
  }
}

/** Activity columns a rule may filter on (customer_id and occurred_at are the rule itself). */
export const ACTIVITY_FILTER_FIELDS: readonly SegmentField[] = [
  { name: 'channel', kind: 'text' },
  { name: 'product', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'order_id', kind: 'text' },
  { name: 'event', kind: 'text' },
  { name: 'amount', kind: 'number' },
];

/** Looks fields up by name: exactly, else case-insensitively when that is unambiguous (DuckDB names ignore case). */
export class FieldIndex {
  private readonly exact = new Map<string, SegmentField>();
  private readonly folded = new Map<string, SegmentField[]>();

  constructor(fields: readonly SegmentField[]) {
    for (const f of fields) {
      if (typeof f.name !== 'string' || f.name.length === 0 || this.exact.has(f.name)) continue;
      this.exact.set(f.name, f);
      const key = f.name.toLowerCase();
      this.folded.set(key, [...(this.folded.get(key) ?? []), f]);
    }
  }

  find(name: string): SegmentField | undefined {
    const hit = this.exact.get(name);
    if (hit) return hit;
    const folded = this.folded.get(name.toLowerCase());
    return folded && folded.length === 1 ? folded[0] : undefined;
  }

  names(): string[] {
    return [...this.exact.keys()];
  }
}

/** Computed traits that appear once another analysis has run: why a link may name one the data lacks yet. */
export function traitHint(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n.startsWith('rfm_') || n === 'rfm') return 'RFM scores appear once RFM has been computed for this data.';
  if (n === 'p_alive' || n.startsWith('expected_') || n.startsWith('predicted_') || n.includes('clv')) {
    return 'This appears once a lifetime-value model has been fitted to this data.';
  }
  if (n.startsWith('lifecycle')) return 'The lifecycle stage appears once the lifecycle analysis has run.';
  return undefined;
}

/** The closest known name, for "did you mean …?" on a typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) >= bestDistance) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
