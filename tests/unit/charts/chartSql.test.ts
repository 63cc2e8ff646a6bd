import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_MAX_MARKS, ChartSpecError, capChartRows, chartSql, type ChartSpec } from '../../../src/lib/charts';
import type { ColumnInfo } from '../../../src/lib/engine/schema';
import { openTestDb, type Row, type TestDb } from '../helpers/duckdb';
import { ORDERS_SQL, columnsOf, isoDay } from './fixtures';

let db: TestDb;
let cols: ColumnInfo[];

beforeAll(async () => {
  db = await openTestDb();
  db.query(ORDERS_SQL);
  // 0, 1, …, 99 and 0.00, 0.01, …, 0.99: twenty round bins of five values each.
  db.query(`CREATE TABLE hundred AS SELECT i::INTEGER AS n, i / 100 AS f FROM range(100) r(i)`);
  // 60 categories: k01 has 60 rows, k02 59, …, k60 1; value v = 1 on every row.
  db.query(`CREATE TABLE many AS SELECT 'k' || lpad(c::VARCHAR, 2, '0') AS cat, (c % 10)::VARCHAR AS grp, 1.0 AS v, DATE '2000-01-01' + c::INTEGER AS d
            FROM range(1, 61) a(c), range(0, 61) b(i) WHERE i < 61 - c`);
  db.query(`CREATE TABLE days AS SELECT DATE '2000-01-01' + i::INTEGER AS d, i::DOUBLE AS v FROM range(6000) r(i)`);
  cols = await columnsOf(db, 'orders');
});
afterAll(() => db.close());

const run = (spec: ChartSpec, columns = cols): Row[] => db.query(chartSql(spec, columns));
const pairs = (rows: Row[], key = 'x') => Object.fromEntries(rows.map((r) => [String(r[key]), r.value]));

describe('categorical x', () => {
  it('counts rows per category, ranked by value, missing values labelled', () => {
    const rows = run({ source: 'orders', mark: 'bar', x: { field: 'channel' } });
    expect(rows.map((r) => [r.x, r.x_rank, r.value])).toEqual([
      ['web', 1, 3],
      ['(missing)', 2, 1],
      ['app', 3, 1],
      ['store', 4, 1],
    ]);
  });
  it('sums, averages and takes medians in the engine', () => {
    const sum = run({ source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { field: 'amount', aggregate: 'sum' } });
    expect(sum.map((r) => [r.x, r.value])).toEqual([['web', 80], ['app', 50], ['store', 20], ['(missing)', null]]);
    const mean = run({ source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { field: 'amount', aggregate: 'mean' } });
    expect(pairs(mean).web).toBeCloseTo(80 / 3, 10);
    const median = run({ source: 'orders', mark: 'line', x: { field: 'customer' }, y: { field: 'qty', aggregate: 'median' } });
    expect(pairs(median)).toEqual({ a: 1.5, b: 3, c: 4.5, d: 6 });
  });
  it('counts the non-empty values of a field', () => {
    const rows = run({ source: 'orders', mark: 'bar', x: { field: 'customer' }, y: { field: 'amount', aggregate: 'count' } });
    expect(pairs(rows)).toEqual({ a: 2, b: 1, c: 2, d: 0 });
  });
  it('groups booleans as categories', () => {
    const rows = run({ source: 'orders', mark: 'bar', x: { field: 'flag' } });
    expect(pairs(rows)).toEqual({ true: 3, false: 2, '(missing)': 1 });
  });
  it('keeps the top 50 categories and folds the rest into "Other", aggregated from the rows', async () => {
    const many = await columnsOf(db, 'many');
    const rows = run({ source: 'many', mark: 'bar', x: { field: 'cat' }, y: { field: 'v', aggregate: 'sum' } }, many);
    expect(rows).toHaveLength(51);
    expect(rows[0]).toMatchObject({ x: 'k01', x_rank: 1, value: 60 });
    expect(rows[49]).toMatchObject({ x: 'k50', x_rank: 50, value: 11 });
    // k51…k60 hold 10+9+…+1 = 55 rows.
    expect(rows[50]).toMatchObject({ x: 'Other (10 more)', x_rank: 51, value: 55 });
    const mean = run({ source: 'many', mark: 'bar', x: { field: 'cat' }, y: { field: 'v', aggregate: 'mean' } }, many);
    expect(mean[50]).toMatchObject({ x: 'Other (10 more)', value: 1 });
  });
});

