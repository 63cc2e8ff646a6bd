/** The P(alive) history chart, drawn as lifetimes' plot_history_alive: the path, with a dashed rule at each purchase. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, PALETTE, chartConfig } from '../../../lib/charts/theme';
import { isoDay, type AlivePoint } from '../../../lib/customer/aliveHistory';

export function aliveHistoryChart(points: readonly AlivePoint[], subtitle: string): TopLevelSpec {
  const values = points.map((p) => ({ date: isoDay(p.day), pAlive: p.pAlive }));
  const purchases = points.filter((p) => p.purchase).map((p) => ({ date: isoDay(p.day) }));
  return {
    config: chartConfig,
    width: 'container',
    height: Math.round(CHART_HEIGHT * 0.75),
    autosize: { type: 'fit', contains: 'padding' },
    title: { text: 'History of P(alive)', subtitle },
    layer: [
      {
        data: { values: purchases },
        mark: { type: 'rule', color: '#9CA3AF', strokeDash: [4, 4], strokeWidth: 1.5 },
        encoding: { x: { field: 'date', type: 'temporal' }, tooltip: [{ field: 'date', type: 'temporal', title: 'Purchase', format: '%Y-%m-%d' }] },
      },
      {
        data: { values },
        mark: { type: 'line', color: PALETTE[0] },
        encoding: {
          x: { field: 'date', type: 'temporal', title: null },
          y: { field: 'pAlive', type: 'quantitative', title: 'P(alive)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          tooltip: [
            { field: 'date', type: 'temporal', title: 'Date', format: '%Y-%m-%d' },
            { field: 'pAlive', type: 'quantitative', title: 'P(alive)', format: '.1%' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
