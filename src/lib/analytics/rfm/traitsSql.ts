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
  const scored = ident(scoredRelation);
  const list = (each: (t: (typeof TRAITS)[number]) => Sql): Sql => join(TRAITS.map(each));
  const anyTrait = join(TRAITS.map(([name]) => sql`${f}.${ident(name)} IS NOT NULL`), ' OR ');
  return [
    // The data model creates these columns; a customer_features built by an older version may lack them.
    ...TRAITS.map(([name, type]) => sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS ${ident(name)} ${type}`),
    // Clear the scores a previous run left on customers this run does not score. Usually there
    // are none (a first run finds no scores; a re-run scores the same customers again), and one
    // positional pass proves it: every customer with scores has the same id at the same
    // position among the scored (both tables keep customer_id order). `stale` is then false
    // and empties both sides of the anti-join (NOT IN, a hash of every customer), which is
    // skipped. A mismatch — customers dropped, or rows in another order — only means running it.
    sql`WITH stale AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE p.kept AND p.customer_id IS DISTINCT FROM s.customer_id) > 0 AS possible
  FROM (SELECT customer_id, TRUE AS kept FROM ${f} WHERE ${anyTrait}) p
  POSITIONAL JOIN (SELECT customer_id FROM ${scored}) s
)
UPDATE ${f} SET ${list(([name]) => sql`${ident(name)} = NULL`)}
WHERE (${anyTrait})
  AND (SELECT possible FROM stale)
  AND ${f}.customer_id NOT IN (SELECT customer_id FROM ${scored} WHERE (SELECT possible FROM stale))`,
    // Only rows whose scores change are written (writing every row costs more than the join): a
    // re-run over the same data writes nothing, one with edited rules only the moved customers.
    sql`UPDATE ${f} SET ${list(([name, , value]) => sql`${ident(name)} = ${value}`)}
FROM ${scored} s
WHERE ${f}.customer_id = s.customer_id
  AND (${join(TRAITS.map(([name, , value]) => sql`${f}.${ident(name)} IS DISTINCT FROM ${value}`), ' OR ')})`,
  ];
}
