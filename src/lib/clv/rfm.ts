/**
 * Check per-customer (x, t_x, T) input and compress it to unique rows with weights, the
 * form every transaction model's likelihood consumes.
 */
import { compressRows } from './compress';
import { ClvError } from './errors';
import type { RfmInput } from './types';

export interface RfmRows {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Sum of weights (customers). */
  readonly customers: number;
  /** Customers (weighted) with at least one repeat purchase. */
  readonly repeatBuyers: number;
  readonly meanX: number;
  readonly meanT: number;
}

export function prepareRfm(input: RfmInput, discrete = false): RfmRows {
  const n = input.x.length;
  if (input.tx.length !== n || input.T.length !== n || (input.weights && input.weights.length !== n)) {
    throw new ClvError('x, t_x, T (and weights) must have the same length.', 'Pass one value per customer in each array.');
  }
  let customers = 0;
  let repeatBuyers = 0;
  let sumX = 0;
  let sumT = 0;
  const tx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = input.x[i];
    const T = input.T[i];
    const w = input.weights ? input.weights[i] : 1;
    let t = input.tx[i];
    if (!(x >= 0) || !Number.isInteger(x)) {
      throw new ClvError(`Customer ${i} has a repeat-purchase count of ${x}.`, 'Repeat purchases x must be whole numbers ≥ 0.');
    }
    if (!(T >= 0) || !(t >= 0) || !Number.isFinite(T)) {
      throw new ClvError(`Customer ${i} has t_x = ${t}, T = ${T}.`, 'Times must be finite and ≥ 0 (measured from the first purchase).');
    }
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new ClvError(`Customer ${i} has weight ${w}.`, 'Weights count identical customers: use finite numbers ≥ 0.');
    }
    if (t > T) {
      // Rounding can put the last purchase a hair after the calibration end; anything more is an error.
      if (t - T > 1e-9 * Math.max(1, T)) {
        throw new ClvError(`Customer ${i} bought last at t_x = ${t}, after the end of calibration T = ${T}.`, 'Check that t_x and T use the same time unit and origin.');
      }
      t = T;
    }
    if (x === 0) t = 0;
    if (discrete && x > t) {
      throw new ClvError(`Customer ${i} has ${x} transactions but recency ${t}.`, 'In discrete time a customer cannot transact more often than the period of the last transaction.');
    }
    tx[i] = t;
    customers += w;
    if (x > 0) repeatBuyers += w;
    sumX += w * x;
    sumT += w * T;
  }
  const c = input.unique
    ? { columns: [Float64Array.from(input.x), tx, Float64Array.from(input.T)], weights: input.weights ? Float64Array.from(input.weights) : new Float64Array(n).fill(1) }
    : compressRows([input.x, tx, input.T], input.weights);
  const [x, t, T] = c.columns;
  return {
    x,
    tx: t,
    T,
    w: c.weights,
    customers,
    repeatBuyers,
    meanX: customers > 0 ? sumX / customers : 0,
    meanT: customers > 0 ? sumT / customers : 0,
  };
}

/** Reasons the transaction models cannot be fitted at all, in words; empty when fitting can proceed. */
export function unidentifiable(rows: RfmRows): string[] {
  if (rows.customers === 0) return ['There are no customers to fit: the input is empty (or every weight is 0).'];
  if (rows.repeatBuyers === 0) {
    return [
      'No customer made a repeat purchase in the calibration period, so the model cannot estimate how often customers buy ' +
        'or when they drop out. Use a longer calibration period, or check that the customer and date columns are mapped correctly.',
    ];
  }
  return [];
}

/** A note when very few customers carry all the information about purchase rates. */
export function fewRepeatBuyers(rows: RfmRows): string[] {
  if (rows.repeatBuyers >= 20) return [];
  return [
    `Only ${rows.repeatBuyers} customers made a repeat purchase; the estimates rest on very little data and will be imprecise.`,
  ];
}

/**
 * Every k-th row with its weight scaled by k: a systematic subsample that keeps the data's
 * shape, used to find good starting values cheaply before fitting all rows.
 */
export function subsampleRows(rows: RfmRows, target: number): RfmRows {
  const k = Math.ceil(rows.x.length / target);
  if (k <= 1) return rows;
  const m = Math.ceil(rows.x.length / k);
  const pick = (col: Float64Array, scale: number): Float64Array => Float64Array.from({ length: m }, (_, j) => col[j * k] * scale);
  return { ...rows, x: pick(rows.x, 1), tx: pick(rows.tx, 1), T: pick(rows.T, 1), w: pick(rows.w, k) };
}
