/** Vega-Lite specs of the lifetime-value charts, drawn the way lifetimes and CLVTools draw them. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, HEATMAP_SCHEME, PALETTE, chartConfig } from '../../../lib/charts/theme';
import type { ClvAnalysis } from '../../../lib/clv/cell/analysis';

const base = { config: chartConfig, width: 'container', height: CHART_HEIGHT, autosize: { type: 'fit', contains: 'padding' } } as const;
const DAY = 86_400_000;

function dateOf(calibrationEnd: string, offsetDays: number): string {
  return new Date(Date.parse(`${calibrationEnd}T00:00:00Z`) + offsetDays * DAY).toISOString().slice(0, 10);
}

export function frequencyChart(a: ClvAnalysis, unitLabel: string): TopLevelSpec {
  const values = a.byFrequency.flatMap((r) => [
    { frequency: r.frequency, series: 'Actual', purchases: r.actual },
    { frequency: r.frequency, series: 'Model', purchases: r.predicted },
  ]);
  return {
    ...base,
    title: 'Holdout purchases by calibration frequency',
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

export function trackingChart(a: ClvAnalysis, calibrationEnd: string, cumulative: boolean): TopLevelSpec {
  const values = a.tracking.flatMap((t) => [
    { date: dateOf(calibrationEnd, t.day), series: 'Actual', purchases: cumulative ? t.actualCumulative : t.actual },
    { date: dateOf(calibrationEnd, t.day), series: 'Model', purchases: cumulative ? t.predictedCumulative : t.predicted },
  ]);
  return {
    ...base,
    title: cumulative ? 'Cumulative repeat purchases: actual vs model' : 'Weekly repeat purchases: actual vs model',
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

export function pAliveChart(a: ClvAnalysis, unitLabel: string): TopLevelSpec {
  return {
    ...base,
    title: 'Probability a customer is still active',
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

export function clvHistogramChart(a: ClvAnalysis): TopLevelSpec {
  return {
    ...base,
    title: 'Predicted lifetime value per customer',
    data: { values: a.clvHistogram.bins },
    mark: { type: 'bar', color: PALETTE[2] },
    encoding: {
      x: { field: 'from', type: 'quantitative', bin: { binned: true }, title: 'Predicted CLV' },
      x2: { field: 'to' },
      y: { field: 'customers', type: 'quantitative', title: 'Customers' },
    },
  } as TopLevelSpec;
}
