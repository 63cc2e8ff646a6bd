/**
 * The whole computation behind a lifetime-value cell, framework-free so it runs in the models
 * worker and under Node: fit the chosen transaction model and Gamma-Gamma to per-customer
 * summaries, predict per customer (P(alive), expected purchases and spend, CLV over a horizon),
 * check against the holdout period, and prepare the data of the standard charts
 * (calibration vs holdout by frequency, tracking, P(alive) matrix, CLV histogram).
 *
 * Times are in the model unit (days or weeks); calendar positions are day offsets from the
 * calibration end (negative before it), so this module never handles dates.
 */
import {
  bgNbdExpected,
  bgNbdPredictor,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  gammaGammaConditionalSpend,
  gammaGammaMeanSpend,
  modifiedBgNbdExpected,
  modifiedBgNbdPredictor,
  paretoNbdExpected,
  paretoNbdPredictor,
  perCustomer,
  type FitResult,
  type TransactionPredictor,
} from '..';
import { ClvError } from '../errors';

export type ClvModel = 'bgnbd' | 'mbgnbd' | 'paretonbd';
export type ClvUnit = 'week' | 'day';

export const CLV_MODELS: readonly ClvModel[] = ['bgnbd', 'mbgnbd', 'paretonbd'];
export const CLV_MODEL_LABELS: Readonly<Record<ClvModel, string>> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
};

/** Per-customer summary columns (one value per customer, same order in every array). */
export interface ClvInput {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean spend of the repeat purchases (0 without repeats). */
  readonly m: Float64Array;
  /** Purchase days in the holdout period; null without a holdout. */
  readonly xHoldout: Float64Array | null;
  /** Length of the holdout period in model units; null without a holdout. */
  readonly holdoutDuration: number | null;
  /**
   * Repeat purchase days of the cohort by calendar day, for the tracking plot: `day` offsets
   * from the calibration end and how many repeat purchases fell on each.
   */
  readonly repeatDays?: { readonly day: Float64Array; readonly count: Float64Array };
  /**
   * The summary as of the as-of date (all purchases), when the fit used a calibration period:
   * per-customer predictions are made for these customers, with the calibration fit.
   */
  readonly current?: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array; readonly m: Float64Array };
}

export interface ClvAnalysisOptions {
  readonly model: ClvModel;
  readonly unit: ClvUnit;
  /** Horizon of the forecast and of CLV, in model units. */
  readonly horizon: number;
  /** Annual discount rate (0.1 = 10 %). */
  readonly discountRate: number;
  /** Share of spend that is profit, 0–1. */
  readonly margin: number;
  /** L2 penalty passed to the fits (default 0). */
  readonly penalizer?: number;
}

export type Progress = (phase: string, fraction: number) => void;

export interface ParameterEstimate {
  readonly name: string;
  readonly value: number;
  readonly standardError: number;
}

export interface ModelFitSummary {
  readonly model: string;
  readonly parameters: ParameterEstimate[];
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly method: string;
  readonly customers: number;
  readonly diagnosis: string[];
}

export interface HoldoutAccuracy {
  /** Holdout length in model units. */
  readonly duration: number;
  readonly predicted: number;
  readonly actual: number;
  /** Mean absolute error of per-customer holdout purchases. */
  readonly mae: number;
  /** Pearson correlation of per-customer predicted and actual holdout purchases. */
  readonly correlation: number;
}

export interface FrequencyRow {
  /** "0" … "6", "7+" */
  readonly frequency: string;
  readonly customers: number;
  readonly actual: number;
  readonly predicted: number;
}

export interface TrackingPoint {
  /** Day offset from the calibration end of the end of this step. */
  readonly day: number;
  readonly actual: number;
  readonly predicted: number;
  readonly actualCumulative: number;
  readonly predictedCumulative: number;
}

export interface HeatCell {
  readonly frequency: number;
  readonly recency: number;
  readonly pAlive: number;
}

export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly customers: number;
}

export interface ClvTotals {
  readonly customers: number;
  readonly repeatBuyers: number;
  readonly expectedPurchases: number;
  readonly clv: number;
  readonly meanClv: number;
  readonly meanPAlive: number;
}

export interface ClvAnalysis {
  readonly options: ClvAnalysisOptions;
  readonly transactions: ModelFitSummary;
  readonly spend: ModelFitSummary & { readonly spendFrequencyCorrelation: number; readonly meanSpend: number };
  /** "while active, a typical customer buys about every N weeks; …" */
  readonly reading: string[];
  readonly holdout: HoldoutAccuracy | null;
  readonly byFrequency: FrequencyRow[];
  readonly tracking: TrackingPoint[];
  readonly pAliveMatrix: HeatCell[];
  readonly clvHistogram: { readonly bins: HistogramBin[]; readonly above: number };
  readonly totals: ClvTotals;
  readonly timings: Record<string, number>;
}

