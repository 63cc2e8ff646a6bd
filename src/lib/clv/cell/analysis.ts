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
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  gammaGammaMeanSpend,
  modifiedBgNbdExpected,
  modifiedBgNbdPredictor,
  paretoNbdExpected,
  paretoNbdPredictor,
  type FitResult,
  type GammaGammaFitResult,
  type TransactionPredictor,
} from '..';
import { compressRows, type Compressed } from '../compress';
import { ClvError } from '../errors';
import { clvByCohort, type CohortClv } from './cohorts';
import { expectedPurchasesIn, predictCustomers } from './predict';
import { selectKth } from './select';

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
   * after the holdout check both models are fitted again on it (the final fit), and the
   * per-customer predictions are made for these customers with that fit.
   */
  readonly current?: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array; readonly m: Float64Array };
  /** First purchase day (days since 1970-01-01) of each predicted customer, for CLV by cohort. */
  readonly firstDay?: Float64Array;
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
  /** L2 penalty on the parameters added to every fit's mean negative log-likelihood (lifetimes' penalizer_coef; default 0). */
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

export type SpendFitSummary = ModelFitSummary & { readonly spendFrequencyCorrelation: number; readonly meanSpend: number };

/** One fit of both models: the transaction model and Gamma-Gamma spend, with their plain reading. */
export interface FitPair {
  readonly transactions: ModelFitSummary;
  readonly spend: SpendFitSummary;
  /** "while active, a typical customer buys about every N weeks; …" */
  readonly reading: string[];
}

