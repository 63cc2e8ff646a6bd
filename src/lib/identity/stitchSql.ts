/**
 * Identity stitching as SQL statements, compiled from a spec (pure: no engine here):
 *   prepare  — every (record, identifier value) of every source, normalised and judged; the
 *              identifiers that may link; record ↔ identifier links; record ↔ record pairs (each
 *              record to the smallest record of every identifier it carries); a first forest in
 *              which every record points at a smaller one (or itself)
 *   jump     — pointer jumping: every record takes its parent's parent. Repeated until nothing
 *              changes, every tree is a star (every record points at its root)
 *   hook     — every root joined by a pair to a smaller root points at the smallest such root.
 *              When a hook changes nothing, the stars are the connected components
 *   labelSum — parents only ever decrease, so an unchanged sum means nothing changed
 *   finish   — person ids, identity_records, identity_map, identity_people
 * Hooking roots onto smaller roots (Shiloach–Vishkin style) at least halves the number of
 * stars of a component per round, so a chain of n records settles in about log₂ n rounds,
 * where plain label propagation needs a step per link of the longest chain.
 * A person_id is a hash of the smallest (source name, record id) of the person, so it depends
 * on the records only — not on the order tables were loaded or listed, nor on the run.
 */
import { ident, join, literal, raw, sql, type Sql } from '../sql';
import { keySql } from '../model/expressions';
import { identifierNamespace, sourceName, type IdentifierType, type IdentitySource, type IdentitySpec } from './spec';
import { normalisedSql, statusSql } from './normalise';
import {
  IDENTITY_EDGES,
  IDENTITY_IDENTIFIERS,
  IDENTITY_LABELS,
  IDENTITY_LABELS_NEXT,
  IDENTITY_LINKS,
  IDENTITY_MAP,
  IDENTITY_PAIRS,
  IDENTITY_PEOPLE,
  IDENTITY_RAW,
  IDENTITY_RECORD_IDS,
  IDENTITY_RECORD_ROOTS,
  IDENTITY_RECORDS,
  IDENTITY_TABLES,
  IDENTITY_VALUES,
} from './relations';

export interface StitchPlan {
  /** Run in order once. */
  readonly prepare: readonly Sql[];
  /** One pointer-jumping step (run in order); repeat until labelSum stops changing. */
  readonly jump: readonly Sql[];
  /** One hooking step (run in order) on stars; when labelSum does not change, stitching is done. */
  readonly hook: readonly Sql[];
  /** One row, one column `total` (text, exact): the sum of all parents. */
  readonly labelSum: Sql;
  /** Run in order once, after the fixed point. */
  readonly finish: readonly Sql[];
}

/** A column's value as text, the way the data model reads ids (trimmed, blank → NULL, 17850.0 → 17850). */
function textOf(column: string, type: string | undefined): Sql {
  return keySql({ column, role: 'customer_id', type: type ?? 'VARCHAR' });
}

/**
 * One source's (record, identifier) rows. Rows without a record id are records of their own,
 * named '#' and their row number, so they never merge by a blank id.
 */
function sourceRowsSql(source: IdentitySource): Sql {
  const table = ident(source.table);
  const rowNumber = sql`CAST(${table}.rowid + 1 AS VARCHAR)`;
  const recordId = source.recordId === null ? rowNumber : sql`coalesce(${textOf(source.recordId, source.recordIdType)}, '#' || ${rowNumber})`;
  const ids = source.identifiers.map(
    (id) => sql`{'t': ${id.type}, 'ns': ${identifierNamespace(source, id)}, 'raw': ${textOf(id.column, id.columnType)}}`,
  );
  const body = sql`SELECT ${sourceName(source)} AS source, ${recordId} AS record_id, unnest([${join(ids)}]) AS id FROM ${table}`;
  // Records keyed by a column repeat on every row (order lines of one customer): keep one of each.
  const distinct = source.recordId === null ? sql`` : sql`DISTINCT `;
  return sql`SELECT ${distinct}source, record_id, struct_extract(id, 't') AS type, struct_extract(id, 'ns') AS namespace, struct_extract(id, 'raw') AS raw_value FROM (${body})`;
}

function typesUsed(spec: IdentitySpec): IdentifierType[] {
  const out: IdentifierType[] = [];
  for (const s of spec.sources) for (const id of s.identifiers) if (!out.includes(id.type)) out.push(id.type);
  return out;
}

/** A CASE over the identifier types in use, each with its own expression. */
function byType(types: readonly IdentifierType[], each: (t: IdentifierType) => Sql): Sql {
  return sql`CASE type ${join(types.map((t) => sql`WHEN ${t} THEN ${each(t)}`), ' ')} END`;
}

