/**
 * The SQL of profiling. Two statements:
 *   1. profileSql: per-column counts, nulls, approximate distinct counts, min/max, mean,
 *      CRM checks (negatives, future and pre-1900 dates, numbers stored as text) and
 *      duplicate rows (distinct row hashes) in one pass, and top-value candidates
 *      (approx_top_k, on a sample of large tables) — one row back.
 *   2. profileDistributionSql: exact counts of those candidates and ~20-bin histograms,
 *      which need the min/max of step 1 — back as long rows (col, kind, key, n), one
 *      narrow GROUP BY per column.
 * Every result is plain scalars (no lists or maps), so it crosses the worker boundary as is.
 */
import { ident, join, raw, sql, type Sql } from '../sql';
import { typeFamily, type TableInfo, type TypeFamily } from '../engine/schema';
import type { BinPlan } from './profileBins';

export const TOP_VALUES = 5;

/** A number as text: 12, -3.5, .5, 1e6, with surrounding spaces. */
const NUMBER_PATTERN = String.raw`\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*`;
/** What counts as blank: spaces and tabs. */
const BLANKS = ' \t';

/** Result column of step 1 for column i. */
export function statName(i: number, stat: string): string {
  return `c${i}_${stat}`;
}

const alias = (i: number, stat: string): Sql => ident(statName(i, stat));

/** DuckDB type that top values are compared in: one of a fixed few. */
function canonicalType(family: TypeFamily): Sql {
  switch (family) {
    case 'integer':
      return raw('HUGEINT');
    case 'number':
      return raw('DOUBLE');
    case 'date':
      return raw('DATE');
    case 'timestamp':
      return raw('TIMESTAMP');
    default:
      return raw('VARCHAR');
  }
}

function canonical(column: string, family: TypeFamily): Sql {
  return sql`CAST(${ident(column)} AS ${canonicalType(family)})`;
}

const isOrdered = (f: TypeFamily): boolean => f !== 'other';

/**
 * typeFamily, except that nested types (VARCHAR[], STRUCT(…), MAP(…)) are 'other': they
 * have no useful min, max or top values.
 */
export function profileFamily(type: string): TypeFamily {
  const t = type.trim().toUpperCase();
  if (t.endsWith(']') || /^(STRUCT|MAP|UNION)\b/.test(t)) return 'other';
  return typeFamily(t);
}
const isNumeric = (f: TypeFamily): boolean => f === 'integer' || f === 'number';
const isTime = (f: TypeFamily): boolean => f === 'date' || f === 'timestamp';

/** Days since 1970 as a DOUBLE: dates and times share one numeric axis for binning. */
function epochDays(value: Sql): Sql {
  return sql`epoch(CAST(${value} AS TIMESTAMP)) / 86400.0`;
}

function columnStats(i: number, name: string, family: TypeFamily, today: string): Sql[] {
  const c = ident(name);
  const out: Sql[] = [sql`count(${c}) AS ${alias(i, 'non_null')}`, sql`approx_count_distinct(${c}) AS ${alias(i, 'distinct')}`];
  if (!isOrdered(family)) return out;
  out.push(sql`CAST(min(${c}) AS VARCHAR) AS ${alias(i, 'min')}`, sql`CAST(max(${c}) AS VARCHAR) AS ${alias(i, 'max')}`);
  if (isNumeric(family)) {
    out.push(
      sql`CAST(min(${c}) AS DOUBLE) AS ${alias(i, 'lo')}`,
      sql`CAST(max(${c}) AS DOUBLE) AS ${alias(i, 'hi')}`,
      sql`CAST(avg(${c}) AS DOUBLE) AS ${alias(i, 'mean')}`,
      sql`count(*) FILTER (WHERE ${c} < 0) AS ${alias(i, 'negative')}`,
    );
  } else if (isTime(family)) {
    const ts = sql`CAST(${c} AS TIMESTAMP)`;
    out.push(
      sql`${epochDays(sql`min(${ts})`)} AS ${alias(i, 'lo')}`,
      sql`${epochDays(sql`max(${ts})`)} AS ${alias(i, 'hi')}`,
      sql`count(*) FILTER (WHERE ${ts} >= CAST(${today} AS DATE) + INTERVAL 1 DAY) AS ${alias(i, 'future')}`,
      sql`count(*) FILTER (WHERE ${ts} < TIMESTAMP '1900-01-01') AS ${alias(i, 'ancient')}`,
    );
  } else if (family === 'text') {
    const v = sql`CAST(${c} AS VARCHAR)`;
    // Cheap string comparisons pick the few values worth a closer look; nested CASE (unlike
    // FILTER (WHERE a AND b)) evaluates the costly test only on those. A failed TRY_CAST costs
    // about a microsecond in WebAssembly, so numbers are recognised by a pattern instead.
    out.push(
      sql`count(CASE WHEN ${v} < ':' THEN CASE WHEN regexp_full_match(${v}, ${NUMBER_PATTERN}) THEN 1 END END) AS ${alias(i, 'numeric_text')}`,
      sql`count(CASE WHEN ${v} < '!' THEN CASE WHEN trim(${v}, ${BLANKS}) = '' THEN 1 END END) AS ${alias(i, 'blank')}`,
    );
  }
  return out;
}

