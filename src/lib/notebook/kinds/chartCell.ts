/**
 * Chart cell: a chart of a table, view or cell result. Only the spec's shape is checked here;
 * the SQL that aggregates it in the engine is compiled by src/lib/charts.
 */
import { invalid } from '../errors';
import type { CellKind } from '../registry';
import { join, objectAt, oneOf, onlyKeys, stringAt } from './shape';
import { CHART_AGGREGATES as AGGREGATES, CHART_MARKS, TIME_BINS, type ChartSpec } from '../../charts/spec';

export { CHART_MARKS, TIME_BINS, AGGREGATES };
export type { ChartMark, TimeBin, ChartAggregate } from '../../charts/spec';

/** The chart library's spec; `source` is '' until chosen. */
export type ChartCellSpec = ChartSpec;

export const chartCell: CellKind<ChartCellSpec> = {
  kind: 'chart',
  label: 'Chart',
  defaultSpec: () => ({ source: '', mark: 'bar' }),
  parse(spec) {
    const obj = objectAt(spec, '');
    onlyKeys(obj, ['source', 'mark', 'x', 'y', 'color', 'title'], '');
    const out: ChartCellSpec = { source: stringAt(obj, 'source', ''), mark: oneOf(obj, 'mark', CHART_MARKS, '') };
    if (obj.title !== undefined) out.title = stringAt(obj, 'title', '');
    if (obj.x !== undefined) {
      const x = objectAt(obj.x, 'x');
      onlyKeys(x, ['field', 'bin'], 'x');
      out.x = { field: field(x, 'x') };
      if (x.bin !== undefined) out.x.bin = oneOf(x, 'bin', TIME_BINS, 'x');
    }
    if (obj.y !== undefined) {
      const y = objectAt(obj.y, 'y');
      onlyKeys(y, ['field', 'aggregate'], 'y');
      out.y = { aggregate: oneOf(y, 'aggregate', AGGREGATES, 'y') };
      if (y.field !== undefined) out.y.field = field(y, 'y');
      if (out.y.aggregate !== 'count' && out.y.field === undefined) throw invalid('y.field', `a ${out.y.aggregate} needs a field`);
    }
    if (obj.color !== undefined) {
      const color = objectAt(obj.color, 'color');
      onlyKeys(color, ['field'], 'color');
      out.color = { field: field(color, 'color') };
    }
    return out;
  },
  references: (spec) => (spec.source === '' ? [] : [spec.source.toLowerCase()]),
};

function field(obj: Record<string, unknown>, path: string): string {
  const v = stringAt(obj, 'field', path);
  if (v === '') throw invalid(join(path, 'field'), 'must name a column');
  return v;
}
