/** Vega-Lite specs of the analysis charts, from their typed rows. Pure: unit-tested under Node. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, HEATMAP_SCHEME, PALETTE, chartConfig } from '../../../lib/charts/theme';
import { LIFECYCLE_STAGES, STAGE_LABELS, type CohortMetric } from '../../../lib/analytics';
import type { CohortRow, RfmGridRow, StageRow } from './rows';

export const INCOMPLETE_LABEL = 'period not complete at the as-of date';
export const COMPLETE_LABEL = 'complete period';

export const METRIC_LABELS: Record<CohortMetric, string> = {
  purchase_rate: 'Customers purchasing (%)',
  revenue_per_customer: 'Revenue per cohort customer',
  cumulative_revenue_per_customer: 'Cumulative revenue per customer',
  orders: 'Orders',
};

/** Lifecycle stage colours: new blue, active green, returning sky, at risk orange, lapsed grey-black. */
export const STAGE_COLORS: Record<(typeof LIFECYCLE_STAGES)[number], string> = {
  new: PALETTE[0],
  active: PALETTE[2],
  returning: PALETTE[4],
  at_risk: PALETTE[1],
  lapsed: '#6B7280',
};

const completeness = {
  field: 'completeness',
  type: 'nominal',
  title: null,
  scale: { domain: [COMPLETE_LABEL, INCOMPLETE_LABEL], range: [1, 0.35] },
  legend: { orient: 'bottom' },
} as const;

export type RfmMeasure = 'customers' | 'revenue';