function keptSql(spec: IdentitySpec): Sql {
  const keep = spec.options.keep;
  if (keep.length === 0) return raw('FALSE');
  const rows = join(keep.map((k) => sql`(${k.type}, ${k.value}, ${k.namespace ?? null})`));
  return sql`EXISTS (SELECT 1 FROM (VALUES ${rows}) AS k(type, value, namespace)
    WHERE k.type = ids.type AND k.value = ids.value AND (k.namespace IS NULL OR k.namespace = ids.namespace))`;
}

function prepareSql(spec: IdentitySpec): Sql[] {
  const o = spec.options;
  const types = typesUsed(spec);
  const rawValue = ident('raw_value');
  const value = ident('value');
  const max = literal(o.maxRecordsPerIdentifier);
  return [
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_RAW)} AS ${join(spec.sources.map(sourceRowsSql), ' UNION ALL ')}`,
    // Numbered in no particular order (a sort of a million keys costs seconds in WebAssembly):
    // the anchor of a person is chosen by (source, record id) when stitching is done.
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_RECORD_IDS)} AS
SELECT row_number() OVER () AS rec, source, record_id FROM (SELECT DISTINCT source, record_id FROM ${ident(IDENTITY_RAW)})`,
    // Each distinct value is normalised and judged once, however many records carry it.
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_VALUES)} AS
SELECT type, raw_value, value, ${byType(types, (t) => statusSql(t, rawValue, value, o))} AS status
FROM (SELECT type, raw_value, ${byType(types, (t) => normalisedSql(t, rawValue, o))} AS value
  FROM (SELECT DISTINCT type, raw_value FROM ${ident(IDENTITY_RAW)} WHERE raw_value IS NOT NULL))`,
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_EDGES)} AS
SELECT r.rec, x.type, x.namespace, x.raw_value, v.value, coalesce(v.status, 'blank') AS status
FROM ${ident(IDENTITY_RAW)} x JOIN ${ident(IDENTITY_RECORD_IDS)} r USING (source, record_id)
LEFT JOIN ${ident(IDENTITY_VALUES)} v ON v.type = x.type AND v.raw_value = x.raw_value`,
    sql`DROP TABLE ${ident(IDENTITY_VALUES)}`,
    sql`DROP TABLE ${ident(IDENTITY_RAW)}`,
    // Over-sharing is judged on distinct combinations of identifiers, so a loyal customer's
    // card on 200 identical till records is not "shared", while a store's own phone number
    // typed for 200 different cards is.
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_IDENTIFIERS)} AS
WITH ok AS (SELECT rec, type, namespace, value FROM ${ident(IDENTITY_EDGES)} WHERE status = 'ok'),
ids AS (SELECT type, namespace, value, count(DISTINCT rec) AS records FROM ok GROUP BY type, namespace, value),
candidates AS (SELECT type, namespace, value FROM ids WHERE records > ${max}),
candidate_records AS (SELECT DISTINCT ok.rec FROM ok JOIN candidates USING (type, namespace, value)),
signatures AS (
  SELECT ok.rec, hash(list_sort(list_distinct(list(hash(ok.type, ok.namespace, ok.value))))) AS signature
  FROM ok JOIN candidate_records USING (rec) GROUP BY ok.rec),
combos AS (
  SELECT type, namespace, value, count(DISTINCT signature) AS combinations
  FROM ok JOIN candidates USING (type, namespace, value) JOIN signatures USING (rec) GROUP BY type, namespace, value)
SELECT row_number() OVER () AS idn, ids.type, ids.namespace, ids.value, ids.records, combos.combinations,
  CASE WHEN coalesce(combos.combinations, 0) <= ${max} THEN 'ok' WHEN ${keptSql(spec)} THEN 'kept' ELSE 'over_shared' END AS status,
  CASE WHEN coalesce(combos.combinations, 0) <= ${max} OR ${keptSql(spec)} THEN ids.records >= 2 ELSE FALSE END AS links
FROM ids LEFT JOIN combos USING (type, namespace, value)`,
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_LINKS)} AS
SELECT DISTINCT e.rec, i.idn
FROM ${ident(IDENTITY_EDGES)} e JOIN ${ident(IDENTITY_IDENTIFIERS)} i USING (type, namespace, value)
WHERE e.status = 'ok' AND i.links`,
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_PAIRS)} AS
WITH m AS (SELECT idn, min(rec) AS first FROM ${ident(IDENTITY_LINKS)} GROUP BY idn)
SELECT DISTINCT l.rec AS a, m.first AS b FROM ${ident(IDENTITY_LINKS)} l JOIN m USING (idn) WHERE l.rec <> m.first`,
    // The first forest: each record points at the smallest record it shares an identifier with.
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_LABELS)} AS
SELECT rec, least(rec, min(first)) AS label FROM (
  SELECT a AS rec, b AS first FROM ${ident(IDENTITY_PAIRS)} UNION ALL SELECT b, b FROM ${ident(IDENTITY_PAIRS)})
GROUP BY rec`,
  ];
}

