/**
 * The stitching report as SQL over the identity relations, one query per part, so the UI can
 * run them in parallel and show each when it arrives. Read the rows with readIdentityReport.
 */
import { ident, literal, sql, type Sql } from '../sql';
import {
  IDENTITY_EDGES,
  IDENTITY_IDENTIFIERS,
  IDENTITY_LINKS,
  IDENTITY_PEOPLE,
  IDENTITY_RECORD_IDS,
  IDENTITY_RECORD_ROOTS,
} from './relations';

export interface IdentityReportOptions {
  /** Rows in each list (largest clusters, conflicts, excluded identifiers); default 20. */
  readonly limit?: number;
  /** Sample identifier values shown per cluster or conflict; default 10. */
  readonly samples?: number;
}

export interface IdentityReportQueries {
  readonly summary: Sql;
  readonly sources: Sql;
  readonly types: Sql;
  readonly clusters: Sql;
  readonly conflicts: Sql;
  readonly splitIds: Sql;
  readonly excluded: Sql;
}

export type IdentityReportPart = keyof IdentityReportQueries;

const T = {
  edges: ident(IDENTITY_EDGES),
  identifiers: ident(IDENTITY_IDENTIFIERS),
  links: ident(IDENTITY_LINKS),
  people: ident(IDENTITY_PEOPLE),
  ids: ident(IDENTITY_RECORD_IDS),
  roots: ident(IDENTITY_RECORD_ROOTS),
};

/** Each record with its source and the size of its person. */
const RECORDS = sql`SELECT r.rec, r.source, x.root, p.records AS size, p.sources AS person_sources
FROM ${T.ids} r JOIN ${T.roots} x USING (rec) JOIN ${T.people} p ON p.root = x.root`;

