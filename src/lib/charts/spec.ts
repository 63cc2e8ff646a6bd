/** The chart cell's spec: plain JSON stored in the notebook and carried by share links. */

export const CHART_MARKS = ['bar', 'line', 'area', 'point', 'histogram', 'heatmap'] as const;
export const CHART_AGGREGATES = ['count', 'sum', 'mean', 'median'] as const;
export const TIME_BINS = ['day', 'week', 'month', 'quarter'] as const;

export type ChartMark = (typeof CHART_MARKS)[number];
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];
export type TimeBin = (typeof TIME_BINS)[number];

export interface ChartSpec {
  /** A table, view or cell result name. */
  source: string;
  mark: ChartMark;
  x?: { field: string; bin?: TimeBin };
  /** For a heatmap, `y.field` is the second dimension and the cells count rows. */
  y?: { field?: string; aggregate: ChartAggregate };
  color?: { field: string };
  title?: string;
}

/**
 * The result never carries more rows than this (a few thousand marks). Continuous axes are cut
 * with a LIMIT and flagged (see `capChartRows`); categories are folded into an "Other" bucket.
 */
export const CHART_MAX_MARKS = 5000;
/** Categorical x (and heatmap y): the top N categories by value, the rest folded into "Other". */
export const CATEGORY_LIMIT = 50;
/** Colour groups: as many as the colour-blind-safe palette has distinct hues, then "Other". */
export const COLOR_LIMIT = 8;
/** Approximate bin counts for numeric axes (the step is rounded to 1, 2 or 5 × 10^k). */
export const HISTOGRAM_BINS = 30;
export const HEATMAP_BINS = 20;

/** Names of the columns of the aggregated result, fixed so that any source field name is safe. */
export const OUT = {
  x: 'x',
  xEnd: 'x_end',
  xRank: 'x_rank',
  y: 'y',
  yEnd: 'y_end',
  yRank: 'y_rank',
  color: 'color',
  colorRank: 'color_rank',
  value: 'value',
} as const;

export const MARK_LABELS: Record<ChartMark, string> = {
  bar: 'Bar',
  line: 'Line',
  area: 'Area',
  point: 'Scatter',
  histogram: 'Histogram',
  heatmap: 'Heatmap',
};

export const AGGREGATE_LABELS: Record<ChartAggregate, string> = {
  count: 'Count',
  sum: 'Sum',
  mean: 'Mean',
  median: 'Median',
};