/** Per-customer predictions, in the order of `current` when given, else of the input. */
export interface ClvPredictions {
  readonly pAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
}

export interface ClvRun {
  readonly analysis: ClvAnalysis;
  readonly predictions: ClvPredictions;
}

interface Fitted {
  fit: FitResult<object>;
  predictor: TransactionPredictor;
  /** E[X(t)] for a new customer: repeat purchases in (0, t]. */
  expected: (t: number) => number;
}

function fitModel(model: ClvModel, input: ClvInput, penalizer: number): Fitted {
  const data = { x: input.x, tx: input.tx, T: input.T };
  switch (model) {
    case 'bgnbd': {
      const fit = fitBgNbd(data, { penalizer });
      return { fit, predictor: bgNbdPredictor(fit.params), expected: (t) => bgNbdExpected(fit.params, t) };
    }
    case 'mbgnbd': {
      const fit = fitModifiedBgNbd(data, { penalizer });
      return { fit, predictor: modifiedBgNbdPredictor(fit.params), expected: (t) => modifiedBgNbdExpected(fit.params, t) };
    }
    case 'paretonbd': {
      const fit = fitParetoNbd(data, { penalizer });
      return { fit, predictor: paretoNbdPredictor(fit.params), expected: (t) => paretoNbdExpected(fit.params, t) };
    }
  }
}

const PARAM_LABELS: Record<string, string> = { r: 'r', alpha: 'α', a: 'a', b: 'b', s: 's', beta: 'β', p: 'p', q: 'q', gamma: 'γ' };

function summarizeFit(fit: FitResult<object>): ModelFitSummary {
  const params = fit.params as Record<string, number>;
  const se = fit.standardErrors as Record<string, number>;
  return {
    model: fit.model,
    parameters: Object.keys(params).map((k) => ({ name: PARAM_LABELS[k] ?? k, value: params[k], standardError: se[k] })),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    method: fit.method,
    customers: fit.customers,
    diagnosis: [...fit.diagnosis],
  };
}