/** Tables larger than this look for top-value candidates in a random sample of about this many rows. */
export const TOP_SAMPLE_ROWS = 200_000;

/**
 * Top-value candidates per column: approx_top_k over the whole table when it is small, over
 * a random (Bernoulli) sample when it is large — a quarter of the cost on 2M rows. The counts
 * shown are exact all the same: step 2 counts the candidates over the whole table.
 */
function candidatesSql(table: TableInfo, columns: readonly number[]): Sql {
  const tops = columns.map((i) => {
    const col = table.columns[i];
    return sql`CAST(approx_top_k(${canonical(col.name, profileFamily(col.type))}, ${TOP_VALUES}) AS VARCHAR[]) AS ${alias(i, 'top')}`;
  });
  const share = (100 * TOP_SAMPLE_ROWS) / Math.max(1, table.rowCount);
  const sample = share < 50 ? sql` USING SAMPLE ${Math.round(share * 1000) / 1000} PERCENT (bernoulli, 7)` : raw('');
  // Spread each list into scalar columns so no list leaves the engine.
  const spread = columns.flatMap((i) => Array.from({ length: TOP_VALUES }, (_, k) => sql`${alias(i, 'top')}[${k + 1}] AS ${alias(i, `top${k + 1}`)}`));
  return sql`SELECT ${join(spread)} FROM (SELECT ${join(tops)} FROM ${ident(table.name)}${sample})`;
}

/** Step 1: one row of per-column statistics. `today` is YYYY-MM-DD. */
export function profileSql(table: TableInfo, today: string): Sql {
  const stats = table.columns.flatMap((col, i) => columnStats(i, col.name, profileFamily(col.type), today));
  const tops = table.columns.flatMap((col, i) => (isOrdered(profileFamily(col.type)) ? [i] : []));
  // Exact duplicates: rows with the same hash of every column (a 64-bit hash: collisions are negligible).
  const rowHash = table.columns.length > 0 ? sql`hash(${join(table.columns.map((c) => ident(c.name)))})` : raw('0');
  const aggregates = join([raw('count(*) AS row_count'), sql`count(DISTINCT ${rowHash}) AS distinct_rows`, ...stats]);
  const main = sql`SELECT ${aggregates} FROM ${ident(table.name)}`;
  return tops.length > 0 ? sql`SELECT * FROM (${main}) CROSS JOIN (${candidatesSql(table, tops)})` : main;
}

/** What step 2 needs from step 1 for one column. */
export interface DistributionRequest {
  index: number;
  name: string;
  family: TypeFamily;
  /** Top-value candidates as text. */
  candidates: string[];
  /** Histogram bins, on the value itself for numbers and on days since 1970 for dates. */
  bins: BinPlan | null;
}

/**
 * Step 2: exact counts of the top candidates and histogram bins, as rows (col, kind, key, n).
 * One small GROUP BY per column, glued with UNION ALL: the engine is columnar, so each reads
 * only its own column, and GROUP BY is several times faster than the histogram() aggregate.
 * Null when there is nothing to count.
 */
export function profileDistributionSql(table: TableInfo, requests: readonly DistributionRequest[]): Sql | null {
  const from = ident(table.name);
  const parts: Sql[] = [];
  for (const r of requests) {
    if (r.candidates.length > 0) {
      const v = canonical(r.name, r.family);
      const wanted = join(r.candidates.map((x) => sql`CAST(${x} AS ${canonicalType(r.family)})`));
      parts.push(sql`SELECT ${r.index} AS col, 'top' AS kind, CAST(${v} AS VARCHAR) AS key, count(*) AS n FROM ${from} WHERE ${v} IN (${wanted}) GROUP BY ALL`);
    }
    if (r.bins) {
      parts.push(sql`SELECT ${r.index} AS col, 'bins' AS kind, CAST(${binSql(r.name, r.family, r.bins)} AS VARCHAR) AS key, count(*) AS n FROM ${from} WHERE ${ident(r.name)} IS NOT NULL GROUP BY ALL`);
    }
  }
  return parts.length === 0 ? null : join(parts, '\nUNION ALL ');
}

/**
 * The bin index of a value. Values at the top edge may land one past the last bin through
 * rounding; the reader folds them into it.
 */
function binSql(name: string, family: TypeFamily, bins: BinPlan): Sql {
  const x = isTime(family) ? epochDays(ident(name)) : sql`CAST(${ident(name)} AS DOUBLE)`;
  return sql`CAST(floor((${x} - ${bins.start}) / ${bins.step}) AS BIGINT)`;
}