export interface ClvAnalysis {
  readonly options: ClvAnalysisOptions;
  /**
   * The final fit, on all purchases up to the as-of date: the per-customer predictions, the
   * P(alive) matrix, the CLV histogram and cohorts come from it.
   */
  readonly transactions: ModelFitSummary;
  readonly spend: SpendFitSummary;
  readonly reading: string[];
  /**
   * The calibration fit (purchases up to the calibration end) when a holdout was kept: the
   * holdout accuracy, the frequency chart and the tracking plot come from it. Null without a holdout.
   */
  readonly calibration: FitPair | null;
  /** Predicted CLV by month and quarter of the first purchase (empty without first days). */
  readonly cohorts: { readonly month: CohortClv[]; readonly quarter: CohortClv[] };
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

type Histories = { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array };
type UniqueHistories = Histories & { readonly weights: Float64Array; readonly unique: true };

/** Fit the transaction model; `from` and `curvature` (a previous fit's) start a refit. */
function fitModel(model: ClvModel, data: UniqueHistories, penalizer: number, from?: Record<string, number>, curvature?: Float64Array): Fitted {
  const options = { penalizer, initial: from, initialInverseHessian: from ? curvature : undefined };
  switch (model) {
    case 'bgnbd': {
      const fit = fitBgNbd(data, options);
      return { fit, predictor: bgNbdPredictor(fit.params), expected: (t) => bgNbdExpected(fit.params, t) };
    }
    case 'mbgnbd': {
      const fit = fitModifiedBgNbd(data, options);
      return { fit, predictor: modifiedBgNbdPredictor(fit.params), expected: (t) => modifiedBgNbdExpected(fit.params, t) };
    }
    case 'paretonbd': {
      const fit = fitParetoNbd(data, options);
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

/**
 * The tracking plot's actual repeat purchases, filled in after the fit (the purchase days
 * can be counted by the engine while the models worker fits): each step sums the repeat
 * purchase days in (previous step's day, its day].
 */
export function withActualRepeats(points: readonly TrackingPoint[], repeatDays: { readonly day: ArrayLike<number>; readonly count: ArrayLike<number> }): TrackingPoint[] {
  const order = Array.from({ length: repeatDays.day.length }, (_, k) => k).sort((a, b) => repeatDays.day[a] - repeatDays.day[b]);
  let k = 0;
  let cumulative = 0;
  return points.map((p) => {
    let actual = 0;
    while (k < order.length && repeatDays.day[order[k]] <= p.day) actual += repeatDays.count[order[k++]];
    cumulative += actual;
    return { ...p, actual, actualCumulative: cumulative };
  });
}

/** P(alive) over frequency × recency at the longest observation (lifetimes' plot_probability_alive_matrix). */
export function pAliveMatrix(predictor: TransactionPredictor, x: ArrayLike<number>, T: ArrayLike<number>, size = 24): HeatCell[] {
  let maxT = 0;
  // The 99th percentile of x, counted (x is a whole number; anything ≥ size is capped anyway).
  const counts = new Float64Array(size + 2);
  for (let i = 0; i < T.length; i++) {
    if (T[i] > maxT) maxT = T[i];
    counts[Math.min(size + 1, Math.max(0, Math.ceil(x[i])))]++;
  }
  const rank = Math.floor(0.99 * (T.length - 1));
  let p99 = 1;
  for (let k = 0, seen = 0; k < counts.length; k++) {
    seen += counts[k];
    if (seen > rank) {
      p99 = k;
      break;
    }
  }
  const maxX = Math.max(1, Math.min(size, p99));
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
  const all = new Float64Array(values.length);
  let k = 0;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    all[k++] = v;
    if (v < min) min = v;
  }
  if (k === 0) return { bins: [], above: 0 };
  const finite = all.subarray(0, k);
  const lo = Math.min(0, min);
  // The 99th percentile by selection (no full sort of millions of values).
  const hi = selectKth(finite, Math.floor(0.99 * (k - 1)));
  const top = hi > lo ? hi : lo + 1;
  const width = (top - lo) / bins;
  const counts = new Float64Array(bins);
  let above = 0;
  for (const v of finite) {
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
  const pen = o.penalizer ?? 0;
  if (!(pen >= 0 && pen <= 100)) throw new ClvError(`A penalizer of ${pen} is out of range.`, 'Use 0 (no penalty) or a small positive number such as 0.001.');
}

interface FittedPair {
  fitted: Fitted;
  gg: GammaGammaFitResult;
  pair: FitPair;
}

/**
 * Both models on one summary. A refit (`from`, the calibration fit) starts at its parameters
 * and curvature, so it takes a few iterations.
 */
function fitPair(model: ClvModel, data: Histories & { readonly m: Float64Array }, rows: Compressed, o: ClvAnalysisOptions, from?: FittedPair): FittedPair {
  const penalizer = o.penalizer ?? 0;
  const usable = (fit: FitResult<object> | undefined): fit is FitResult<object> =>
    fit !== undefined && Object.values(fit.params as Record<string, number>).every((v) => Number.isFinite(v) && v > 0);
  const prior = usable(from?.fitted.fit) ? from.fitted.fit : undefined;
  // The transaction model sees each distinct history once, with its weight.
  const [x, tx, T] = rows.columns;
  const unique: UniqueHistories = { x, tx, T, weights: rows.weights, unique: true };
  const fitted = fitModel(model, unique, penalizer, prior?.params as Record<string, number> | undefined, prior?.inverseHessian ?? undefined);
  const priorSpend = from && usable(from.gg) && from.gg.params.q > 1 ? from.gg : undefined;
  const gg = fitGammaGamma(
    { x: data.x, m: data.m },
    { penalizer, constrainQ: true, initial: priorSpend?.params, initialInverseHessian: priorSpend?.inverseHessian ?? undefined },
  );
  const pair: FitPair = {
    transactions: summarizeFit(fitted.fit),
    spend: { ...summarizeFit(gg), spendFrequencyCorrelation: gg.spendFrequencyCorrelation, meanSpend: gammaGammaMeanSpend(gg.params) },
    reading: plainReading(model, fitted.fit.params as Record<string, number>, o.unit),
  };
  return { fitted, gg, pair };
}

/** The calibration fit's share of a run: what the holdout check and the tracking plot show. */
export interface ClvCalibrationPart {
  readonly calibration: FitPair;
  readonly holdout: HoldoutAccuracy | null;
  readonly byFrequency: FrequencyRow[];
  readonly tracking: TrackingPoint[];
  readonly timings: Record<string, number>;
}

/** The final fit's share: the fit the predictions come from, the predictions and their charts. */
export interface ClvFinalPart {
  readonly pair: FitPair;
  readonly cohorts: ClvAnalysis['cohorts'];
  readonly pAliveMatrix: HeatCell[];
  readonly clvHistogram: ClvAnalysis['clvHistogram'];
  readonly totals: ClvTotals;
  readonly timings: Record<string, number>;
  readonly predictions: ClvPredictions;
}

type Spend = Histories & { readonly m: Float64Array };

function stopwatch(): { timings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  return {
    timings,
    lap: (name) => {
      const t = performance.now();
      timings[name] = Math.round(t - t0);
      t0 = t;
    },
  };
}

/** Fit on the calibration summary, then check against the holdout and draw the tracking plot. */
function calibrate(input: ClvInput, o: ClvAnalysisOptions, progress: Progress): { fitted: FittedPair; rows: Compressed; part: ClvCalibrationPart } {
  const { timings, lap } = stopwatch();
  const unitDays = o.unit === 'week' ? 7 : 1;
  const label = CLV_MODEL_LABELS[o.model];
  progress(input.current ? `Fitting ${label} to the calibration period` : `Fitting ${label}`, 0.05);
  // Each summary compressed once to its distinct (x, t_x, T) histories, for the fits and the predictions.
  const rows = compressRows([input.x, input.tx, input.T]);
  const fitted = fitPair(o.model, input, rows, o);
  lap('calibrationFit');

  progress('Checking against the holdout', 0.3);
  const holdoutPredicted =
    input.holdoutDuration !== null && input.holdoutDuration > 0 ? expectedPurchasesIn(fitted.fitted.predictor, input, input.holdoutDuration, rows) : null;
  const holdout =
    input.xHoldout && holdoutPredicted && input.holdoutDuration !== null ? holdoutAccuracy(holdoutPredicted, input.xHoldout, input.holdoutDuration) : null;
  const byFreq = input.xHoldout && holdoutPredicted ? byFrequency(input.x, input.xHoldout, holdoutPredicted) : [];
  const endDay = Math.round((input.holdoutDuration ?? 0) * unitDays);
  const tracking = trackingSeries(input.T, unitDays, endDay, fitted.fitted.expected, input.repeatDays);
  lap('holdout');
  return { fitted, rows, part: { calibration: fitted.pair, holdout, byFrequency: byFreq, tracking, timings } };
}

/**
 * The final fit on `target` — fitted here (starting from `fit.warm` when given) or reused as is
 * (`fit.reuse`, without a holdout the calibration fit is the final one) — and the per-customer
 * predictions with their charts.
 */
function conclude(
  target: Spend,
  firstDays: Float64Array | undefined,
  o: ClvAnalysisOptions,
  progress: Progress,
  fit: { readonly reuse: FittedPair; readonly rows: Compressed } | { readonly warm?: FittedPair },
): ClvFinalPart {
  const { timings, lap } = stopwatch();
  const unitDays = o.unit === 'week' ? 7 : 1;
  let final: FittedPair;
  let rows: Compressed;
  if ('reuse' in fit) {
    final = fit.reuse;
    rows = fit.rows;
  } else {
    progress(`Fitting ${CLV_MODEL_LABELS[o.model]} again to all purchases up to the as-of date`, 0.45);
    rows = compressRows([target.x, target.tx, target.T]);
    final = fitPair(o.model, target, rows, o, fit.warm);
    lap('finalFit');
  }

  progress('Predicting per customer', 0.7);
  const nt = target.x.length;
  // Cash flows by month (as lifetimes' customer_lifetime_value), discounted at the annual rate.
  const periodLength = 365.25 / 12 / unitDays;
  const periods = Math.max(1, Math.round(o.horizon / periodLength));
  const predictions = predictCustomers(final.fitted.predictor, final.gg.params, target, o.horizon, {
    periods,
    periodLength: o.horizon / periods,
    discountRate: Math.pow(1 + o.discountRate, ((o.horizon / periods) * unitDays) / 365) - 1,
    margin: o.margin,
  }, rows);
  lap('predict');

  progress('Drawing', 0.9);
  const matrix = pAliveMatrix(final.fitted.predictor, target.x, target.T);
  const hist = histogram(predictions.clv);
  const firstDay = firstDays && firstDays.length === nt ? firstDays : null;
  const cohorts = firstDay ? { month: clvByCohort(firstDay, predictions.clv, 'month'), quarter: clvByCohort(firstDay, predictions.clv, 'quarter') } : { month: [], quarter: [] };
  lap('charts');

  let repeatBuyers = 0;
  let sumE = 0;
  let sumClv = 0;
  let sumP = 0;
  for (let i = 0; i < nt; i++) {
    if (target.x[i] > 0) repeatBuyers++;
    sumE += predictions.expectedPurchases[i];
    sumClv += predictions.clv[i];
    sumP += predictions.pAlive[i];
  }
  progress('Done', 1);
  return {
    pair: final.pair,
    cohorts,
    pAliveMatrix: matrix,
    clvHistogram: hist,
    totals: { customers: nt, repeatBuyers, expectedPurchases: sumE, clv: sumClv, meanClv: sumClv / nt, meanPAlive: sumP / nt },
    timings,
    predictions,
  };
}

/** One run from its parts; `calibration` is null without a holdout (the final fit is the calibration fit). */
export function mergeClvParts(o: ClvAnalysisOptions, calibration: ClvCalibrationPart, final: ClvFinalPart, refit: boolean): ClvRun {
  return {
    analysis: {
      options: o,
      transactions: final.pair.transactions,
      spend: final.pair.spend,
      reading: final.pair.reading,
      calibration: refit ? calibration.calibration : null,
      cohorts: final.cohorts,
      holdout: calibration.holdout,
      byFrequency: calibration.byFrequency,
      tracking: calibration.tracking,
      pAliveMatrix: final.pAliveMatrix,
      clvHistogram: final.clvHistogram,
      totals: final.totals,
      timings: { ...calibration.timings, ...final.timings },
    },
    predictions: final.predictions,
  };
}

/**
 * Fit, check and predict: everything the cell shows. With a holdout (input.current given),
 * the models are first fitted on the calibration period and checked against the holdout, then
 * fitted again on all purchases up to the as-of date — what analysts do after validating — and
 * the per-customer predictions come from that final fit (started from the calibration fit).
 */
export function analyzeClv(input: ClvInput, o: ClvAnalysisOptions, progress: Progress = () => undefined): ClvRun {
  check(input, o);
  const c = calibrate(input, o, progress);
  const final = input.current
    ? conclude(input.current, input.firstDay, o, progress, { warm: c.fitted })
    : conclude(input, input.firstDay, o, progress, { reuse: c.fitted, rows: c.rows });
  return mergeClvParts(o, c.part, final, input.current !== undefined);
}

/**
 * The two halves of a run with a holdout, each on its own (two workers run them at once, as
 * the final fit then starts cold instead of from the calibration fit): the calibration fit
 * with its holdout check, and the final fit with the predictions. mergeClvParts joins them.
 */
export function analyzeClvCalibration(input: ClvInput, o: ClvAnalysisOptions, progress: Progress = () => undefined): ClvCalibrationPart {
  check(input, o);
  return calibrate(input, o, progress).part;
}

export function analyzeClvFinal(target: Spend, firstDay: Float64Array | undefined, o: ClvAnalysisOptions, progress: Progress = () => undefined): ClvFinalPart {
  if (target.x.length === 0) throw new ClvError('There are no customers with purchases to predict for.', 'Check that purchases are mapped.');
  return conclude(target, firstDay, o, progress, {});
}