function round(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '∞';
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The parameters in words, in the model's unit. */
export function plainReading(model: ClvModel, params: Record<string, number>, unit: ClvUnit): string[] {
  const u = unit === 'week' ? 'weeks' : 'days';
  const rate = params.r / params.alpha; // mean purchases per unit while active
  const every = 1 / rate;
  const out: string[] = [];
  if (model === 'paretonbd') {
    const dropout = params.s / params.beta; // mean drop-out rate per unit
    const stop = dropout / (dropout + rate);
    out.push(`While active, a typical customer buys about every ${round(every, 1)} ${u}.`);
    out.push(`Customers stay active for about ${round(1 / dropout, 0)} ${u} on average; after each purchase about ${round(stop * 100, 0)}% stop buying before the next one.`);
  } else {
    const p = params.a / (params.a + params.b);
    out.push(`While active, a typical customer buys about every ${round(every, 1)} ${u}; after each purchase about ${round(p * 100, 0)}% stop buying.`);
    if (model === 'mbgnbd') out.push('Some customers may also stop right after their first purchase (the modified model allows that).');
  }
  return out;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Holdout totals, per-customer MAE and correlation. */
export function holdoutAccuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>, duration: number): HoldoutAccuracy {
  let p = 0;
  let a = 0;
  let abs = 0;
  for (let i = 0; i < actual.length; i++) {
    p += predicted[i];
    a += actual[i];
    abs += Math.abs(predicted[i] - actual[i]);
  }
  return { duration, predicted: p, actual: a, mae: actual.length ? abs / actual.length : NaN, correlation: pearson(predicted, actual) };
}

/** Mean actual vs predicted holdout purchases by calibration frequency 0…6, 7+ (lifetimes' plot_calibration_purchases_vs_holdout_purchases). */
export function byFrequency(x: ArrayLike<number>, actual: ArrayLike<number>, predicted: ArrayLike<number>, top = 7): FrequencyRow[] {
  const n = new Float64Array(top + 1);
  const sa = new Float64Array(top + 1);
  const sp = new Float64Array(top + 1);
  for (let i = 0; i < x.length; i++) {
    const k = Math.min(top, Math.max(0, Math.round(x[i])));
    n[k]++;
    sa[k] += actual[i];
    sp[k] += predicted[i];
  }
  const rows: FrequencyRow[] = [];
  for (let k = 0; k <= top; k++) {
    if (n[k] === 0) continue;
    rows.push({ frequency: k === top ? `${top}+` : String(k), customers: n[k], actual: sa[k] / n[k], predicted: sp[k] / n[k] });
  }
  return rows;
}

/**
 * Tracking plot (FHL 2005 fig. 2): repeat purchases per step, actual vs expected, for the
 * cohort, from the first birth to the end of the holdout. Expected for customer i at day d is
 * E[X((d − birth_i)/unit)], summed over births; E[X] is computed once per day of age.
 */
export function trackingSeries(
  T: ArrayLike<number>,
  unitDays: number,
  endDay: number,
  expected: (t: number) => number,
  repeatDays?: { readonly day: ArrayLike<number>; readonly count: ArrayLike<number> },
  stepDays = 7,
): TrackingPoint[] {
  if (T.length === 0) return [];
  // Births by day offset from the calibration end.
  const births = new Map<number, number>();
  let first = 0;
  for (let i = 0; i < T.length; i++) {
    const b = -Math.round(T[i] * unitDays);
    births.set(b, (births.get(b) ?? 0) + 1);
    if (b < first) first = b;
  }
  const span = endDay - first;
  const ex = new Float64Array(span + 1);
  for (let d = 1; d <= span; d++) ex[d] = expected(d / unitDays);
  const birthList = [...births.entries()];
  const actualByDay = new Map<number, number>();
  if (repeatDays) for (let i = 0; i < repeatDays.day.length; i++) actualByDay.set(repeatDays.day[i], (actualByDay.get(repeatDays.day[i]) ?? 0) + repeatDays.count[i]);
  const points: TrackingPoint[] = [];
  let prevPred = 0;
  let actualCum = 0;
  let prevAt = first;
  for (let d = first + stepDays; ; d += stepDays) {
    const at = Math.min(d, endDay);
    let pred = 0;
    for (const [b, n] of birthList) if (b < at) pred += n * ex[at - b];
    let actual = 0;
    for (let k = prevAt + 1; k <= at; k++) actual += actualByDay.get(k) ?? 0;
    prevAt = at;
    actualCum += actual;
    points.push({ day: at, actual, predicted: pred - prevPred, actualCumulative: actualCum, predictedCumulative: pred });
    prevPred = pred;
    if (at >= endDay) break;
  }
  return points;
}

/** P(alive) over frequency × recency at the longest observation (lifetimes' plot_probability_alive_matrix). */
export function pAliveMatrix(predictor: TransactionPredictor, x: ArrayLike<number>, T: ArrayLike<number>, size = 24): HeatCell[] {
  let maxT = 0;
  const xs: number[] = [];
  for (let i = 0; i < T.length; i++) {
    if (T[i] > maxT) maxT = T[i];
    xs.push(x[i]);
  }
  xs.sort((a, b) => a - b);
  const maxX = Math.max(1, Math.min(size, Math.ceil(xs[Math.floor(0.99 * (xs.length - 1))] ?? 1)));
  const cells: HeatCell[] = [];
  const recencySteps = size;
  for (let f = 0; f <= maxX; f++) {
    for (let k = 0; k <= recencySteps; k++) {
      const recency = (maxT * k) / recencySteps;
      const v = f === 0 && k > 0 ? NaN : predictor.pAlive(f, f === 0 ? 0 : recency, maxT);
      if (Number.isFinite(v)) cells.push({ frequency: f, recency: Math.round(recency * 10) / 10, pAlive: v });
    }
  }
  return cells;
}

export function histogram(values: ArrayLike<number>, bins = 40): { bins: HistogramBin[]; above: number } {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  if (sorted.length === 0) return { bins: [], above: 0 };
  const lo = Math.min(0, sorted[0]);
  const hi = sorted[Math.floor(0.99 * (sorted.length - 1))];
  const top = hi > lo ? hi : lo + 1;
  const width = (top - lo) / bins;
  const counts = new Float64Array(bins);
  let above = 0;
  for (const v of sorted) {
    if (v > top) above++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { bins: Array.from(counts, (c, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, customers: c })), above };
}

function check(input: ClvInput, o: ClvAnalysisOptions): void {
  const n = input.x.length;
  if (input.tx.length !== n || input.T.length !== n || input.m.length !== n || (input.xHoldout && input.xHoldout.length !== n)) {
    throw new ClvError('The customer summary columns differ in length.', 'Run the cell again.');
  }
  if (n === 0) throw new ClvError('There are no customers with purchases before the calibration end.', 'Choose a later calibration end, or check that purchases are mapped.');
  if (!(o.horizon > 0)) throw new ClvError(`A horizon of ${o.horizon} is not a forecast.`, 'Use a positive horizon, e.g. 52 weeks.');
  if (!(o.discountRate >= 0 && o.discountRate < 10)) throw new ClvError(`A discount rate of ${o.discountRate} is out of range.`, 'Use an annual rate such as 0.1 for 10 %.');
  if (!(o.margin > 0 && o.margin <= 1)) throw new ClvError(`A margin of ${o.margin} is out of range.`, 'Use a share between 0 and 1, e.g. 0.3 for 30 %.');
}

/** Fit, predict and check: everything the cell shows. */
export function analyzeClv(input: ClvInput, o: ClvAnalysisOptions, progress: Progress = () => undefined): ClvRun {
  check(input, o);
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string): void => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    t0 = t;
  };
  const n = input.x.length;
  const unitDays = o.unit === 'week' ? 7 : 1;
  const penalizer = o.penalizer ?? 0;

  progress(`Fitting ${CLV_MODEL_LABELS[o.model]}`, 0.05);
  const fitted = fitModel(o.model, input, penalizer);
  lap('transactions');
  progress('Fitting Gamma-Gamma (spend)', 0.35);
  const gg = fitGammaGamma({ x: input.x, m: input.m }, { penalizer, constrainQ: true });
  lap('spend');

  progress('Predicting per customer', 0.5);
  const { predictor } = fitted;
  const calibration = { x: input.x, tx: input.tx, T: input.T };
  const target = input.current ?? input;
  const data = { x: target.x, tx: target.tx, T: target.T };
  const nt = target.x.length;
  const pAlive = perCustomer(data, (x, tx, T) => predictor.pAlive(x, tx, T));
  const expectedPurchases = perCustomer(data, (x, tx, T) => predictor.pAlive(x, tx, T) * predictor.expectedIfAlive(o.horizon, x, T));
  const holdoutPredicted =
    input.holdoutDuration !== null && input.holdoutDuration > 0
      ? perCustomer(calibration, (x, tx, T) => predictor.pAlive(x, tx, T) * predictor.expectedIfAlive(input.holdoutDuration as number, x, T))
      : new Float64Array(n);
  const meanSpend = gammaGammaMeanSpend(gg.params);
  const expectedSpend = new Float64Array(nt);
  for (let i = 0; i < nt; i++) {
    const s = gammaGammaConditionalSpend(gg.params, target.x[i], target.m[i]);
    expectedSpend[i] = Number.isFinite(s) ? s : target.m[i];
  }
  lap('predict');

  progress('Discounting lifetime value', 0.65);
  // Cash flows by week (a week is 7 days whatever the unit), discounted at the annual rate.
  const periodLength = 7 / unitDays;
  const periods = Math.max(1, Math.round(o.horizon / periodLength));
  const clv = customerLifetimeValue({
    data,
    model: predictor,
    spend: expectedSpend,
    periods,
    periodLength: o.horizon / periods,
    discountRate: Math.pow(1 + o.discountRate, (o.horizon / periods) * unitDays / 365) - 1,
    margin: o.margin,
  });
  lap('clv');

  progress('Checking against the holdout', 0.8);
  const holdout =
    input.xHoldout && input.holdoutDuration !== null && input.holdoutDuration > 0
      ? holdoutAccuracy(holdoutPredicted, input.xHoldout, input.holdoutDuration)
      : null;
  const frequencies = input.xHoldout ? byFrequency(input.x, input.xHoldout, holdoutPredicted) : [];
  const endDay = Math.round((input.holdoutDuration ?? 0) * unitDays);
  const tracking = trackingSeries(input.T, unitDays, endDay, fitted.expected, input.repeatDays);
  lap('holdout');
  progress('Drawing', 0.9);
  const matrix = pAliveMatrix(predictor, target.x, target.T);
  const hist = histogram(clv);
  lap('charts');

  let repeatBuyers = 0;
  let sumE = 0;
  let sumClv = 0;
  let sumP = 0;
  for (let i = 0; i < nt; i++) {
    if (target.x[i] > 0) repeatBuyers++;
    sumE += expectedPurchases[i];
    sumClv += clv[i];
    sumP += pAlive[i];
  }
  const transactions = summarizeFit(fitted.fit);
  const spend = { ...summarizeFit(gg), spendFrequencyCorrelation: gg.spendFrequencyCorrelation, meanSpend };
  progress('Done', 1);
  return {
    analysis: {
      options: o,
      transactions,
      spend,
      reading: plainReading(o.model, fitted.fit.params as Record<string, number>, o.unit),
      holdout,
      byFrequency: frequencies,
      tracking,
      pAliveMatrix: matrix,
      clvHistogram: hist,
      totals: { customers: nt, repeatBuyers, expectedPurchases: sumE, clv: sumClv, meanClv: sumClv / nt, meanPAlive: sumP / nt },
      timings,
    },
    predictions: { pAlive, expectedPurchases, expectedSpend, clv },
  };
}
