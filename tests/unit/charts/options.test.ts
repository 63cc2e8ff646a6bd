import { describe, expect, it } from 'vitest';
import {
  aggregateOptions,
  chartSql,
  colorFieldOptions,
  defaultChartSpec,
  repairSpec,
  xFieldOptions,
  yFieldOptions,
  type ChartSpec,
} from '../../../src/lib/charts';
import type { ColumnInfo } from '../../../src/lib/engine/schema';

const cols: ColumnInfo[] = [
  { name: 'customer', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
  { name: 'qty', type: 'INTEGER' },
  { name: 'day', type: 'DATE' },
  { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'flag', type: 'BOOLEAN' },
  { name: 'tags', type: 'VARCHAR[]' },
];
const names = (c: ColumnInfo[]) => c.map((x) => x.name);

describe('editor options', () => {
  it('offers only fields that fit the chart type', () => {
    expect(names(xFieldOptions('histogram', cols))).toEqual(['amount', 'qty']);
    expect(names(xFieldOptions('bar', cols))).toEqual(['customer', 'amount', 'qty', 'day', 'ts', 'flag']);
    expect(names(yFieldOptions('bar', 'sum', cols))).toEqual(['amount', 'qty']);
    expect(names(yFieldOptions('bar', 'count', cols))).not.toContain('tags');
    expect(names(yFieldOptions('heatmap', 'count', cols))).toEqual(['customer', 'amount', 'qty', 'flag']);
    expect(names(colorFieldOptions('line', cols))).toEqual(['customer', 'qty', 'flag']);
    expect(colorFieldOptions('heatmap', cols)).toEqual([]);
    expect(aggregateOptions('heatmap')).toEqual(['count']);
  });

  it('starts with counts over time and repairs specs when the type changes', () => {
    const first = defaultChartSpec({ name: 'orders', columns: cols });
    expect(first).toEqual({ source: 'orders', mark: 'bar', x: { field: 'day', bin: 'month' }, y: { aggregate: 'count' } });
    const sum: ChartSpec = { ...first, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'customer' } };
    expect(repairSpec({ ...sum, mark: 'histogram' }, cols)).toEqual({
      source: 'orders', mark: 'histogram', x: { field: 'amount' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'customer' },
    });
    expect(repairSpec({ ...sum, mark: 'heatmap' }, cols)).toEqual({
      source: 'orders', mark: 'heatmap', x: { field: 'day', bin: 'month' }, y: { field: 'amount', aggregate: 'count' },
    });
    // A sum with no numeric field left falls back to a count.
    const textOnly = [{ name: 'c', type: 'VARCHAR' }];
    expect(repairSpec({ source: 't', mark: 'bar', x: { field: 'c' }, y: { field: 'amount', aggregate: 'sum' } }, textOnly)).toEqual({
      source: 't', mark: 'bar', x: { field: 'c' }, y: { aggregate: 'count' },
    });
  });

  it('every spec the editor can produce compiles', () => {
    for (const mark of ['bar', 'line', 'area', 'point', 'histogram', 'heatmap'] as const) {
      for (const aggregate of aggregateOptions(mark)) {
        for (const x of xFieldOptions(mark, cols)) {
          const spec = repairSpec({ source: 'orders', mark, x: { field: x.name }, y: { aggregate } }, cols);
          expect(() => chartSql(spec, cols)).not.toThrow();
        }
      }
    }
  });
});
