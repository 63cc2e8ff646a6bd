import { DataType, type Field, type Table } from 'apache-arrow';

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

/**
 * Arrow hands out DECIMAL and HUGEINT values as unscaled 128-bit integers (12.50 as 1250):
 * read them with the column's scale, or a sum would silently show a hundred times too much.
 */
function decimalValue(v: unknown, scale: number): unknown {
  if (v === null || v === undefined) return null;
  const digits = String(v);
  if (!/^-?\d+$/.test(digits)) return plainValue(v);
  if (scale === 0) {
    const n = BigInt(digits);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  return Number(digits) / 10 ** scale;
}

/** A reader of one column's values as plain JS values. */
export function columnReader(field: Field): (v: unknown) => unknown {
  if (DataType.isDecimal(field.type)) {
    const scale = field.type.scale;
    return (v) => decimalValue(v, scale);
  }
  return plainValue;
}

/** Rows as arrays in column order, plain values (grids, pages). */
export function arrowToArrays(table: Table, maxRows = table.numRows): unknown[][] {
  const readers = table.schema.fields.map(columnReader);
  const vectors = table.schema.fields.map((_, i) => table.getChildAt(i));
  const n = Math.min(table.numRows, maxRows);
  const out: unknown[][] = new Array(n);
  for (let r = 0; r < n; r++) out[r] = vectors.map((vec, c) => readers[c](vec?.get(r) ?? null));
  return out;
}

/** An Arrow table as plain row objects (for small results: profiles, counts, previews). */
export function arrowToRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  return arrowToArrays(table).map((values) => {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = values[c];
    return row;
  });
}
