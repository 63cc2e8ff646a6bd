/** Weighted Pearson correlation; NaN when either variable does not vary. */
export function weightedCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, w: ArrayLike<number>): number {
  let sw = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    sw += w[i];
    ma += w[i] * a[i];
    mb += w[i] * b[i];
  }
  ma /= sw;
  mb /= sw;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    saa += w[i] * da * da;
    sbb += w[i] * db * db;
    sab += w[i] * da * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