/** The R × FM grid: rows R 5 (top) … 1, columns FM 1 … 5, coloured by customers or revenue, with segment names. */
export function rfmGridSpec(grid: readonly RfmGridRow[], by: RfmMeasure): TopLevelSpec {
  // Rules that split a cell on F or M give several rows per cell: one rect per cell, the segments listed.
  const cells = new Map<string, { r: number; fm: number; customers: number; revenue: number; segments: string[] }>();
  for (const g of grid) {
    const key = `${g.r}:${g.fm}`;
    const c = cells.get(key) ?? { r: g.r, fm: g.fm, customers: 0, revenue: 0, segments: [] };
    c.customers += g.customers;
    c.revenue += g.revenue;
    if (g.customers > 0 || c.segments.length === 0) c.segments = [...new Set([...c.segments, g.segment])];
    cells.set(key, c);
  }
  const values = [...cells.values()].map((c) => ({
    R: c.r,
    FM: c.fm,
    customers: c.customers,
    revenue: Math.round(c.revenue * 100) / 100,
    segment: c.segments.join(' / '),
    count: by === 'customers' ? c.customers.toLocaleString('en-US') : Math.round(c.revenue).toLocaleString('en-US'),
  }));
  const title = by === 'customers' ? 'Customers' : 'Revenue';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `R × FM grid by ${by}`,
    data: { values },
    width: 'container',
    height: CHART_HEIGHT + 60,
    config: chartConfig,
    encoding: {
      x: { field: 'FM', type: 'ordinal', title: 'Frequency & monetary score (FM)', axis: { labelAngle: 0 } },
      y: { field: 'R', type: 'ordinal', title: 'Recency score (R)', sort: 'descending' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
        encoding: {
          color: { field: by, type: 'quantitative', title, scale: { scheme: HEATMAP_SCHEME, reverse: true } },
          tooltip: [
            { field: 'segment', title: 'Segment' },
            { field: 'R' },
            { field: 'FM' },
            { field: 'customers', title: 'Customers', format: ',' },
            { field: 'revenue', title: 'Revenue', format: ',.0f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 13, fontWeight: 600, dy: -9, limit: 150 },
        encoding: { text: { field: 'segment' }, color: { condition: { test: `datum.${by} > 0`, value: '#111827' }, value: '#6B7280' } },
      },
      {
        mark: { type: 'text', fontSize: 14, dy: 10 },
        encoding: { text: { field: 'count' }, color: { value: '#111827' } },
      },
    ],
  } as TopLevelSpec;
}

function cohortLabel(r: CohortRow): string {
  const size = r.cohortSize.toLocaleString('en-US');
  return r.channel === null ? `${r.cohort} (${size})` : `${r.channel} · ${r.cohort} (${size})`;
}

function metricValue(metric: CohortMetric, v: number | null): number | null {
  if (v === null) return null;
  return metric === 'purchase_rate' ? Math.round(v * 10_000) / 100 : Math.round(v * 100) / 100;
}

/** The cohort triangle: one row per cohort (labelled with its size), one column per period k. */
export function cohortHeatmapSpec(rows: readonly CohortRow[], metric: CohortMetric): TopLevelSpec {
  const values = rows.map((r) => ({
    cohort: cohortLabel(r),
    k: r.periodIndex,
    value: metricValue(metric, r.value),
    completeness: r.complete ? COMPLETE_LABEL : INCOMPLETE_LABEL,
    period: r.periodStart,
    size: r.cohortSize,
  }));
  const order = [...new Set(values.map((v) => v.cohort))];
  const cohorts = order.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${METRIC_LABELS[metric]} by cohort and period`,
    data: { values },
    width: 'container',
    height: Math.max(200, Math.min(900, cohorts * 22)),
    config: chartConfig,
    mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
    encoding: {
      x: { field: 'k', type: 'ordinal', title: 'Periods since joining (k)', axis: { labelAngle: 0 } },
      y: { field: 'cohort', type: 'ordinal', title: 'Cohort (customers)', sort: order },
      color: { field: 'value', type: 'quantitative', title: METRIC_LABELS[metric], scale: { scheme: HEATMAP_SCHEME, reverse: true } },
      opacity: completeness,
      tooltip: [
        { field: 'cohort', title: 'Cohort' },
        { field: 'k', title: 'Period k' },
        { field: 'period', title: 'Period starting' },
        { field: 'value', title: METRIC_LABELS[metric], format: ',' },
        { field: 'completeness', title: 'Period' },
      ],
    },
  } as TopLevelSpec;
}

/** Retention / value curves: one line per cohort over k; the incomplete last period is a faint point, not a drop. */
export function cohortCurvesSpec(rows: readonly CohortRow[], metric: CohortMetric): TopLevelSpec {
  const values = rows.map((r) => ({
    cohort: cohortLabel(r),
    k: r.periodIndex,
    value: metricValue(metric, r.value),
    completeness: r.complete ? COMPLETE_LABEL : INCOMPLETE_LABEL,
  }));
  const title = metric === 'purchase_rate' ? 'Retention curves' : metric === 'cumulative_revenue_per_customer' ? 'Cumulative value curves (empirical CLV)' : `${METRIC_LABELS[metric]} curves`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    width: 'container',
    height: CHART_HEIGHT,
    config: chartConfig,
    encoding: {
      x: { field: 'k', type: 'quantitative', title: 'Periods since joining (k)', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: METRIC_LABELS[metric] },
      color: { field: 'cohort', type: 'ordinal', title: 'Cohort', scale: { scheme: HEATMAP_SCHEME }, legend: values.length > 0 && new Set(values.map((v) => v.cohort)).size > 16 ? null : {} },
    },
    layer: [
      { transform: [{ filter: { field: 'completeness', equal: COMPLETE_LABEL } }], mark: { type: 'line', strokeWidth: 2, opacity: 0.85 } },
      {
        mark: { type: 'point', filled: false, size: 60 },
        encoding: { opacity: completeness, tooltip: [{ field: 'cohort' }, { field: 'k' }, { field: 'value', format: ',' }, { field: 'completeness', title: 'Period' }] },
      },
    ],
  } as TopLevelSpec;
}

/** Stage counts per period, stacked in lifecycle order; the period holding the as-of date drawn lighter. */
export function lifecycleStackSpec(stages: readonly StageRow[]): TopLevelSpec {
  const values = stages.map((s) => ({
    period: s.period,
    stage: STAGE_LABELS[s.stage] ?? s.stage,
    order: LIFECYCLE_STAGES.indexOf(s.stage),
    customers: s.customers,
    completeness: s.complete ? COMPLETE_LABEL : INCOMPLETE_LABEL,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Customers by lifecycle stage',
    data: { values },
    width: 'container',
    height: CHART_HEIGHT,
    config: chartConfig,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Period starting', axis: { labelAngle: -40 } },
      y: { field: 'customers', type: 'quantitative', stack: 'zero', title: 'Customers' },
      color: {
        field: 'stage',
        type: 'nominal',
        title: 'Stage',
        scale: { domain: LIFECYCLE_STAGES.map((s) => STAGE_LABELS[s]), range: LIFECYCLE_STAGES.map((s) => STAGE_COLORS[s]) },
      },
      order: { field: 'order', type: 'quantitative' },
      opacity: completeness,
      tooltip: [{ field: 'period', title: 'Period' }, { field: 'stage', title: 'Stage' }, { field: 'customers', title: 'Customers', format: ',' }, { field: 'completeness', title: 'Period' }],
    },
  } as TopLevelSpec;
}
