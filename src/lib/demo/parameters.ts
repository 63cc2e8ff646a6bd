/**
 * The true parameters of the demo retailer: what a correct model fit should recover.
 * docs/demo-data.md explains each one and why it was chosen.
 */

/** BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"); time unit: week. */
export interface BgNbdParameters {
  /** Shape of the Gamma heterogeneity of the purchase rate λ. */
  r: number;
  /** Rate ("scale-inverse") of that Gamma, in weeks: λ ~ Gamma(shape r, rate α), E[λ] = r/α per week. */
  alpha: number;
  /** Beta(a, b) heterogeneity of the dropout probability p after each repeat purchase. */
  a: number;
  b: number;
}

/** Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"). */
export interface GammaGammaParameters {
  /** Shape of each transaction's value z ~ Gamma(p, ν). */
  p: number;
  /** ν ~ Gamma(shape q, rate γ); E[z] = p·γ/(q − 1). */
  q: number;
  /** In currency units. */
  gamma: number;
}

export interface DemoTrueParameters {
  readonly timeUnit: 'week';
  readonly bgnbd: Readonly<BgNbdParameters>;
  readonly gammaGamma: Readonly<GammaGammaParameters>;
  /** Derived expectations, for quick sanity checks. */
  readonly expected: {
    readonly purchaseRatePerWeek: number;
    readonly dropoutProbability: number;
    readonly transactionValue: number;
  };
}

const bgnbd = { r: 0.75, alpha: 8, a: 0.6, b: 2.5 } as const;
const gammaGamma = { p: 3, q: 5, gamma: 80 } as const;

export const DEMO_TRUE_PARAMETERS: DemoTrueParameters = Object.freeze({
  timeUnit: 'week',
  bgnbd: Object.freeze({ ...bgnbd }),
  gammaGamma: Object.freeze({ ...gammaGamma }),
  expected: Object.freeze({
    purchaseRatePerWeek: bgnbd.r / bgnbd.alpha,
    dropoutProbability: bgnbd.a / (bgnbd.a + bgnbd.b),
    transactionValue: (gammaGamma.p * gammaGamma.gamma) / (gammaGamma.q - 1),
  }),
});

/** Defaults of `generateRetailer`; a fixed end date keeps the data reproducible. */
export interface DemoDefaults {
  readonly customers: number;
  readonly seed: number;
  readonly seasonality: number;
  readonly end: string;
  readonly months: number;
  readonly quietWeeks: number;
  readonly acquisitionGrowth: number;
}

export const DEMO_DEFAULTS: DemoDefaults = Object.freeze({
  customers: 20_000,
  seed: 42,
  seasonality: 1,
  end: '2025-06-30',
  /** Length of the period, in months, ending on `end`. */
  months: 30,
  /** No first purchases in the last weeks of the period, so every customer is observed a while. */
  quietWeeks: 13,
  /** Acquisition rate at the end of the acquisition period relative to its start, minus 1. */
  acquisitionGrowth: 0.5,
});

/** Channel mix of new business over the period: store falls, app rises (linear in time). */
export const CHANNEL_DRIFT = Object.freeze({
  start: Object.freeze({ web: 0.37, store: 0.55, app: 0.08 }),
  end: Object.freeze({ web: 0.38, store: 0.32, app: 0.3 }),
  /** Probability that an order goes through the customer's own (signup) channel. */
  loyalty: 0.6,
});
