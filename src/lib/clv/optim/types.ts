/**
 * An objective to minimise. It returns f(x) and, when `grad` is given, writes ∇f(x) into it.
 * Returning a non-finite value means "outside the usable region"; optimisers step back.
 */
export type Objective = (x: Float64Array, grad: Float64Array | null) => number;

export interface MinimizeOptions {
  readonly maxIterations?: number;
  /** Stop when every gradient component is below this (objective units per unit of x). */
  readonly gradientTolerance?: number;
  /** BFGS only: a starting inverse-Hessian estimate (row-major), e.g. from a fit to a subsample. */
  readonly initialInverseHessian?: Float64Array;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Largest gradient component at x (NaN for Nelder–Mead). */
  readonly gradientNorm: number;
  /** Why the optimiser stopped, in words. */
  readonly reason: string;
}