describe('time bins', () => {
  const byDay = (rows: Row[]) => rows.map((r) => [isoDay(r.x), isoDay(r.x_end), r.value]);
  it('bins dates by month with the bin end', () => {
    const rows = run({ source: 'orders', mark: 'bar', x: { field: 'day', bin: 'month' }, y: { field: 'amount', aggregate: 'sum' } });
    expect(byDay(rows)).toEqual([
      ['2024-01-01', '2024-02-01', 30],
      ['2024-02-01', '2024-03-01', 70],
      ['2024-04-01', '2024-05-01', 50],
    ]);
  });
  it('bins by ISO week (Monday), quarter and day; rows without a date are left out', () => {
    const week = run({ source: 'orders', mark: 'line', x: { field: 'day', bin: 'week' } });
    expect(byDay(week)).toEqual([
      ['2024-01-01', '2024-01-08', 1],
      ['2024-01-15', '2024-01-22', 1],
      ['2024-02-05', '2024-02-12', 2],
      ['2024-04-01', '2024-04-08', 1],
    ]);
    const quarter = run({ source: 'orders', mark: 'area', x: { field: 'ts', bin: 'quarter' } });
    expect(byDay(quarter)).toEqual([
      ['2024-01-01', '2024-04-01', 4],
      ['2024-04-01', '2024-07-01', 1],
    ]);
    // A timestamp without a bin is grouped by day: 23:30 stays on its own calendar day.
    const day = run({ source: 'orders', mark: 'point', x: { field: 'ts' }, y: { field: 'qty', aggregate: 'sum' } });
    expect(byDay(day).map((r) => [r[0], r[2]])).toEqual([
      ['2024-01-03', 1],
      ['2024-01-20', 2],
      ['2024-02-05', 3],
      ['2024-02-06', 4],
      ['2024-04-01', 5],
    ]);
  });
  it('splits by a colour field', () => {
    const rows = run({ source: 'orders', mark: 'bar', x: { field: 'day', bin: 'month' }, y: { field: 'amount', aggregate: 'sum' }, color: { field: 'channel' } });
    expect(rows.map((r) => [isoDay(r.x), r.color, r.value])).toEqual([
      ['2024-01-01', 'web', 10],
      ['2024-01-01', 'store', 20],
      ['2024-02-01', 'web', 70],
      ['2024-04-01', 'app', 50],
    ]);
  });
});

describe('histogram and numeric x', () => {
  it('makes round bins from min/max for integers and decimals', async () => {
    const hundred = await columnsOf(db, 'hundred');
    const ints = run({ source: 'hundred', mark: 'histogram', x: { field: 'n' } }, hundred);
    expect(ints).toHaveLength(20);
    expect(ints.map((r) => r.x)).toEqual(Array.from({ length: 20 }, (_, i) => i * 5));
    expect(ints.every((r) => r.value === 5 && Number(r.x_end) - Number(r.x) === 5)).toBe(true);
    const decimals = run({ source: 'hundred', mark: 'histogram', x: { field: 'f' } }, hundred);
    expect(decimals.map((r) => r.x)).toEqual(Array.from({ length: 20 }, (_, i) => Number((i * 0.05).toFixed(2))));
    expect(decimals.map((r) => r.value)).toEqual(Array(20).fill(5));
  });
  it('never splits integers below a step of 1, and aggregates a y field per bin', () => {
    const rows = run({ source: 'orders', mark: 'histogram', x: { field: 'qty' }, y: { field: 'amount', aggregate: 'sum' } });
    expect(rows.map((r) => [r.x, r.x_end, r.value])).toEqual([
      [1, 2, 10], [2, 3, 20], [3, 4, 30], [4, 5, 40], [5, 6, 50], [6, 7, null],
    ]);
  });
  it('handles a single value and an empty source', () => {
    db.query(`CREATE OR REPLACE TABLE one AS SELECT 7.5::DOUBLE AS v FROM range(3)`);
    expect(run({ source: 'one', mark: 'histogram', x: { field: 'v' } }, [{ name: 'v', type: 'DOUBLE' }])).toEqual([
      { x: 7, x_end: 8, value: 3 },
    ]);
    db.query(`CREATE OR REPLACE TABLE none AS SELECT 1.5::DOUBLE AS v WHERE false`);
    expect(run({ source: 'none', mark: 'histogram', x: { field: 'v' } }, [{ name: 'v', type: 'DOUBLE' }])).toEqual([]);
  });
  it('keeps exact numeric x values on a scatter plot', () => {
    const rows = run({ source: 'orders', mark: 'point', x: { field: 'amount' }, y: { field: 'qty', aggregate: 'mean' } });
    expect(rows.map((r) => [r.x, r.value])).toEqual([[10, 1], [20, 2], [30, 3], [40, 4], [50, 5]]);
  });
});

describe('heatmap', () => {
  it('counts rows per pair of categories', () => {
    const rows = run({ source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { field: 'customer', aggregate: 'count' } });
    expect(rows.map((r) => `${r.x}|${r.y}=${r.value}`).sort()).toEqual(
      ['(missing)|d=1', 'app|c=1', 'store|a=1', 'web|a=1', 'web|b=1', 'web|c=1'].sort(),
    );
  });
  it('bins numeric axes and months', async () => {
    const hundred = await columnsOf(db, 'hundred');
    const rows = run({ source: 'hundred', mark: 'heatmap', x: { field: 'n' }, y: { field: 'f', aggregate: 'count' } }, hundred);
    // n and f rise together: 20 diagonal cells of 5.
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.value === 5 && Math.abs(Number(r.x) / 100 - Number(r.y)) < 1e-9)).toBe(true);
    const months = run({ source: 'orders', mark: 'heatmap', x: { field: 'day', bin: 'month' }, y: { field: 'channel', aggregate: 'count' } });
    expect(months.map((r) => `${isoDay(r.x)}|${r.y}=${r.value}`)).toEqual([
      '2024-01-01|web=1', '2024-01-01|store=1', '2024-02-01|web=2', '2024-04-01|app=1',
    ]);
  });
});

