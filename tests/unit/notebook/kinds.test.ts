import { describe, expect, it } from 'vitest';
import { cellKind, cellKinds, chartCell, NotebookError, registerCellKind } from '../../../src/lib/notebook';

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof NotebookError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('cell kinds registry', () => {
  it('has the notebook kinds, each default spec parsing as itself', () => {
    expect(cellKinds().map((k) => k.kind)).toEqual(expect.arrayContaining(['sql', 'chart', 'note']));
    for (const k of cellKinds()) expect(k.parse(k.defaultSpec())).toEqual(k.defaultSpec());
    expect(errorOf(() => cellKind('nope'))).toMatch(/not a kind of cell/);
  });

  it('lets another module register a kind', () => {
    registerCellKind<{ n: number }>({ kind: 'test_counter', label: 'Counter', defaultSpec: () => ({ n: 0 }), parse: () => ({ n: 1 }) });
    expect(cellKind('test_counter').label).toBe('Counter');
  });

  it('checks chart specs with a path to the problem', () => {
    const full = { source: 'Orders', mark: 'line', x: { field: 'day', bin: 'week' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'channel' } };
    expect(chartCell.parse(full)).toEqual(full);
    expect(chartCell.references!(chartCell.parse(full))).toEqual(['orders']);
    expect(chartCell.parse({ source: 't', mark: 'bar', y: { aggregate: 'count' } })).toEqual({ source: 't', mark: 'bar', y: { aggregate: 'count' } });
    expect(errorOf(() => chartCell.parse({ source: 't', mark: 'pie' }))).toMatch(/^mark: must be one of bar, line, area, point, histogram, heatmap \(not "pie"\)/);
    expect(errorOf(() => chartCell.parse({ source: 't', mark: 'bar', x: { field: 'd', bin: 'year' } }))).toMatch(/^x\.bin: /);
    expect(errorOf(() => chartCell.parse({ source: 't', mark: 'bar', y: { aggregate: 'sum' } }))).toBe('y.field: a sum needs a field');
    expect(errorOf(() => chartCell.parse({ source: 't', mark: 'bar', x: { field: '' } }))).toBe('x.field: must name a column');
    expect(errorOf(() => chartCell.parse({ source: 't', mark: 'bar', size: 3 }))).toBe('size: is not a known setting');
    expect(errorOf(() => chartCell.parse([]))).toBe('must be an object');
  });

  it('checks note and SQL specs', () => {
    expect(cellKind('note').parse({ markdown: '*x*' })).toEqual({ markdown: '*x*' });
    expect(errorOf(() => cellKind('note').parse({ markdown: 1 }))).toBe('markdown: must be text');
    expect(errorOf(() => cellKind('sql').parse({ sql: 'x', extra: 1 }))).toBe('extra: is not a known setting');
  });
});
