/**
 * Collapse identical rows (e.g. customers with the same x, t_x, T) into unique rows with
 * weights, so likelihoods and predictions run once per pattern instead of once per customer.
 * An open-addressing hash table over the raw float bits keeps this allocation-light and fast
 * for millions of rows.
 */
export interface Compressed {
  /** The unique rows, one Float64Array per input column. */
  readonly columns: Float64Array[];
  /** Sum of input weights per unique row. */
  readonly weights: Float64Array;
  /** For each input row, the index of its unique row. */
  readonly index: Int32Array;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function mixBits(v: number, h: number): number {
  scratch[0] = v === 0 ? 0 : v; // -0 and +0 hash alike
  h = Math.imul(h ^ scratchBits[0], 0x9e3779b1);
  h = Math.imul(h ^ scratchBits[1], 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}

export function compressRows(columns: readonly ArrayLike<number>[], weights?: ArrayLike<number>): Compressed {
  const n = columns.length ? columns[0].length : 0;
  const k = columns.length;
  let size = 16;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const index = new Int32Array(n);
  const firstRow = new Int32Array(n); // input row that founded each unique row
  const w = new Float64Array(n);
  let unique = 0;
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let c = 0; c < k; c++) h = mixBits(columns[c][i], h);
    let s = h & mask;
    for (;;) {
      const u = slots[s];
      if (u < 0) {
        slots[s] = unique;
        firstRow[unique] = i;
        index[i] = unique;
        w[unique] = weights ? weights[i] : 1;
        unique++;
        break;
      }
      const j = firstRow[u];
      let same = true;
      for (let c = 0; c < k && same; c++) same = columns[c][j] === columns[c][i];
      if (same) {
        index[i] = u;
        w[u] += weights ? weights[i] : 1;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  const out: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const col = new Float64Array(unique);
    for (let u = 0; u < unique; u++) col[u] = columns[c][firstRow[u]];
    out.push(col);
  }
  return { columns: out, weights: w.slice(0, unique), index };
}

/** Evaluate `fn` once per unique (x, tx, T) row and spread the results back to every customer. */
export function perCustomer(
  data: { readonly x: ArrayLike<number>; readonly tx: ArrayLike<number>; readonly T: ArrayLike<number> },
  fn: (x: number, tx: number, T: number) => number,
): Float64Array {
  const c = compressRows([data.x, data.tx, data.T]);
  const [x, tx, T] = c.columns;
  const values = new Float64Array(x.length);
  for (let u = 0; u < x.length; u++) values[u] = fn(x[u], tx[u], T[u]);
  const out = new Float64Array(c.index.length);
  for (let i = 0; i < out.length; i++) out[i] = values[c.index[i]];
  return out;
}

/** Distinct values of a column and, per row, the position of its value: lets per-value work (logs) run once. */
export interface Factor {
  readonly values: Float64Array;
  readonly codes: Int32Array;
}

export function factorize(column: ArrayLike<number>): Factor {
  const seen = new Map<number, number>();
  const codes = new Int32Array(column.length);
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    let c = seen.get(v);
    if (c === undefined) {
      c = values.length;
      seen.set(v, c);
      values.push(v);
    }
    codes[i] = c;
  }
  return { values: Float64Array.from(values), codes };
}
