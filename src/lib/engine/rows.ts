import type { Table } from 'apache-arrow';

export type Row = Record<string, unknown>;

/** Plain JS value: bigints within the safe range become numbers (counts, sums). */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
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
