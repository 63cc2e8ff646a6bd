/**
 * The shared fit step behind every model (lifetimes' BaseFitter in spirit): maximise a
 * likelihood over positive parameters by optimising log(p − lower) with BFGS (Nelder–Mead
 * fallback), add the optional L2 penalty, and derive standard errors from the Hessian.
 */
import { invertSpd, minimize, numericalHessian, type Objective } from './optim';
import type { FitOptions, FitResult, ModelName } from './types';

export interface ModelSpec {
  readonly model: ModelName;
  readonly names: readonly string[];
  /** Each parameter is lower + exp(θ); 0 for plain positivity. */
  readonly lower: Float64Array;
  readonly start: Float64Array;
  /** Typical size of each parameter for judging "extreme" estimates (default: the start). */
  readonly scale?: Float64Array;
  /** Total weighted negative log-likelihood; writes ∂/∂p into `grad` when given (analytic models only). */
  nll(p: Float64Array, grad: Float64Array | null): number;
  readonly analyticGradient: boolean;
  /** Sum of weights: the objective is the mean per customer, as in lifetimes. */
  readonly totalWeight: number;
}

export interface CoreFit {
  readonly params: Float64Array;
  readonly standardErrors: Float64Array;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly method: 'bfgs' | 'nelder-mead';
  readonly diagnosis: string[];
  /** Inverse Hessian of the mean objective in θ = log(p − lower); seeds BFGS in a follow-up fit. */
  readonly inverseHessian: Float64Array | null;
}

export type FitSpecOptions = Pick<FitOptions<unknown>, 'penalizer' | 'maxIterations' | 'initialInverseHessian'>;

export function fitSpec(spec: ModelSpec, options: FitSpecOptions = {}): CoreFit {
  const k = spec.names.length;
  const W = spec.totalWeight;
  const pen = options.penalizer ?? 0;
  const p = new Float64Array(k);
  const gp = new Float64Array(k);
  const toParams = (theta: Float64Array): boolean => {
    for (let i = 0; i < k; i++) {
      if (!(Math.abs(theta[i]) < 600)) return false;
      p[i] = spec.lower[i] + Math.exp(theta[i]);
    }
    return true;
  };
  const objective: Objective = (theta, grad) => {
    if (!toParams(theta)) return Infinity;
    const v = spec.nll(p, grad && spec.analyticGradient ? gp : null);
    if (!Number.isFinite(v)) return Infinity;
    let penalty = 0;
    for (let i = 0; i < k; i++) penalty += p[i] * p[i];
    if (grad) {
      for (let i = 0; i < k; i++) grad[i] = (gp[i] / W + 2 * pen * p[i]) * (p[i] - spec.lower[i]);
    }
    return v / W + pen * penalty;
  };
  const theta0 = Float64Array.from(spec.start, (v, i) => Math.log(Math.max(v - spec.lower[i], 1e-8)));
  const result = minimize(objective, theta0, spec.analyticGradient, {
    maxIterations: options.maxIterations ?? 250,
    initialInverseHessian: options.initialInverseHessian && options.initialInverseHessian.length === k * k ? options.initialInverseHessian : undefined,
  });
  const theta = result.x;
  toParams(theta);
  const params = Float64Array.from(p);
  const logLikelihood = -spec.nll(params, null);
  const diagnosis: string[] = [];
  if (!result.converged) {
    diagnosis.push(
      `The optimiser did not settle on a single best fit (${result.reason}); treat the parameters as approximate. ` +
        'This usually means the data carry little information about some parameter.',
    );
  }

  // Standard errors: invert the Hessian of the total objective in θ = log(p − lower), then
  // map back with the delta method (dp/dθ = p − lower).
  const total: Objective = (t, g) => {
    const v = objective(t, g);
    if (g) for (let i = 0; i < k; i++) g[i] *= W;
    return v * W;
  };
  const H = numericalHessian(total, theta, spec.analyticGradient);
  const cov = invertSpd(H, k);
  const standardErrors = new Float64Array(k).fill(NaN);
  if (cov) {
    for (let i = 0; i < k; i++) standardErrors[i] = (params[i] - spec.lower[i]) * Math.sqrt(cov[i * k + i]);
  } else {
    diagnosis.push(
      'Standard errors are unavailable: the likelihood is flat (or not curved upward) in some direction at the estimate, ' +
        'so this data cannot pin down every parameter.',
    );
  }
  // "Extreme" is judged against the data-based starting value, so that scale parameters
  // in large units (spend in cents, time in days) are not flagged.
  for (let i = 0; i < k; i++) {
    const free = params[i] - spec.lower[i];
    const scale = Math.max((spec.scale ?? spec.start)[i] - spec.lower[i], 1e-12);
    if (free > 1e7 * Math.max(1, scale) || free < 1e-7 * Math.min(1, scale)) {
      diagnosis.push(
        `Parameter ${spec.names[i]} ran to an extreme value (${params[i].toPrecision(3)}): the data push it toward a limit ` +
          'the model cannot reach, so predictions that depend on it are unreliable.',
      );
    }
  }
  const inverseHessian = cov ? Float64Array.from(cov, (v) => v * W) : null;
  return { params, standardErrors, logLikelihood, converged: result.converged, iterations: result.iterations, method: result.method, diagnosis, inverseHessian };
}

/** Named record from a parameter vector. */
export function named<P>(names: readonly (keyof P & string)[], values: Float64Array): P {
  const out: Record<string, number> = {};
  names.forEach((n, i) => (out[n] = values[i]));
  return out as P;
}

/** Assemble the public result from a core fit. */
export function toFitResult<P>(model: ModelName, names: readonly (keyof P & string)[], core: CoreFit, customers: number, extra: string[]): FitResult<P> {
  return {
    model,
    params: named<P>(names, core.params),
    standardErrors: named<{ [K in keyof P]: number }>(names, core.standardErrors),
    logLikelihood: core.logLikelihood,
    converged: core.converged,
    iterations: core.iterations,
    method: core.method,
    customers,
    diagnosis: [...core.diagnosis, ...extra],
    inverseHessian: core.inverseHessian,
  };
}

/** A result for data that cannot identify the model at all: no fit is attempted. */
export function unfittable<P>(model: ModelName, names: readonly (keyof P & string)[], customers: number, diagnosis: string[]): FitResult<P> {
  const nan = new Float64Array(names.length).fill(NaN);
  return {
    model,
    params: named<P>(names, nan),
    standardErrors: named<{ [K in keyof P]: number }>(names, nan),
    logLikelihood: NaN,
    converged: false,
    iterations: 0,
    method: 'none',
    customers,
    diagnosis,
  };
}

/** Starting values: user-provided ones override the defaults, by name. */
export function startValues<P>(names: readonly (keyof P & string)[], defaults: readonly number[], initial?: Partial<P>): Float64Array {
  return Float64Array.from(names, (n, i) => {
    const v = initial?.[n];
    return typeof v === 'number' && v > 0 ? v : defaults[i];
  });
}
