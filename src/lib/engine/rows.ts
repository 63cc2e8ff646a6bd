import type { Table } from 'apache-arrow';

export type Row = Record<string, unknown>;

/**
 * Plain JS value that survives structured cloning: bigints within the safe range become
 * numbers (counts, sums); Arrow lists and structs become arrays and objects.
 */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  if (v === null || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map(plainValue);
  const nested = v as { toArray?: () => ArrayLike<unknown>; toJSON?: () => unknown };
  if (typeof nested.toArray === 'function' && typeof (v as { length?: unknown }).length === 'number') {
    return Array.from(nested.toArray(), plainValue);
  }
  if (typeof nested.toJSON === 'function') {
    const json = nested.toJSON();
    if (json !== null && typeof json === 'object') {
      return Object.fromEntries(Object.entries(json as Record<string, unknown>).map(([k, x]) => [k, plainValue(x)]));
    }
    return json;
  }
  return v;
}

/** An Arrow table as plain row objects (for small results: profiles, counts, previews). */
export function arrowToRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((_, i) => table.getChildAt(i));
  const out: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = plainValue(cols[c]?.get(r));
    out[r] = row;
  }
  return out;
}
