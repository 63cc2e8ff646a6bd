/** Small pieces of the lifetime-value cell: cohorts, the percentile, the tracking actuals, typed result columns, Cancel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActualRepeats, type TrackingPoint } from '../../../src/lib/clv/cell/analysis';
import { clvByCohort } from '../../../src/lib/clv/cell/cohorts';
import { selectKth } from '../../../src/lib/clv/cell/select';
import { FIT_CANCELLED, ModelsClient } from '../../../src/lib/clv/modelsClient';
import { arrowColumnToFloat64 } from '../../../src/lib/engine/numericColumns';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('CLV by acquisition cohort', () => {
  const first = [day('2024-01-05'), day('2024-01-31'), day('2024-02-01'), day('2024-04-10'), NaN];
  const clv = [10, 20, 30, 40, 1000];

  it('groups customers by the month of their first purchase, in time order', () => {
    expect(clvByCohort(first, clv, 'month')).toEqual([
      { cohort: '2024-01', customers: 2, totalClv: 30, meanClv: 15 },
      { cohort: '2024-02', customers: 1, totalClv: 30, meanClv: 30 },
      { cohort: '2024-04', customers: 1, totalClv: 40, meanClv: 40 },
    ]);
  });

  it('and by quarter', () => {
    expect(clvByCohort(first, clv, 'quarter').map((c) => [c.cohort, c.customers, c.totalClv])).toEqual([
      ['2024 Q1', 3, 60],
      ['2024 Q2', 1, 40],
    ]);
    expect(clvByCohort([], [], 'quarter')).toEqual([]);
  });
});

describe('selectKth', () => {
  it('finds the same value as a sort, duplicates included', () => {
    let seed = 7;
    const values = Float64Array.from({ length: 5000 }, () => ((seed = (seed * 16807) % 2147483647) % 100) - 20);
    const sorted = Float64Array.from(values).sort();
    for (const k of [0, 1, 2500, 4949, 4999]) expect(selectKth(Float64Array.from(values), k)).toBe(sorted[k]);
  });
});

describe('tracking actuals filled in after the fit', () => {
  it('sums repeat days into each step, whatever their order', () => {
    const base = (d: number): TrackingPoint => ({ day: d, actual: 0, predicted: 1, actualCumulative: 0, predictedCumulative: 1 });
    const pts = withActualRepeats([base(-7), base(0), base(7)], { day: Float64Array.of(5, -3, -10, 7), count: Float64Array.of(2, 1, 4, 1) });
    expect(pts.map((p) => p.actual)).toEqual([4, 1, 3]);
    expect(pts.map((p) => p.actualCumulative)).toEqual([4, 5, 8]);
    expect(pts[0].predicted).toBe(1);
  });
});

describe('result columns as Float64Arrays (engine.queryColumns)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('keeps doubles as they are and turns NULL into NaN, integers into numbers', () => {
    const t = db.queryArrow('SELECT * FROM (VALUES (1.5::DOUBLE, 3::BIGINT), (NULL, 4), (-2.25, NULL)) v(a, b)');
    expect(Array.from(arrowColumnToFloat64(t, 0))).toEqual([1.5, NaN, -2.25]);
    expect(Array.from(arrowColumnToFloat64(t, 1))).toEqual([3, 4, NaN]);
  });

  it('reads results of many batches', () => {
    const t = db.queryArrow('SELECT CAST(range AS DOUBLE) AS v FROM range(10000)');
    const v = arrowColumnToFloat64(t, 0);
    expect(v.length).toBe(10000);
    expect(v[9999]).toBe(9999);
  });
});

describe('Cancel stops the models worker', () => {
  it('rejects the fit in flight as cancelled and terminates the worker; the next call starts a new one', async () => {
    let made = 0;
    let terminated = 0;
    const ports: MessagePort[] = [];
    const client = new ModelsClient(() => {
      made++;
      // A worker that never answers: a fit that takes forever.
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      return Object.assign(port1, { terminate: () => void terminated++ }) as unknown as Worker;
    });
    const input = { x: Float64Array.of(1), tx: Float64Array.of(1), T: Float64Array.of(2), m: Float64Array.of(3), xHoldout: null, holdoutDuration: null };
    const options = { model: 'bgnbd', unit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 } as const;
    const abort = new AbortController();
    const run = client.analyze(input, options, undefined, abort.signal);
    abort.abort();
    await expect(run).rejects.toEqual(FIT_CANCELLED);
    expect(terminated).toBe(1);
    const again = new AbortController();
    again.abort();
    await expect(client.analyze({ ...input, x: Float64Array.of(1), tx: Float64Array.of(1), T: Float64Array.of(2), m: Float64Array.of(3) }, options, undefined, again.signal)).rejects.toEqual(FIT_CANCELLED);
    const third = new AbortController();
    const pending = client.analyze({ ...input, x: Float64Array.of(1), tx: Float64Array.of(1), T: Float64Array.of(2), m: Float64Array.of(3) }, options, undefined, third.signal);
    expect(made).toBe(2);
    third.abort();
    await expect(pending).rejects.toEqual(FIT_CANCELLED);
    for (const p of ports) p.close();
  });
});
