/** Options of the generator, validated and turned into the period and warp every customer shares. */
import { DEMO_DEFAULTS, DEMO_TRUE_PARAMETERS, type BgNbdParameters, type GammaGammaParameters } from './parameters';
import { TimeWarp } from './seasonality';
import { TimestampFormatter, parseIsoDate, addMonths, DAY, WEEK } from './time';
import { mix32 } from './random';

export interface RetailerOptions {
  /** Number of customers (default 20 000). */
  customers?: number;
  /** Any integer; same seed and options give byte-identical output (default 42). */
  seed?: number;
  /**
   * Strength of the seasonal time-warp, 0…1 (default 1). 0 makes purchase times exactly the
   * BG/NBD process (no December peak, no weekday or time-of-day pattern).
   */
  seasonality?: number;
  /** Last day of data, 'YYYY-MM-DD' (default '2025-06-30'); the data ends at its midnight. */
  end?: string;
  /** Length of the period in months, ending on `end` (default 30). */
  months?: number;
  /** Weeks at the end of the period with no new customers (default 13). */
  quietWeeks?: number;
  /** Override the true BG/NBD parameters (tests only; the defaults are documented). */
  bgnbd?: Partial<BgNbdParameters>;
  /** Override the true Gamma-Gamma parameters. */
  gammaGamma?: Partial<GammaGammaParameters>;
  /** Customers per yielded CSV chunk (default 2000); bounds memory on large runs. */
  chunkCustomers?: number;
}

export interface ResolvedOptions {
  readonly customers: number;
  readonly seed: number;
  readonly seasonality: number;
  readonly end: string;
  readonly months: number;
  readonly quietWeeks: number;
  readonly bgnbd: Readonly<BgNbdParameters>;
  readonly gammaGamma: Readonly<GammaGammaParameters>;
  readonly chunkCustomers: number;
}

/** Everything a customer's simulation needs that does not depend on the customer. */
export interface SimulationContext {
  readonly options: ResolvedOptions;
  /** Seconds (naive timestamps): first instant of the period and the exclusive end. */
  readonly start: number;
  readonly end: number;
  readonly acquisitionEnd: number;
  readonly warp: TimeWarp;
  readonly format: TimestampFormatter;
  /** Operational times (see TimeWarp) of start, acquisitionEnd and end. */
  readonly startU: number;
  readonly acquisitionEndU: number;
  readonly endU: number;
  /** Hash of the seed, for choices shared by all customers (campaign send times). */
  readonly seedHash: number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1 (got ${value})`);
  return value;
}

function positiveParams<T extends object>(name: string, params: T): T {
  for (const [key, value] of Object.entries(params)) {
    if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new RangeError(`${name}.${key} must be a positive number (got ${String(value)})`);
    }
  }
  return params;
}

export function resolveOptions(options: RetailerOptions = {}): ResolvedOptions {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (got ${seed})`);
  const seasonality = options.seasonality ?? DEMO_DEFAULTS.seasonality;
  if (!(seasonality >= 0 && seasonality <= 1)) throw new RangeError(`seasonality must be between 0 and 1 (got ${seasonality})`);
  const quietWeeks = options.quietWeeks ?? DEMO_DEFAULTS.quietWeeks;
  if (!Number.isInteger(quietWeeks) || quietWeeks < 0) throw new RangeError(`quietWeeks must be a whole number ≥ 0 (got ${quietWeeks})`);
  const months = positiveInteger('months', options.months ?? DEMO_DEFAULTS.months);
  if (months * 4 <= quietWeeks + 4) throw new RangeError(`the period (${months} months) must be longer than quietWeeks (${quietWeeks}) plus a month`);
  const gg = positiveParams('gammaGamma', { ...DEMO_TRUE_PARAMETERS.gammaGamma, ...options.gammaGamma });
  if (gg.q <= 1) throw new RangeError(`gammaGamma.q must be above 1 so the mean spend exists (got ${gg.q})`);
  return {
    customers: positiveInteger('customers', options.customers ?? DEMO_DEFAULTS.customers),
    seed,
    seasonality,
    end: options.end ?? DEMO_DEFAULTS.end,
    months,
    quietWeeks,
    bgnbd: positiveParams('bgnbd', { ...DEMO_TRUE_PARAMETERS.bgnbd, ...options.bgnbd }),
    gammaGamma: gg,
    chunkCustomers: positiveInteger('chunkCustomers', options.chunkCustomers ?? 2000),
  };
}

export function createContext(options: ResolvedOptions): SimulationContext {
  const endDay = parseIsoDate(options.end) + 1; // exclusive: the data runs to the end of `end`
  const startDay = addMonths(endDay, -options.months);
  const start = startDay * DAY;
  const end = endDay * DAY;
  const acquisitionEnd = end - options.quietWeeks * WEEK;
  const warp = new TimeWarp(start, end, options.seasonality);
  return {
    options,
    start,
    end,
    acquisitionEnd,
    warp,
    // Signup dates can precede the period by a few weeks; events never leave it.
    format: new TimestampFormatter(startDay - 60, endDay + 1),
    startU: warp.toOperational(start),
    acquisitionEndU: warp.toOperational(acquisitionEnd),
    endU: warp.toOperational(end),
    seedHash: mix32((options.seed >>> 0) ^ mix32(Math.floor(options.seed / 4294967296) >>> 0)),
  };
}
