/** Fitting shared by BG/NBD and MBG/NBD: same likelihood shape, same diagnostics. */
import { betaGeoNll, prepareBetaGeo, type BetaGeoParams, type BetaGeoVariant } from './betaGeoCore';
import { fitSpec, startValues, toFitResult, unfittable, type ModelSpec } from './fit';
import { fewRepeatBuyers, prepareRfm, subsampleRows, unidentifiable, type RfmRows } from './rfm';
import type { FitOptions, FitResult, RfmInput } from './types';

const NAMES = ['r', 'alpha', 'a', 'b'] as const;
/** Above this many unique rows, start from a fit to a subsample. */
const WARM_START_ROWS = 40000;

export function fitBetaGeo(v: BetaGeoVariant, input: RfmInput, options: FitOptions<BetaGeoParams> = {}): FitResult<BetaGeoParams> {
  const model = v === 'bg' ? 'bg-nbd' : 'modified-bg-nbd';
  const rows = prepareRfm(input);
  const blockers = unidentifiable(rows);
  if (blockers.length) return unfittable<BetaGeoParams>(model, NAMES, rows.customers, blockers);
  // Start from r = 1 and α matching the observed repeat rate, a = b = 1.
  const initial = startValues<BetaGeoParams>(NAMES, [1, Math.max(rows.meanT / Math.max(rows.meanX, 1e-3), 1e-3), 1, 1], options.initial);
  let start = initial;
  const spec = (r: RfmRows, from: Float64Array): ModelSpec => {
    const data = prepareBetaGeo(r);
    return {
      model,
      names: NAMES,
      lower: new Float64Array(4),
      start: from,
      scale: initial,
      nll: (p, g) => betaGeoNll(v, data, p, g),
      analyticGradient: true,
      totalWeight: rows.customers,
    };
  };
  // Large data: most iterations happen far from the optimum, where a subsample points the same way.
  let curvature: Float64Array | undefined;
  let warmIterations = 0;
  // (Not when the caller seeds the fit with a previous fit's curvature: that start is better.)
  if (rows.x.length > WARM_START_ROWS && !options.initialInverseHessian) {
    const warm = fitSpec(spec(subsampleRows(rows, WARM_START_ROWS / 4), start), options);
    if (warm.params.every((p) => Number.isFinite(p) && p > 0)) {
      start = warm.params;
      curvature = warm.inverseHessian ?? undefined;
      warmIterations = warm.iterations;
    }
  }
  const full = fitSpec(spec(rows, start), { ...options, initialInverseHessian: curvature ?? options.initialInverseHessian });
  const core = { ...full, iterations: full.iterations + warmIterations };
  const [, , a, b] = core.params;
  const notes = fewRepeatBuyers(rows);
  // E[p] = a/(a+b) is the average chance of dropping out after a purchase.
  if (a / (a + b) < 1e-3) {
    notes.push(
      `The data show no sign of drop-out: the estimated chance of becoming inactive after a purchase is ${(a / (a + b)).toExponential(1)} ` +
        `(a = ${a.toPrecision(3)}), so the model has collapsed to the NBD — every customer is predicted to stay active and P(alive) ` +
        'is ≈ 1 for all. Use a longer calibration period, or a model without drop-out.',
    );
  }
  return toFitResult<BetaGeoParams>(model, NAMES, core, rows.customers, notes);
}
