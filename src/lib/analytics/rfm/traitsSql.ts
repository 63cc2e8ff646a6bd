/**
 * The RFM scores written onto customer_features, so segments, charts and SQL can use them:
 * rfm_recency, rfm_frequency, rfm_monetary (1–5), rfm_score (the three digits R F M as one
 * number, e.g. 545) and rfm_segment. Customers the run did not score (no purchase in the
 * window, or outside its segment) get NULL, so an older run's scores never linger.
 */
import { ident, join, sql, type Sql } from '../../sql';
import { CUSTOMER_FEATURES } from '../../model/relations';

const TRAITS: ReadonlyArray<readonly [name: string, type: Sql, value: Sql]> = [
  ['rfm_recency', sql`INTEGER`, sql`s.r`],
  ['rfm_frequency', sql`INTEGER`, sql`s.f`],
  ['rfm_monetary', sql`INTEGER`, sql`s.m`],
  ['rfm_score', sql`INTEGER`, sql`CAST(100 * s.r + 10 * s.f + s.m AS INTEGER)`],
  ['rfm_segment', sql`VARCHAR`, sql`s.segment`],
];

export const RFM_TRAITS: readonly string[] = TRAITS.map(([name]) => name);

/** Statements writing the scores of `scoredRelation` (columns of the RFM scores query) onto customer_features. */
export function rfmTraitsSql(scoredRelation: string): Sql[] {
  const f = ident(CUSTOMER_FEATURES);
  const list = (each: (t: (typeof TRAITS)[number]) => Sql): Sql => join(TRAITS.map(each));
  return [
    // The data model creates these columns; a customer_features built by an older version may lack them.
    ...TRAITS.map(([name, type]) => sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS ${ident(name)} ${type}`),
    // Only scores a previous run left on customers this run does not score: on a first run, or
    // a re-run over the same customers, nothing (a full-table UPDATE is the slowest step here).
    sql`UPDATE ${f} SET ${list(([name]) => sql`${ident(name)} = NULL`)}
WHERE (${join(TRAITS.map(([name]) => sql`${ident(name)} IS NOT NULL`), ' OR ')})
  AND ${f}.customer_id NOT IN (SELECT customer_id FROM ${ident(scoredRelation)})`,
    sql`UPDATE ${f} SET ${list(([name, , value]) => sql`${ident(name)} = ${value}`)}
FROM ${ident(scoredRelation)} s WHERE ${f}.customer_id = s.customer_id`,
  ];
}
