/** Shared shapes of the CLV library: inputs, fit options and fit results. */

/**
 * Per-customer purchase history in model time units (days or weeks):
 * `x` repeat purchases, `tx` time of the last purchase since the first, `T` time from the
 * first purchase to the end of calibration. `weights` counts identical customers (default 1).
 */
export interface RfmInput {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  /** The rows are already distinct (from `compressRows`, with their weights): skip compressing them again. */
  readonly unique?: boolean;
}

export interface FitOptions<P> {
  /** L2 penalty on the parameters added to the mean negative log-likelihood (lifetimes' penalizer_coef). */
  readonly penalizer?: number;
  /** Starting values; sensible data-based defaults otherwise. */
  readonly initial?: Partial<P>;
  /** Maximum optimiser iterations (BFGS; Nelder–Mead gets more). */
  readonly maxIterations?: number;
  /**
   * Curvature to start BFGS with: a previous fit's `inverseHessian` (of the mean objective in
   * log-parameters). With `initial`, a refit to similar data (calibration → all data) then takes
   * a few iterations instead of a few dozen.
   */
  readonly initialInverseHessian?: Float64Array;
}

export type ModelName = 'bg-nbd' | 'modified-bg-nbd' | 'pareto-nbd' | 'gamma-gamma' | 'bg-bb' | 'shifted-beta-geometric';

export interface FitResult<P> {
  readonly model: ModelName;
  readonly params: P;
  /** Standard errors from the numerical Hessian (delta method); NaN when the Hessian is not invertible. */
  readonly standardErrors: { readonly [K in keyof P]: number };
  /** Log-likelihood of the data at `params` (without the penalty). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Which optimiser produced the answer. */
  readonly method: 'bfgs' | 'nelder-mead' | 'none';
  /** Number of customers (sum of weights) the fit used. */
  readonly customers: number;
  /** Plain-language notes when something about the data or the fit is off; empty when all is well. */
  readonly diagnosis: string[];
  /** Inverse Hessian of the mean objective in log-parameters at the estimate (seed of a refit); null when singular. */
  readonly inverseHessian?: Float64Array | null;
}

/**
 * What a transaction model predicts about one customer, split the way every model here
 * factorises: E[purchases in (T, T+t] | x, t_x, T] = expectedIfAlive(t, x, T) · pAlive(x, t_x, T).
 * The first factor does not depend on t_x, which lets CLV work per (x, T) pair.
 */
export interface TransactionPredictor {
  pAlive(x: number, tx: number, T: number): number;
  /** Expected purchases in the next t time units for a customer known to be active at T. */
  expectedIfAlive(t: number, x: number, T: number): number;
}