describe('mark cap', () => {
  it('limits a long daily series and says so', async () => {
    const rows = run({ source: 'days', mark: 'line', x: { field: 'd', bin: 'day' }, y: { field: 'v', aggregate: 'sum' } }, await columnsOf(db, 'days'));
    expect(rows).toHaveLength(CHART_MAX_MARKS + 1);
    expect(isoDay(rows[0].x)).toBe('2000-01-01');
    const capped = capChartRows(rows);
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.rows).toHaveLength(CHART_MAX_MARKS);
    expect(capChartRows(rows.slice(0, 10)).truncated).toBe(false);
  });
  it('keeps 8 colour groups plus "Other" and 50 categories plus "Other" at most', async () => {
    const many = await columnsOf(db, 'many');
    const rows = run({ source: 'many', mark: 'bar', x: { field: 'cat' }, color: { field: 'cat' } }, many);
    const colours = new Set(rows.map((r) => r.color));
    expect(colours.size).toBe(9);
    expect(colours.has('Other (52 more)')).toBe(true);
    expect(new Set(rows.map((r) => r.x)).size).toBe(51);
    expect(rows.reduce((s, r) => s + Number(r.value), 0)).toBe((60 * 61) / 2);
    const heat = run({ source: 'many', mark: 'heatmap', x: { field: 'cat' }, y: { field: 'grp', aggregate: 'count' } }, many);
    expect(heat.length).toBeLessThanOrEqual(51 * 10);
  });
});

describe('quoting', () => {
  it('reads sources and fields with hostile names', () => {
    db.query(`CREATE TABLE "we""ird ; table" AS SELECT 'a' AS "x""; DROP TABLE orders; --", 2.0 AS "it's"`);
    const columns = [{ name: 'x"; DROP TABLE orders; --', type: 'VARCHAR' }, { name: "it's", type: 'DECIMAL(2,1)' }];
    const rows = run({ source: 'we"ird ; table', mark: 'bar', x: { field: columns[0].name }, y: { field: "it's", aggregate: 'sum' } }, columns);
    expect(rows).toEqual([{ x: 'a', x_rank: 1, value: 2 }]);
    expect(db.query('SELECT count(*) AS n FROM orders')[0].n).toBe(6);
  });
});

describe('validation', () => {
  const fails = (spec: unknown, code: string, text: RegExp) => {
    let err: unknown;
    try {
      chartSql(spec as ChartSpec, cols);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChartSpecError);
    expect((err as ChartSpecError).code).toBe(code);
    expect((err as ChartSpecError).message).toMatch(text);
    expect((err as ChartSpecError).hint.length).toBeGreaterThan(0);
  };
  it('rejects unknown fields, wrong types and impossible combinations with plain messages', () => {
    fails({ source: 'orders', mark: 'bar', x: { field: 'amout' } }, 'unknown-field', /"orders" has no column named "amout"/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { field: 'customer', aggregate: 'sum' } }, 'wrong-type', /"customer" is a text column/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { aggregate: 'mean' } }, 'missing-field', /Choose a field/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'channel', bin: 'month' } }, 'bad-bin', /not a date/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'day', bin: 'year' } }, 'bad-bin', /not a time bin/);
    fails({ source: 'orders', mark: 'histogram', x: { field: 'channel' } }, 'wrong-type', /numeric/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'tags' } }, 'wrong-type', /not a simple value/);
    fails({ source: 'orders', mark: 'bar' }, 'missing-field', /X axis/);
    fails({ source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { aggregate: 'count' } }, 'missing-field', /Y axis/);
    fails({ source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { field: 'customer', aggregate: 'sum' } }, 'bad-aggregate', /counts/);
    fails({ source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { field: 'day', aggregate: 'count' } }, 'wrong-type', /date column/);
    fails({ source: 'orders', mark: 'heatmap', x: { field: 'channel' }, y: { field: 'customer', aggregate: 'count' }, color: { field: 'flag' } }, 'not-supported', /colour/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'channel' }, color: { field: 'amount' } }, 'wrong-type', /colour needs/);
    fails({ source: 'orders', mark: 'bar', x: { field: 'channel' }, y: { aggregate: 'max' } }, 'bad-aggregate', /not an aggregate/);
    fails({ source: 'orders', mark: 'pie', x: { field: 'channel' } }, 'bad-shape', /not a chart type/);
    fails({ source: '', mark: 'bar', x: { field: 'channel' } }, 'missing-source', /source/);
    fails(null, 'bad-shape', /not an object/);
  });
});