export function identityReportSql(options: IdentityReportOptions = {}): IdentityReportQueries {
  const limit = literal(Math.max(1, Math.floor(options.limit ?? 20)));
  const samples = literal(Math.max(1, Math.floor(options.samples ?? 10)));
  return {
    summary: sql`SELECT count(*) AS records, count(DISTINCT root) AS people,
  count(*) FILTER (WHERE size > 1) AS merged_records,
  count(DISTINCT root) FILTER (WHERE size > 1) AS merged_people,
  count(DISTINCT root) FILTER (WHERE person_sources > 1) AS people_in_several_sources,
  coalesce(max(size), 0) AS largest
FROM (${RECORDS})`,

    sources: sql`SELECT source, count(*) AS records, count(DISTINCT root) AS people,
  count(*) FILTER (WHERE size > 1) AS merged_records,
  count(DISTINCT root) FILTER (WHERE person_sources > 1) AS people_also_elsewhere
FROM (${RECORDS}) GROUP BY source ORDER BY source`,

    // Per type: what was seen, what linked, and why the rest did not.
    types: sql`WITH seen AS (
  SELECT type,
    count(*) FILTER (WHERE status = 'blank') AS blank,
    count(*) FILTER (WHERE status = 'invalid') AS invalid,
    count(*) FILTER (WHERE status = 'placeholder') AS placeholder,
    count(*) FILTER (WHERE status = 'disabled') AS disabled
  FROM ${T.edges} GROUP BY type),
ids AS (
  SELECT type, count(*) AS "values",
    count(*) FILTER (WHERE links) AS linking_values,
    count(*) FILTER (WHERE status = 'over_shared') AS over_shared,
    count(*) FILTER (WHERE status = 'kept') AS kept
  FROM ${T.identifiers} GROUP BY type),
linked AS (
  SELECT i.type, count(DISTINCT l.rec) AS linked_records, count(DISTINCT x.root) AS linked_people
  FROM ${T.links} l JOIN ${T.identifiers} i USING (idn) JOIN ${T.roots} x USING (rec) GROUP BY i.type)
SELECT type, coalesce("values", 0) AS "values", coalesce(linking_values, 0) AS linking_values,
  coalesce(linked_records, 0) AS linked_records, coalesce(linked_people, 0) AS linked_people,
  blank, invalid, placeholder, disabled, coalesce(over_shared, 0) AS over_shared, coalesce(kept, 0) AS kept
FROM seen LEFT JOIN ids USING (type) LEFT JOIN linked USING (type) ORDER BY type`,

    // The largest people, for over-merge review: how many distinct values of each type they hold.
    clusters: sql`WITH top AS (SELECT root, person_id, records, sources FROM ${T.people} WHERE records > 1 ORDER BY records DESC, person_id LIMIT ${limit}),
members AS (SELECT t.root, r.rec, r.source FROM top t JOIN ${T.roots} x ON x.root = t.root JOIN ${T.ids} r ON r.rec = x.rec),
vals AS (SELECT DISTINCT m.root, e.type, e.value FROM members m JOIN ${T.edges} e USING (rec) WHERE e.status = 'ok')
SELECT t.person_id, t.records, t.sources AS source_count,
  (SELECT list(DISTINCT source ORDER BY source) FROM members m WHERE m.root = t.root) AS sources,
  (SELECT count(*) FROM vals v WHERE v.root = t.root AND v.type = 'email') AS emails,
  (SELECT count(*) FROM vals v WHERE v.root = t.root AND v.type = 'phone') AS phones,
  (SELECT count(*) FROM vals v WHERE v.root = t.root AND v.type = 'loyalty_card') AS loyalty_cards,
  (SELECT count(*) FROM vals v WHERE v.root = t.root AND v.type = 'customer_id') AS customer_ids,
  (SELECT count(*) FROM vals v WHERE v.root = t.root AND v.type = 'other') AS others,
  (SELECT list(v.type || ': ' || v.value ORDER BY v.type, v.value)[1:${samples}] FROM vals v WHERE v.root = t.root) AS sample
FROM top t ORDER BY t.records DESC, t.person_id`,

    // A linking identifier whose own records carry two or more values of another type (one
    // loyalty card, two emails). Customer ids of different systems are expected to differ.
    conflicts: sql`WITH pairs AS (
  SELECT i.idn, i.type, i.namespace, i.value, i.records, o.type AS other_type, o.namespace AS other_namespace,
    count(DISTINCT o.value) AS distinct_values, list(DISTINCT o.value ORDER BY o.value)[1:${samples}] AS other_values
  FROM ${T.identifiers} i JOIN ${T.links} l USING (idn) JOIN ${T.edges} o ON o.rec = l.rec
  WHERE o.status = 'ok' AND o.type <> i.type
  GROUP BY i.idn, i.type, i.namespace, i.value, i.records, o.type, o.namespace
  HAVING count(DISTINCT o.value) > 1)
SELECT type, namespace, value, records, other_type, other_namespace, distinct_values, other_values,
  count(*) OVER () AS total
FROM pairs ORDER BY distinct_values DESC, records DESC, type, value, other_type LIMIT ${limit}`,

    // One customer id, several people: its records were not linked by it (switched off,
    // over-shared) and nothing else joined them.
    splitIds: sql`WITH ids AS (
  SELECT e.type, e.namespace, e.value, coalesce(i.status, e.status) AS status,
    count(DISTINCT e.rec) AS records, count(DISTINCT x.root) AS people
  FROM ${T.edges} e JOIN ${T.roots} x USING (rec)
  LEFT JOIN ${T.identifiers} i ON i.type = e.type AND i.namespace = e.namespace AND i.value = e.value
  WHERE e.type = 'customer_id' AND e.status <> 'blank'
  GROUP BY e.type, e.namespace, e.value, coalesce(i.status, e.status)
  HAVING count(DISTINCT x.root) > 1)
SELECT *, count(*) OVER () AS total FROM ids ORDER BY people DESC, records DESC, namespace, value LIMIT ${limit}`,

    excluded: sql`SELECT type, namespace, value, records, combinations, status = 'kept' AS kept, count(*) OVER () AS total
FROM ${T.identifiers} WHERE status IN ('over_shared', 'kept')
ORDER BY combinations DESC, records DESC, type, value LIMIT ${limit}`,
  };
}
