/**
 * Chart spec → one aggregate query. Every row the chart draws is computed here, in the engine;
 * the page only ever receives at most CHART_MAX_MARKS + 1 rows (the extra row says "there was more").
 *
 * Result columns (fixed names, see OUT): x, x_end (binned axes), x_rank (categories),
 * y, y_end, y_rank (heatmap), color, color_rank, value (always DOUBLE).
 */
import type { ColumnInfo } from '../engine/schema';
import { ident, join, literal, raw, sql, type Sql } from '../sql';
import { planChart, type ChartPlan, type Dimension, type Measure } from './plan';
import { CATEGORY_LIMIT, CHART_MAX_MARKS, COLOR_LIMIT, OUT, type ChartSpec } from './spec';

/** Label for rows that have no value in a category column. */
export const MISSING_LABEL = '(missing)';

/** What one grouping column contributes to the query. */
interface Part {
  /** Expression over the source, selected in the base CTE as `alias`. */
  base: Sql;
  /** Rows this axis cannot place (NULL dates, non-finite numbers) are dropped. */
  where?: Sql;
  ctes: Sql[];
  joins: Sql[];
  select: Sql[];
  order: Sql;
}

const AGG_FN: Record<Measure['aggregate'], string> = { count: 'count', sum: 'sum', mean: 'avg', median: 'median' };
const TIME_STEP: Record<string, string> = {
  day: 'INTERVAL 1 DAY',
  week: 'INTERVAL 7 DAY',
  month: 'INTERVAL 1 MONTH',
  quarter: 'INTERVAL 3 MONTH',
};

/** The aggregate over base.v (or rows, for a plain count). */
function aggregate(m: Measure): Sql {
  if (m.aggregate === 'count' && m.field === undefined) return raw('count(*)');
  return sql`${raw(AGG_FN[m.aggregate])}(base.v)`;
}

/** Top-N categories by the measure, the rest folded into one "Other (k more)" bucket. */
function categoryPart(col: Sql, alias: string, out: { v: string; rank: string }, limit: number, m: Measure): Part {
  const a = raw(alias);
  const top = raw(`${alias}_top`);
  const other = raw(`${alias}_other`);
  return {
    base: sql`coalesce(CAST(${col} AS VARCHAR), ${MISSING_LABEL})`,
    ctes: [
      sql`${top} AS (SELECT base.${a} AS k, row_number() OVER (ORDER BY ${aggregate(m)} DESC NULLS LAST, base.${a}) AS r FROM base GROUP BY base.${a} QUALIFY r <= ${limit})`,
      sql`${other} AS (SELECT 'Other (' || (count(DISTINCT base.${a}) - ${limit}) || ' more)' AS label FROM base)`,
    ],
    joins: [sql`LEFT JOIN ${top} ON base.${a} = ${top}.k`, sql`CROSS JOIN ${other}`],
    select: [
      sql`CASE WHEN ${top}.r IS NULL THEN ${other}.label ELSE base.${a} END AS ${ident(out.v)}`,
      sql`coalesce(${top}.r, ${limit + 1}) AS ${ident(out.rank)}`,
    ],
    order: ident(out.rank),
  };
}

function timePart(col: Sql, alias: string, bin: string, out: { v: string; end: string }): Part {
  const a = raw(alias);
  return {
    // Casting to TIMESTAMP first makes DATE, TIMESTAMP and TIMESTAMPTZ truncate alike.
    base: sql`CAST(date_trunc(${bin}, CAST(${col} AS TIMESTAMP)) AS DATE)`,
    where: sql`${col} IS NOT NULL`,
    ctes: [],
    joins: [],
    select: [sql`base.${a} AS ${ident(out.v)}`, sql`CAST(base.${a} + ${raw(TIME_STEP[bin])} AS DATE) AS ${ident(out.end)}`],
    order: ident(out.v),
  };
}

function numberPart(col: Sql, alias: string, out: { v: string }): Part {
  return {
    base: sql`CAST(${col} AS DOUBLE)`,
    where: sql`isfinite(CAST(${col} AS DOUBLE))`,
    ctes: [],
    joins: [],
    select: [sql`base.${raw(alias)} AS ${ident(out.v)}`],
    order: ident(out.v),
  };
}

/**
 * About `target` equal bins from min/max, with a round step (1, 2 or 5 × 10^k; at least 1 for
 * integers) so the edges read well on an axis.
 */
