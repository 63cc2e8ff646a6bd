export * from './spec';
export { ChartSpecError, type ChartSpecErrorCode } from './errors';
export { planChart, type ChartPlan, type Dimension, type Measure } from './plan';
export { chartSql, capChartRows, MISSING_LABEL } from './chartSql';
export { vegaLiteSpec, describeChart } from './vegaSpec';
export { PALETTE, OTHER_COLOR, HEATMAP_SCHEME, FONT_SIZES, chartConfig } from './theme';
export {
  type ChartSource,
  xFieldOptions,
  yFieldOptions,
  colorFieldOptions,
  aggregateOptions,
  isTimeField,
  repairSpec,
  defaultChartSpec,
} from './options';
