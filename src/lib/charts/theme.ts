/** Projector-friendly defaults: large type, a colour-blind-safe palette, local fonts only. */
import type { Config } from 'vega-lite';

/**
 * Okabe & Ito (2008), ordered so the first hues stay distinct under every common colour-vision
 * deficiency; yellow comes late because it is faint on white.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;
/** The "Other" bucket is neutral so it never competes with a named group. */
export const OTHER_COLOR = '#9CA3AF';
/** Sequential and perceptually uniform, readable with any colour vision. */
export const HEATMAP_SCHEME = 'viridis';
/** System fonts only: nothing is fetched. Matches the app's --font. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const FONT_SIZES = { label: 14, title: 16, chartTitle: 20 } as const;

export const CHART_HEIGHT = 360;

export const chartConfig: Config = {
  font: FONT,
  background: '#ffffff',
  axis: {
    labelFontSize: FONT_SIZES.label,
    titleFontSize: FONT_SIZES.title,
    titleFontWeight: 600,
    labelColor: '#374151',
    titleColor: '#111827',
    gridColor: '#E5E7EB',
    domainColor: '#6B7280',
    tickColor: '#6B7280',
    titlePadding: 10,
    labelLimit: 200,
  },
  legend: {
    labelFontSize: FONT_SIZES.label,
    titleFontSize: FONT_SIZES.title,
    titleFontWeight: 600,
    symbolSize: 180,
    labelLimit: 220,
  },
  title: { fontSize: FONT_SIZES.chartTitle, fontWeight: 600, anchor: 'start', color: '#111827', offset: 12 },
  range: { category: [...PALETTE] },
  mark: { color: PALETTE[0] },
  line: { strokeWidth: 3 },
  point: { size: 80, filled: true },
  view: { stroke: null },
};
