/**
 * The history of one customer's P(alive), as lifetimes' `plot_history_alive` draws it
 * (`lifetimes.utils.calculate_alive_path`): on every day from the first purchase to the end,
 * the fitted model's P(alive | x, t_x, T) from the customer's own purchases up to that day —
 * x = repeat purchase days so far, t_x = first to latest purchase so far, T = first purchase to
 * that day, in the model's unit. It jumps up at each purchase and decays in between.
 *
 * Purchases are counted per calendar day, as the lifetime-value cell counts them
 * (src/lib/clv/cell/summaryTables.ts), so the last point equals the customer's p_alive that
 * the cell wrote onto customer_features when the same fit is used.
 */
import { bgNbdPAlive, modifiedBgNbdPAlive, paretoNbdPAlive } from '../clv';

export type AliveModelName = 'bgnbd' | 'mbgnbd' | 'paretonbd';

export const ALIVE_MODEL_LABELS: Readonly<Record<AliveModelName, string>> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
};

/** A fitted transaction model: its parameters, and the unit its times are in. */
export type FittedAliveModel =
  | { readonly model: 'bgnbd' | 'mbgnbd'; readonly params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number }; readonly unitDays: number }
  | { readonly model: 'paretonbd'; readonly params: { readonly r: number; readonly alpha: number; readonly s: number; readonly beta: number }; readonly unitDays: number };

/** P(alive | x, t_x, T) under the fitted model (times in the model's unit). */
export function pAliveOf(m: FittedAliveModel, x: number, tx: number, T: number): number {
  switch (m.model) {
    case 'bgnbd':
      return bgNbdPAlive(m.params, x, tx, T);
    case 'mbgnbd':
      return modifiedBgNbdPAlive(m.params, x, tx, T);
    case 'paretonbd':
      return paretoNbdPAlive(m.params, x, tx, T);
  }
}

export interface AlivePoint {
  /** Days since 1970-01-01. */
  readonly day: number;
  readonly pAlive: number;
  /** The customer bought on this day. */
  readonly purchase: boolean;
}

export interface AliveHistoryOptions {
  /**
   * Days between points (purchase days and the last day are always included). Default: 1,
   * or 7 when the history is longer than `maxDailyDays`.
   */
  readonly step?: number;
  readonly maxDailyDays?: number;
}

/**
 * P(alive) from the first purchase day to `endDay` (both days since 1970-01-01).
 * `purchaseDays` may be unsorted and repeat; days after `endDay` are ignored. Empty without a
 * purchase up to `endDay`.
 */
export function aliveHistory(m: FittedAliveModel, purchaseDays: readonly number[], endDay: number, options: AliveHistoryOptions = {}): AlivePoint[] {
  const days = [...new Set(purchaseDays.filter((d) => Number.isFinite(d) && d <= endDay).map((d) => Math.floor(d)))].sort((a, b) => a - b);
  if (days.length === 0) return [];
  const first = days[0];
  const span = endDay - first;
  const step = Math.max(1, Math.floor(options.step ?? (span > (options.maxDailyDays ?? 1500) ? 7 : 1)));
  const purchases = new Set(days);
  const at = new Set<number>(days);
  for (let d = first; d <= endDay; d += step) at.add(d);
  at.add(endDay);
  const unit = m.unitDays;
  const out: AlivePoint[] = [];
  let k = 0; // purchase days up to the current day
  for (const day of [...at].sort((a, b) => a - b)) {
    while (k < days.length && days[k] <= day) k++;
    const last = days[k - 1];
    out.push({ day, pAlive: pAliveOf(m, k - 1, (last - first) / unit, (day - first) / unit), purchase: purchases.has(day) });
  }
  return out;
}

const PARAM_NAMES: Readonly<Record<string, string>> = { α: 'alpha', β: 'beta', γ: 'gamma' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function positive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/**
 * The final fit of a lifetime-value cell's run data (`{ analysis: { options: { model, unit },
 * transactions: { parameters: [{ name, value }] } } }`), or null when it holds none this page
 * can use. Parameter names may be written as in the cell's tables (α, β).
 */
export function fittedModelFromClvRun(data: unknown): FittedAliveModel | null {
  if (!isRecord(data) || !isRecord(data.analysis)) return null;
  const { options, transactions } = data.analysis;
  if (!isRecord(options) || !isRecord(transactions) || !Array.isArray(transactions.parameters)) return null;
  const unitDays = options.unit === 'week' ? 7 : options.unit === 'day' ? 1 : null;
  if (unitDays === null) return null;
  const p: Record<string, number> = {};
  for (const e of transactions.parameters) {
    if (!isRecord(e) || typeof e.name !== 'string' || !positive(e.value)) continue;
    p[PARAM_NAMES[e.name] ?? e.name] = e.value;
  }
  if (!positive(p.r) || !positive(p.alpha)) return null;
  if ((options.model === 'bgnbd' || options.model === 'mbgnbd') && positive(p.a) && positive(p.b)) {
    return { model: options.model, params: { r: p.r, alpha: p.alpha, a: p.a, b: p.b }, unitDays };
  }
  if (options.model === 'paretonbd' && positive(p.s) && positive(p.beta)) {
    return { model: 'paretonbd', params: { r: p.r, alpha: p.alpha, s: p.s, beta: p.beta }, unitDays };
  }
  return null;
}

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
