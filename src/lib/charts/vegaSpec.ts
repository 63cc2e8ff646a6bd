/**
 * Aggregated rows → a vega-lite spec. The data travels inline (`values`), never as a URL, and
 * nothing in the spec needs loading: no $schema fetch, no web fonts, no remote data.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Encoding } from 'vega-lite/types_unstable/encoding.js';
import type { AnyMark } from 'vega-lite/types_unstable/mark.js';
import type { ColumnInfo } from '../engine/schema';
import type { Row } from '../engine/rows';
import { defaultTitle, describePlan, dimensionTitle, measureTitle } from './describe';
import { planChart, type ChartPlan, type Dimension } from './plan';
import { COLOR_LIMIT, OUT, type ChartSpec, type TimeBin } from './spec';
import { CHART_HEIGHT, HEATMAP_SCHEME, OTHER_COLOR, PALETTE, chartConfig } from './theme';

type Enc = Encoding<string>;
type Names = { v: string; end: string; rank: string };

/** d3 time formats per bin, read in UTC: the engine's dates are calendar days, not instants. */
const TIME_FORMAT: Record<TimeBin, string> = { day: '%-d %b %Y', week: '%-d %b %Y', month: '%b %Y', quarter: 'Q%q %Y' };

/** Dates as epoch milliseconds and bigints as numbers: what vega parses without help. */
function plainRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

/**
 * Month and quarter ticks fall on bin starts, thinned to about a dozen labels; days and weeks
 * keep vega's own tick choice (its weeks start on Sunday, ours on Monday).
 */
function timeTicks(bin: TimeBin, bins: number): { tickCount?: { interval: 'month'; step: number } } {
  if (bin !== 'month' && bin !== 'quarter') return {};
  const steps = bin === 'month' ? [1, 2, 3, 6, 12, 24, 60] : [3, 6, 12, 24, 60];
  const perBin = bin === 'month' ? 1 : 3;
  const step = steps.find((s) => (bins * perBin) / s <= 12) ?? steps[steps.length - 1];
  return { tickCount: { interval: 'month', step } };
}

/** One axis: `main` on x or y, `end` on x2 or y2 when a mark spans a bin from start to end. */
function axis(d: Dimension, n: Names, ranged: boolean, bins: number): { main: NonNullable<Enc['x']>; end?: NonNullable<Enc['x2']> } {
  const title = dimensionTitle(d);
  switch (d.kind) {
    case 'category':
      return { main: { field: n.v, type: 'nominal', title, sort: { field: n.rank, op: 'min', order: 'ascending' } } };
    case 'time': {
      // UTC throughout: the engine's dates are calendar days, and local time would shift them.
      const main: NonNullable<Enc['x']> = {
        field: n.v,
        type: 'temporal',
        title,
        scale: { type: 'utc' },
        axis: { labelExpr: `utcFormat(datum.value, '${TIME_FORMAT[d.bin]}')`, labelOverlap: true, ...timeTicks(d.bin, bins) },
      };
      // 'binned' makes a bar span its bin and stack like a histogram's.
      return ranged ? { main: { ...main, bin: 'binned' }, end: { field: n.end } } : { main };
    }
    case 'number':
      return { main: { field: n.v, type: 'quantitative', title, scale: { zero: false } } };
    case 'bins':
      return { main: { field: n.v, type: 'quantitative', title, bin: 'binned' }, end: { field: n.end } };
  }
}

function tooltip(plan: ChartPlan): NonNullable<Enc['tooltip']> {
  const dim = (d: Dimension, field: string) =>
    d.kind === 'time'
      ? { field, type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: dimensionTitle(d), format: TIME_FORMAT[d.bin] }
      : { field, type: d.kind === 'category' ? ('nominal' as const) : ('quantitative' as const), title: dimensionTitle(d) };
  return [
    dim(plan.x, OUT.x),
    ...(plan.y ? [dim(plan.y, OUT.y)] : []),
    ...(plan.color ? [{ field: OUT.color, type: 'nominal' as const, title: plan.color.field }] : []),
    { field: OUT.value, type: 'quantitative', title: measureTitle(plan), format: ',.4~f' },
  ];
}

/** Colour groups in rank order; "Other" is grey so it never reads as a named group. */
function colorEncoding(plan: ChartPlan, values: readonly Row[]): NonNullable<Enc['color']> {
  const ranks = new Map<string, number>();
  for (const r of values) ranks.set(String(r[OUT.color]), Number(r[OUT.colorRank]));
  const domain = [...ranks.entries()].sort((a, b) => a[1] - b[1]);
  return {
    field: OUT.color,
    type: 'nominal',
    title: plan.color?.field,
    scale: {
      domain: domain.map(([name]) => name),
      range: domain.map(([, rank], i) => (rank > COLOR_LIMIT ? OTHER_COLOR : PALETTE[i % PALETTE.length])),
    },
  };
}

function encoding(plan: ChartPlan, values: readonly Row[]): Enc {
  const ranged = plan.mark === 'bar' || plan.mark === 'histogram' || plan.mark === 'heatmap';
  const distinct = (key: string) => new Set(values.map((r) => r[key])).size;
  const x = axis(plan.x, { v: OUT.x, end: OUT.xEnd, rank: OUT.xRank }, ranged, distinct(OUT.x));
  const enc: Enc = { x: x.main, tooltip: tooltip(plan) };
  if (x.end) enc.x2 = x.end;
  if (plan.y) {
    const y = axis(plan.y, { v: OUT.y, end: OUT.yEnd, rank: OUT.yRank }, true, distinct(OUT.y));
    enc.y = y.main;
    if (y.end) enc.y2 = y.end;
    enc.color = { field: OUT.value, type: 'quantitative', title: measureTitle(plan), scale: { scheme: HEATMAP_SCHEME } };
    return enc;
  }
  enc.y = { field: OUT.value, type: 'quantitative', title: measureTitle(plan) };
  if (plan.color) enc.color = colorEncoding(plan, values);
  return enc;
}

function mark(plan: ChartPlan): AnyMark {
  switch (plan.mark) {
    case 'bar':
    case 'histogram':
      // Ranged bars touch; a thin white edge keeps neighbouring bins apart.
      return plan.x.kind === 'category' ? { type: 'bar' } : { type: 'bar', stroke: '#ffffff', strokeWidth: 1 };
    case 'line':
      // Dots help read a few categories; on a long time series they are noise.
      return { type: 'line', point: plan.x.kind === 'category' };
    case 'area':
      return { type: 'area', line: true, opacity: 0.8 };
    case 'point':
      return { type: 'point' };
    case 'heatmap':
      return { type: 'rect' };
  }
}

/**
 * A vega-lite spec for the rows `chartSql` returned. `fields` are the chart source's columns
 * (the same list given to `chartSql`): they decide whether an axis is a date, a number or text.
 * Throws ChartSpecError like `chartSql` when the spec does not fit the columns.
 */
export function vegaLiteSpec(spec: ChartSpec, rows: readonly Row[], fields: readonly ColumnInfo[]): TopLevelSpec {
  const plan = planChart(spec, fields);
  const values = rows.map(plainRow);
  return {
    title: spec.title?.trim() || defaultTitle(plan),
    description: describePlan(plan),
    width: 'container',
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    mark: mark(plan),
    encoding: encoding(plan, values),
    config: chartConfig,
  };
}

/** The accessible name of a chart: "Bar chart of sum of revenue by month of ordered_at". */
export function describeChart(spec: ChartSpec, fields: readonly ColumnInfo[]): string {
  return describePlan(planChart(spec, fields));
}
