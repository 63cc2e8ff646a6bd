import { describe, expect, it } from 'vitest';
import { bfgs, invertSpd, minimize, nelderMead, numericalHessian, withNumericGradient, type Objective } from '../../../src/lib/clv/optim';

// Rosenbrock's banana valley: minimum 0 at (1, 1), hard for naive descent.
const rosenbrock: Objective = (v, g) => {
  const [x, y] = v;
  if (g) {
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
  }
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
};

describe('optimiser', () => {
  it('BFGS with a Wolfe line search solves Rosenbrock from the classic start', () => {
    const r = bfgs(rosenbrock, Float64Array.of(-1.2, 1));
    expect(r.converged).toBe(true);
    expect(r.f).toBeLessThan(1e-11);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.iterations).toBeLessThan(60);
  });

  it('BFGS also converges with central-difference gradients', () => {
    const r = bfgs(withNumericGradient(rosenbrock), Float64Array.of(-1.2, 1));
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('Nelder–Mead finds the minimum without gradients', () => {
    const r = nelderMead((v) => rosenbrock(v, null), Float64Array.of(-1.2, 1), { maxIterations: 5000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('falls back to Nelder–Mead when the objective is only piecewise smooth', () => {
    // |x| + |y − 1| has no gradient at its minimum: BFGS cannot certify it, the simplex can.
    const kinked: Objective = (v, g) => {
      if (g) {
        g[0] = Math.sign(v[0]);
        g[1] = Math.sign(v[1] - 1);
      }
      return Math.abs(v[0]) + Math.abs(v[1] - 1);
    };
    const r = minimize(kinked, Float64Array.of(2, -3), true);
    expect(r.method).toBe('nelder-mead');
    expect(r.f).toBeLessThan(1e-6);
  });

  it('steps back from regions where the objective is not finite', () => {
    const logBarrier: Objective = (v, g) => {
      if (v[0] <= 0) return Infinity;
      if (g) g[0] = 1 - 1 / v[0];
      return v[0] - Math.log(v[0]);
    };
    const r = bfgs(logBarrier, Float64Array.of(5));
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  it('computes Hessians and inverts them, refusing indefinite ones', () => {
    const quad: Objective = (v, g) => {
      if (g) {
        g[0] = 4 * v[0] + v[1];
        g[1] = v[0] + 2 * v[1];
      }
      return 2 * v[0] ** 2 + v[0] * v[1] + v[1] ** 2;
    };
    for (const analytic of [true, false]) {
      const H = numericalHessian(quad, Float64Array.of(0.3, -0.2), analytic);
      [4, 1, 1, 2].forEach((v, i) => expect(H[i]).toBeCloseTo(v, 5));
    }
    const inv = invertSpd(Float64Array.of(4, 1, 1, 2), 2) as Float64Array;
    [2 / 7, -1 / 7, -1 / 7, 4 / 7].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 12));
    expect(invertSpd(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });
});
