/**
 * Histogram bins with round edges (…, 0, 25, 50, … rather than 3.17, 8.42, …) so the
 * small chart beside each column reads at a glance.
 */

export interface BinPlan {
  /** Left edge of bin 0. */
  start: number;
  /** Bin width. */
  step: number;
  count: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/**
 * Bins covering [lo, hi]: about `target` of them, round-edged; whole-unit wide at least for
 * integers and days (so 1–5 stars get five bins, not twenty slivers). Null when lo = hi.
 */
export function planBins(lo: number, hi: number, target: number, wholeUnits: boolean): BinPlan | null {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return null;
  let step = niceStep((hi - lo) / target);
  if (wholeUnits) step = Math.max(1, Math.ceil(step));
  const start = Math.floor(lo / step) * step;
  // hi falls in the last bin even when it sits on an edge.
  const count = Math.max(1, Math.floor((hi - start) / step) + 1);
  return { start, step, count };
}