/** Replaces the labels by the result of `next` (a query over the current labels). */
function stepSql(next: Sql): Sql[] {
  const labels = ident(IDENTITY_LABELS);
  const tmp = ident(IDENTITY_LABELS_NEXT);
  return [sql`CREATE OR REPLACE TABLE ${tmp} AS ${next}`, sql`DROP TABLE ${labels}`, sql`ALTER TABLE ${tmp} RENAME TO ${labels}`];
}

function jumpSql(): Sql[] {
  const labels = ident(IDENTITY_LABELS);
  return stepSql(sql`SELECT x.rec, p.label FROM ${labels} x JOIN ${labels} p ON p.rec = x.label`);
}

function hookSql(): Sql[] {
  const labels = ident(IDENTITY_LABELS);
  // On stars every label is a root, and a root's label is itself.
  return stepSql(sql`WITH crossing AS (
  SELECT greatest(pa.label, pb.label) AS hi, least(pa.label, pb.label) AS lo
  FROM ${ident(IDENTITY_PAIRS)} e JOIN ${labels} pa ON pa.rec = e.a JOIN ${labels} pb ON pb.rec = e.b
  WHERE pa.label <> pb.label),
hooks AS (SELECT hi, min(lo) AS lo FROM crossing GROUP BY hi)
SELECT x.rec, coalesce(h.lo, x.label) AS label FROM ${labels} x LEFT JOIN hooks h ON h.hi = x.rec`);
}

function finishSql(spec: IdentitySpec): Sql[] {
  const ids = ident(IDENTITY_RECORD_IDS);
  const keyed = spec.sources.filter((s) => s.recordId !== null).map((s) => literal(sourceName(s)));
  const mapFilter = keyed.length > 0 ? sql`source IN (${join(keyed)})` : raw('FALSE');
  return [
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_RECORD_ROOTS)} AS
SELECT r.rec, coalesce(l.label, r.rec) AS root FROM ${ids} r LEFT JOIN ${ident(IDENTITY_LABELS)} l USING (rec)`,
    // The anchor is the smallest (source, record id) of the person: lists compare element by
    // element. The length prefix keeps ('ab', 'c') and ('a', 'bc') apart in the hash.
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_PEOPLE)} AS
WITH sizes AS (
  SELECT x.root, count(*) AS records, count(DISTINCT r.source) AS sources, min([r.source, r.record_id]) AS anchor
  FROM ${ident(IDENTITY_RECORD_ROOTS)} x JOIN ${ids} r USING (rec) GROUP BY x.root)
SELECT root, 'P' || substr(md5(CAST(length(anchor[1]) AS VARCHAR) || ':' || anchor[1] || anchor[2]), 1, 16) AS person_id,
  records, sources, anchor[1] AS anchor_source, anchor[2] AS anchor_record_id
FROM sizes`,
    sql`CREATE OR REPLACE TABLE ${ident(IDENTITY_RECORDS)} AS
SELECT r.source, r.record_id, p.person_id
FROM ${ids} r JOIN ${ident(IDENTITY_RECORD_ROOTS)} x USING (rec) JOIN ${ident(IDENTITY_PEOPLE)} p ON p.root = x.root`,
    sql`CREATE OR REPLACE VIEW ${ident(IDENTITY_MAP)} AS
SELECT source, record_id AS customer_id, person_id FROM ${ident(IDENTITY_RECORDS)} WHERE ${mapFilter}`,
  ];
}

/** The statements that stitch a (parsed) spec; run them with runStitch or your own loop. */
export function stitchPlan(spec: IdentitySpec): StitchPlan {
  return {
    prepare: prepareSql(spec),
    jump: jumpSql(),
    hook: hookSql(),
    labelSum: sql`SELECT CAST(coalesce(sum(label), 0) AS VARCHAR) AS total FROM ${ident(IDENTITY_LABELS)}`,
    finish: finishSql(spec),
  };
}

/** Removes everything stitching created (when the dataset is cleared or stitching is undone). */
export function dropIdentitySql(): Sql[] {
  return [sql`DROP VIEW IF EXISTS ${ident(IDENTITY_MAP)}`, ...IDENTITY_TABLES.map((t) => sql`DROP TABLE IF EXISTS ${ident(t)}`)];
}