function binsPart(col: Sql, alias: string, target: number, integer: boolean, out: { v: string; end: string }): Part {
  const a = raw(alias);
  const b = raw(`${alias}_bins`);
  const step = sql`CASE WHEN raw_step / m <= 1 THEN m WHEN raw_step / m <= 2 THEN 2 * m WHEN raw_step / m <= 5 THEN 5 * m ELSE 10 * m END`;
  const minStep = integer ? raw('1') : raw('0');
  // The tiny nudge keeps a value sitting on an edge (0.15 / 0.05 = 2.9999…) in the bin it starts.
  const start = sql`${b}.start + floor((base.${a} - ${b}.start) / ${b}.step + 1e-9) * ${b}.step`;
  return {
    ...numberPart(col, alias, out),
    ctes: [
      sql`${b} AS (
  SELECT floor(lo / step) * step AS start, step, CAST(greatest(0, 1 - floor(log10(step))) AS INTEGER) AS digits
  FROM (SELECT lo, greatest(${step}, ${minStep}) AS step
        FROM (SELECT lo, raw_step, pow(10, floor(log10(raw_step))) AS m
              FROM (SELECT min(base.${a}) AS lo,
                           CASE WHEN max(base.${a}) > min(base.${a}) THEN (max(base.${a}) - min(base.${a})) / ${target} ELSE 1 END AS raw_step
                    FROM base))))`,
    ],
    joins: [sql`CROSS JOIN ${b}`],
    // Rounded to the step's precision so edges are 0.3, not 0.30000000000000004.
    select: [sql`round(${start}, ${b}.digits) AS ${ident(out.v)}`, sql`round(${start} + ${b}.step, ${b}.digits) AS ${ident(out.end)}`],
  };
}

function dimensionPart(d: Dimension, alias: string, names: { v: string; end: string; rank: string }, m: Measure): Part {
  const col = ident(d.field);
  switch (d.kind) {
    case 'category':
      return categoryPart(col, alias, { v: names.v, rank: names.rank }, CATEGORY_LIMIT, m);
    case 'time':
      return timePart(col, alias, d.bin, names);
    case 'number':
      return numberPart(col, alias, names);
    case 'bins':
      return binsPart(col, alias, d.target, d.family === 'integer', names);
  }
}

function compile(plan: ChartPlan): Sql {
  const m = plan.measure;
  const parts: { alias: string; part: Part }[] = [
    { alias: 'dx', part: dimensionPart(plan.x, 'dx', { v: OUT.x, end: OUT.xEnd, rank: OUT.xRank }, m) },
  ];
  if (plan.y) parts.push({ alias: 'dy', part: dimensionPart(plan.y, 'dy', { v: OUT.y, end: OUT.yEnd, rank: OUT.yRank }, m) });
  if (plan.color) {
    parts.push({ alias: 'dc', part: categoryPart(ident(plan.color.field), 'dc', { v: OUT.color, rank: OUT.colorRank }, COLOR_LIMIT, m) });
  }
  const baseCols = parts.map(({ alias, part }) => sql`${part.base} AS ${raw(alias)}`);
  if (m.field !== undefined) {
    // count(field) counts non-empty values of any type; sums and averages need numbers.
    baseCols.push(m.aggregate === 'count' ? sql`${ident(m.field)} AS v` : sql`CAST(${ident(m.field)} AS DOUBLE) AS v`);
  }
  const filters = parts.flatMap(({ part }) => (part.where ? [part.where] : []));
  const where = filters.length ? sql` WHERE ${join(filters, ' AND ')}` : raw('');
  const ctes = [sql`base AS (SELECT ${join(baseCols)} FROM ${ident(plan.source)}${where})`, ...parts.flatMap(({ part }) => part.ctes)];
  const select = [...parts.flatMap(({ part }) => part.select), sql`CAST(${aggregate(m)} AS DOUBLE) AS ${ident(OUT.value)}`];
  return sql`WITH ${join(ctes, ',\n')}
SELECT ${join(select)}
FROM base ${join(parts.flatMap(({ part }) => part.joins), ' ')}
GROUP BY ALL
ORDER BY ${join(parts.map(({ part }) => part.order))}
LIMIT ${literal(CHART_MAX_MARKS + 1)}`;
}

/**
 * The aggregate query behind a chart. Validates the spec against the source's columns first
 * (throws ChartSpecError). Categorical axes keep the top 50 categories (colour: top 8) by the
 * chart's value plus an "Other (k more)" bucket; continuous axes are cut by a LIMIT, flagged by
 * `capChartRows`.
 */
export function chartSql(spec: ChartSpec, columns: readonly ColumnInfo[]): Sql {
  return compile(planChart(spec, columns));
}

/** Keep at most CHART_MAX_MARKS rows; `truncated` tells the view to say so. */
export function capChartRows<T>(rows: readonly T[]): { rows: T[]; truncated: boolean } {
  return { rows: rows.slice(0, CHART_MAX_MARKS), truncated: rows.length > CHART_MAX_MARKS };
}
