/**
 * Named RFM segments as editable score rules. A rule lists score ranges (each optional) on
 * R, F, M and FM; the FIRST rule whose ranges all hold names the customer's segment, so rule
 * order settles overlaps and every customer lands in exactly one segment. A rule set must
 * cover all 125 (R, F, M) combinations: validation says which ones it misses.
 *
 * FM is the rounded mean of F and M, halves rounded up: FM = ⌊(F + M + 1) / 2⌋.
 */

export type ScoreSpan = readonly [low: number, high: number];

export interface RfmRule {
  readonly name: string;
  readonly r?: ScoreSpan;
  readonly f?: ScoreSpan;
  readonly m?: ScoreSpan;
  readonly fm?: ScoreSpan;
}

export const SCORE_FIELDS = ['r', 'f', 'm', 'fm'] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];

/**
 * The usual eleven segments on the R × FM grid (rows R 5…1, columns FM 1…5):
 *
 *   R 5 | New Customers      | Potential Loyalists | Potential Loyalists | Champions       | Champions
 *   R 4 | Promising          | Potential Loyalists | Potential Loyalists | Loyal Customers | Loyal Customers
 *   R 3 | About to Sleep     | About to Sleep      | Need Attention      | Loyal Customers | Loyal Customers
 *   R 2 | Hibernating        | Hibernating         | At Risk             | At Risk         | Can't Lose Them
 *   R 1 | Lost               | Lost                | At Risk             | At Risk         | Can't Lose Them
 *
 * Disjoint and covering, so their order does not matter; edited rules may overlap.
 */
export const DEFAULT_RFM_RULES: readonly RfmRule[] = [
  { name: 'Champions', r: [5, 5], fm: [4, 5] },
  { name: 'Loyal Customers', r: [3, 4], fm: [4, 5] },
  { name: 'Potential Loyalists', r: [4, 5], fm: [2, 3] },
  { name: 'New Customers', r: [5, 5], fm: [1, 1] },
  { name: 'Promising', r: [4, 4], fm: [1, 1] },
  { name: 'Need Attention', r: [3, 3], fm: [3, 3] },
  { name: 'About to Sleep', r: [3, 3], fm: [1, 2] },
  { name: 'At Risk', r: [1, 2], fm: [3, 4] },
  { name: "Can't Lose Them", r: [1, 2], fm: [5, 5] },
  { name: 'Hibernating', r: [2, 2], fm: [1, 2] },
  { name: 'Lost', r: [1, 1], fm: [1, 2] },
];

/** FM from F and M, halves rounded up (the same formula as the SQL). */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

function holds(span: ScoreSpan | undefined, score: number): boolean {
  return span === undefined || (score >= span[0] && score <= span[1]);
}

/** The segment a score combination lands in (first matching rule), or null when none matches. */
export function segmentForScores(rules: readonly RfmRule[], r: number, f: number, m: number): string | null {
  const scores: Record<ScoreField, number> = { r, f, m, fm: fmScore(f, m) };
  const rule = rules.find((x) => SCORE_FIELDS.every((k) => holds(x[k], scores[k])));
  return rule ? rule.name : null;
}

/** Every (R, F, M) combination that no rule matches. */
export function uncoveredScores(rules: readonly RfmRule[]): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) if (segmentForScores(rules, r, f, m) === null) out.push([r, f, m]);
    }
  }
  return out;
}
