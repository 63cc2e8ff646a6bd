/** Vega-Lite specs of the lifetime-value charts, drawn the way lifetimes and CLVTools draw them. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, HEATMAP_SCHEME, PALETTE, chartConfig } from '../../../lib/charts/theme';
import type { ClvAnalysis } from '../../../lib/clv/cell/analysis';
import type { CohortClv } from '../../../lib/clv/cell/cohorts';

const base = { config: chartConfig, width: 'container', height: CHART_HEIGHT, autosize: { type: 'fit', contains: 'padding' } } as const;
const DAY = 86_400_000;

function dateOf(calibrationEnd: string, offsetDays: number): string {
  return new Date(Date.parse(`${calibrationEnd}T00:00:00Z`) + offsetDays * DAY).toISOString().slice(0, 10);
}

/** Which fit a chart shows, as its subtitle says: "Calibration fit, up to 2025-01-01" / "Final fit, as of 2025-06-30". */
export type FitNote = string;

export function frequencyChart(a: ClvAnalysis, unitLabel: string, fit: FitNote): TopLevelSpec {
  const values = a.byFrequency.flatMap((r) => [
    { frequency: r.frequency, series: 'Actual', purchases: r.actual },
    { frequency: r.frequency, series: 'Model', purchases: r.predicted },
  ]);
  return {
    ...base,
    title: { text: 'Holdout purchases by calibration frequency', subtitle: fit },
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'frequency', type: 'ordinal', sort: null, title: 'Repeat purchases in calibration' },
      y: { field: 'purchases', type: 'quantitative', title: `Mean purchases in holdout (${unitLabel})` },
      color: { field: 'series', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] } },
      strokeDash: { field: 'series', type: 'nominal', legend: null, scale: { range: [[1, 0], [6, 4]] } },
    },
  } as TopLevelSpec;
}

export function trackingChart(a: ClvAnalysis, calibrationEnd: string, cumulative: boolean, fit: FitNote): TopLevelSpec {
  const values = a.tracking.flatMap((t) => [
    { date: dateOf(calibrationEnd, t.day), series: 'Actual', purchases: cumulative ? t.actualCumulative : t.actual },
    { date: dateOf(calibrationEnd, t.day), series: 'Model', purchases: cumulative ? t.predictedCumulative : t.predicted },
  ]);
  return {
    ...base,
    title: { text: cumulative ? 'Cumulative repeat purchases: actual vs model' : 'Weekly repeat purchases: actual vs model', subtitle: fit },
    layer: [
      {
        data: { values },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'date', type: 'temporal', title: null },
          y: { field: 'purchases', type: 'quantitative', title: 'Repeat purchases' },
          color: { field: 'series', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] } },
          strokeDash: { field: 'series', type: 'nominal', legend: null, scale: { range: [[1, 0], [6, 4]] } },
        },
      },
      {
        data: { values: [{ date: calibrationEnd }] },
        mark: { type: 'rule', color: '#6B7280', strokeDash: [2, 2] },
        encoding: { x: { field: 'date', type: 'temporal' } },
      },
    ],
  } as TopLevelSpec;
}

export function pAliveChart(a: ClvAnalysis, unitLabel: string, fit: FitNote): TopLevelSpec {
  return {
    ...base,
    title: { text: 'Probability a customer is still active', subtitle: fit },
    data: { values: a.pAliveMatrix },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'recency', type: 'ordinal', title: `Time of last purchase (${unitLabel} after the first)`, axis: { labelOverlap: true } },
      y: { field: 'frequency', type: 'ordinal', sort: 'descending', title: 'Repeat purchases' },
      color: { field: 'pAlive', type: 'quantitative', title: 'P(alive)', scale: { scheme: HEATMAP_SCHEME, domain: [0, 1] } },
      tooltip: [
        { field: 'frequency', title: 'Repeat purchases' },
        { field: 'recency', title: 'Recency' },
        { field: 'pAlive', title: 'P(alive)', format: '.2f' },
      ],
    },
  } as TopLevelSpec;
}

export function clvHistogramChart(a: ClvAnalysis, fit: FitNote): TopLevelSpec {
  return {
    ...base,
    title: { text: 'Predicted lifetime value per customer', subtitle: fit },
    data: { values: a.clvHistogram.bins },
    mark: { type: 'bar', color: PALETTE[2] },
    encoding: {
      x: { field: 'from', type: 'quantitative', bin: { binned: true }, title: 'Predicted CLV' },
      x2: { field: 'to' },
      y: { field: 'customers', type: 'quantitative', title: 'Customers' },
    },
  } as TopLevelSpec;
}

export type CohortGrouping = 'month' | 'quarter' | 'channel';
export type CohortMeasure = 'mean' | 'total';

export const COHORT_GROUPING_LABELS: Readonly<Record<CohortGrouping, string>> = {
  month: 'First-purchase month',
  quarter: 'First-purchase quarter',
  channel: 'Acquisition channel',
};

/** Mean or total predicted CLV per acquisition cohort (first-purchase month/quarter) or acquisition channel. */
export function cohortChart(rows: readonly CohortClv[], grouping: CohortGrouping, measure: CohortMeasure, fit: FitNote): TopLevelSpec {
  const field = measure === 'mean' ? 'meanClv' : 'totalClv';
  const what = measure === 'mean' ? 'Mean predicted CLV' : 'Total predicted CLV';
  return {
    ...base,
    title: { text: `${what} by ${COHORT_GROUPING_LABELS[grouping].toLowerCase()}`, subtitle: fit },
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'bar', color: PALETTE[3] },
    encoding: {
      x: { field: 'cohort', type: 'ordinal', sort: grouping === 'channel' ? '-y' : null, title: COHORT_GROUPING_LABELS[grouping], axis: { labelOverlap: true } },
      y: { field, type: 'quantitative', title: what },
      tooltip: [
        { field: 'cohort', title: COHORT_GROUPING_LABELS[grouping] },
        { field: 'customers', title: 'Customers', format: ',' },
        { field: 'meanClv', title: 'Mean CLV', format: ',.2f' },
        { field: 'totalClv', title: 'Total CLV', format: ',.0f' },
      ],
    },
  } as TopLevelSpec;
}
