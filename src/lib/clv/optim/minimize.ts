/**
 * The library's optimiser: BFGS with gradients (analytic or central differences), falling
 * back to Nelder–Mead when BFGS stalls, then polishing the simplex answer with BFGS again.
 */
import { bfgs } from './bfgs';
import { withNumericGradient } from './differences';
import { nelderMead } from './nelderMead';
import type { MinimizeOptions, MinimizeResult, Objective } from './types';

export interface MinimizeOutcome extends MinimizeResult {
  readonly method: 'bfgs' | 'nelder-mead';
}

export function minimize(f: Objective, x0: Float64Array, analyticGradient: boolean, options: MinimizeOptions = {}): MinimizeOutcome {
  const fg = analyticGradient ? f : withNumericGradient(f);
  const first = bfgs(fg, x0, options);
  if (first.converged) return { ...first, method: 'bfgs' };
  const start = Number.isFinite(first.f) ? first.x : x0;
  const nm = nelderMead((x) => f(x, null), start, { maxIterations: 400 * x0.length * 4 });
  const polish = bfgs(fg, nm.x, options);
  const iterations = first.iterations + nm.iterations + polish.iterations;
  const evaluations = first.evaluations + nm.evaluations + polish.evaluations;
  if (polish.converged || !(nm.f < polish.f)) {
    return { ...polish, iterations, evaluations, method: 'nelder-mead', reason: `BFGS stopped (${first.reason}); Nelder–Mead then BFGS: ${polish.reason}` };
  }
  return { ...nm, iterations, evaluations, method: 'nelder-mead', reason: `BFGS stopped (${first.reason}); Nelder–Mead: ${nm.reason}` };
}
