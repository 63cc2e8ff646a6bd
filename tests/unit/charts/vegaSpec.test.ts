import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { PALETTE, OTHER_COLOR, chartSql, describeChart, vegaLiteSpec, type ChartSpec } from '../../../src/lib/charts';
import type { ColumnInfo } from '../../../src/lib/engine/schema';
import { openTestDb, type Row, type TestDb } from '../helpers/duckdb';
import { ORDERS_SQL, columnsOf } from './fixtures';

let db: TestDb;
let cols: ColumnInfo[];
beforeAll(async () => {
  db = await openTestDb();
  db.query(ORDERS_SQL);
  cols = await columnsOf(db, 'orders');
});
afterAll(() => db.close());

const SPECS: Record<string, ChartSpec> = {
  bar: { source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { field: 'amount', aggregate: 'sum' } },
  barByMonth: { source: 'orders', mark: 'bar', x: { field: 'day', bin: 'month' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'channel' } },
  line: { source: 'orders', mark: 'line', x: { field: 'ts', bin: 'week' }, y: { field: 'qty', aggregate: 'median' }, color: { field: 'flag' } },
  area: { source: 'orders', mark: 'area', x: { field: 'day', bin: 'quarter' }, color: { field: 'customer' } },
  point: { source: 'orders', mark: 'point', x: { field: 'amount' }, y: { field: 'qty', aggregate: 'mean' } },
  histogram: { source: 'orders', mark: 'histogram', x: { field: 'qty' }, color: { field: 'channel' } },
  heatmap: { source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { field: 'qty', aggregate: 'count' } },
  heatmapTime: { source: 'orders', mark: 'heatmap', x: { field: 'day', bin: 'day' }, y: { field: 'customer', aggregate: 'count' }, title: 'Orders by day' },
};

function build(spec: ChartSpec): { vl: TopLevelSpec; rows: Row[] } {
  const rows = db.query(chartSql(spec, cols));
  return { vl: vegaLiteSpec(spec, rows, cols), rows };
}

/** vega-lite's compile, failing on any warning: a spec that only "mostly" works is a bug. */
function compileStrict(vl: TopLevelSpec): vega.Spec {
  const messages: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => (messages.push(`error ${m.join(' ')}`), logger),
    warn: (...m: unknown[]) => (messages.push(`warn ${m.join(' ')}`), logger),
    info: () => logger,
    debug: () => logger,
  };
  const out = compile(vl, { logger: logger as never });
  expect(messages).toEqual([]);
  return out.spec;
}

describe('vegaLiteSpec', () => {
  it('carries the data inline and nothing that loads from a URL', () => {
    const { vl, rows } = build(SPECS.barByMonth);
    const json = JSON.stringify(vl);
    expect(vl).toMatchObject({ data: { values: expect.any(Array) }, width: 'container' });
    expect((vl as { data: { values: unknown[] } }).data.values).toHaveLength(rows.length);
    expect(json).not.toMatch(/https?:|"url"|\$schema/);
  });

  it('uses large fonts and the colour-blind-safe palette, with "Other" in grey', () => {
    const { vl } = build(SPECS.bar);
    const config = vl.config ?? {};
    expect(config.axis?.labelFontSize).toBeGreaterThanOrEqual(14);
    expect(config.axis?.titleFontSize).toBeGreaterThanOrEqual(16);
    expect(config.legend?.labelFontSize).toBeGreaterThanOrEqual(14);
    expect(config.legend?.titleFontSize).toBeGreaterThanOrEqual(16);
    expect(config.range?.category).toEqual([...PALETTE]);
    expect(PALETTE).toContain('#0072B2');

    db.query(`CREATE OR REPLACE TABLE wide AS SELECT 'g' || (i % 12) AS g, i AS n FROM range(120) r(i)`);
    const wideCols = [{ name: 'g', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }];
    const spec: ChartSpec = { source: 'wide', mark: 'bar', x: { field: 'g' }, color: { field: 'g' } };
    const wide = vegaLiteSpec(spec, db.query(chartSql(spec, wideCols)), wideCols);
    const color = (wide as { encoding: { color: { scale: { domain: string[]; range: string[] } } } }).encoding.color;
    expect(color.scale.domain).toHaveLength(9);
    expect(color.scale.domain[8]).toBe('Other (4 more)');
    expect(color.scale.range).toEqual([...PALETTE, OTHER_COLOR]);
  });

  it('reads time bins in UTC and titles axes in words', () => {
    const { vl } = build(SPECS.barByMonth);
    const enc = (vl as unknown as { encoding: Record<string, Record<string, unknown>> }).encoding;
    expect(enc.x).toMatchObject({
      type: 'temporal',
      bin: 'binned',
      scale: { type: 'utc' },
      axis: { labelExpr: "utcFormat(datum.value, '%b %Y')", tickCount: { interval: 'month', step: 1 } },
      title: 'day (month)',
    });
    expect(enc.x2).toEqual({ field: 'x_end' });
    expect(enc.y).toMatchObject({ title: 'Sum of amount' });
    expect(vl.title).toBe('Sum of amount by month of day');
    expect(build(SPECS.heatmapTime).vl.title).toBe('Orders by day');
  });

  it('describes the chart for screen readers', () => {
    expect(describeChart(SPECS.barByMonth, cols)).toBe('Bar chart of sum of amount by month of day, coloured by channel');
    expect(describeChart(SPECS.heatmap, cols)).toBe('Heatmap of count of rows by channel and qty');
    expect(describeChart(SPECS.point, cols)).toBe('Scatter plot of mean of qty by amount');
  });

  it.each(Object.keys(SPECS))('%s compiles without warnings and renders to SVG with the CSP-safe interpreter', async (name) => {
    const { vl, rows } = build(SPECS[name]);
    expect(rows.length).toBeGreaterThan(0);
    const view = new vega.View(vega.parse(compileStrict(vl), undefined, { ast: true }), {
      renderer: 'none',
      expr: expressionInterpreter,
    });
    const svg = await view.toSVG();
    view.finalize();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('font-size="14px"');
    // Every aggregated row is drawn: one mark per row (lines and areas: one path per series).
    const marks = (svg.match(/role="graphics-symbol"/g) ?? []).length;
    expect(marks).toBeGreaterThan(0);
  });

  it('draws the month labels in UTC whatever the local time zone', async () => {
    const { vl } = build(SPECS.barByMonth);
    const view = new vega.View(vega.parse(compileStrict(vl), undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
    const svg = await view.toSVG();
    view.finalize();
    expect(svg).toContain('Jan 2024');
    expect(svg).not.toContain('Dec 2023');
    // Stacked bars reach from the baseline: the February bar (70 of 70) fills the plot height.
    const heights = [...svg.matchAll(/aria-roledescription="bar"[^>]*d="M[^h]*h[-\d.]+v([\d.]+)/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(4);
    expect(Math.max(...heights)).toBeGreaterThan(200);
  });
});
