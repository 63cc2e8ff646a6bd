/** Words for a chart: its default title and the accessible name of the rendered image. */
import type { ChartPlan, Dimension } from './plan';
import type { ChartMark } from './spec';

const MARK_WORDS: Record<ChartMark, string> = {
  bar: 'Bar chart',
  line: 'Line chart',
  area: 'Area chart',
  point: 'Scatter plot',
  histogram: 'Histogram',
  heatmap: 'Heatmap',
};

const AGG_WORDS = { count: 'count', sum: 'sum', mean: 'mean', median: 'median' } as const;

function measureWords(plan: ChartPlan): string {
  const { aggregate, field } = plan.measure;
  return `${AGG_WORDS[aggregate]} of ${field ?? 'rows'}`;
}

/** "Sum of revenue": the value axis title. Field names keep their case. */
export function measureTitle(plan: ChartPlan): string {
  const words = measureWords(plan);
  return `${words[0].toUpperCase()}${words.slice(1)}`;
}

export function dimensionTitle(d: Dimension): string {
  return d.kind === 'time' ? `${d.field} (${d.bin})` : d.field;
}

function dimensionWords(d: Dimension): string {
  return d.kind === 'time' ? `${d.bin} of ${d.field}` : d.field;
}

/** "Bar chart of sum of revenue by month of ordered_at, coloured by channel". */
export function describePlan(plan: ChartPlan): string {
  const by = plan.y ? `${dimensionWords(plan.x)} and ${dimensionWords(plan.y)}` : dimensionWords(plan.x);
  const colour = plan.color ? `, coloured by ${plan.color.field}` : '';
  return `${MARK_WORDS[plan.mark]} of ${measureWords(plan)} by ${by}${colour}`;
}

/** Short default title: "Sum of revenue by month of ordered_at". */
export function defaultTitle(plan: ChartPlan): string {
  const by = plan.y ? `${dimensionWords(plan.x)} and ${dimensionWords(plan.y)}` : dimensionWords(plan.x);
  return `${measureTitle(plan)} by ${by}`;
}
