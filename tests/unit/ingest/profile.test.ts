import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileTable, profileWarnings, type TableProfile } from '../../../src/lib/ingest/profile';
import { niceStep, planBins } from '../../../src/lib/ingest/profileBins';
import type { TableMapping } from '../../../src/lib/model';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { describeTables } from '../model/fixtures';

const TODAY = '2024-06-30';

function col(p: TableProfile, name: string) {
  const c = p.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

describe('profileTable', () => {
  let db: TestDb;
  let profile: TableProfile;
  const run = (q: { text: string }) => db.query(q.text);

  beforeAll(async () => {
    db = await openTestDb();
    db.query(`CREATE TABLE sales (customer_id VARCHAR, order_date DATE, amount DOUBLE, qty INTEGER, total_text VARCHAR,
      postcode VARCHAR, note VARCHAR, ts TIMESTAMP)`);
    db.query(`INSERT INTO sales VALUES
      ('c1', '2024-01-01', 10.0, 1, '10.5', '01234', 'x', '2024-01-01 10:00'),
      ('c1', '2024-01-01', 10.0, 1, '10.5', '01234', 'x', '2024-01-01 10:00'),
      ('c1', '2024-01-01', 10.0, 1, '10.5', '01234', 'x', '2024-01-01 10:00'),
      ('c2', '2024-02-15', -5.0, -1, '7', '02000', 'y', '2024-06-30 23:00'),
      (NULL, '2024-03-01', 20.0, 2, '20', NULL, 'y', '2024-07-01 00:00'),
      ('  ', '2024-03-02', 30.0, 3, '3', '03000', 'z', NULL),
      ('c3', '2030-01-01', 40.0, 4, '4', '04000', NULL, NULL),
      ('c3', '1899-12-30', 50.0, 5, '5', '05000', NULL, NULL),
      ('c4', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      ('c5', '2024-06-30', -15.0, -3, ' ', '06000', 'x', NULL)`);
    profile = await profileTable(describeTables(db, ['sales'])[0], run, { today: TODAY });
  });
  afterAll(() => db.close());

  it('counts rows, nulls, distinct values and exact duplicate rows', () => {
    expect(profile.rows).toBe(10);
    expect(profile.duplicateRows).toBe(2); // three identical rows: two are copies
    expect(col(profile, 'customer_id')).toMatchObject({ family: 'text', nulls: 1, nullPercent: 10, blankText: 1, distinct: 6 });
    expect(col(profile, 'note')).toMatchObject({ nulls: 3, nullPercent: 30, distinct: 3 });
  });

  it('gives min, max and mean as the column holds them', () => {
    const amount = col(profile, 'amount');
    expect(amount).toMatchObject({ min: '-15.0', max: '50.0', negatives: 2 });
    expect(amount.mean).toBeCloseTo(150 / 9, 12);
    expect(col(profile, 'order_date')).toMatchObject({ min: '1899-12-30', max: '2030-01-01', futureDates: 1, datesBefore1900: 1, nulls: 1 });
    // 2024-06-30 23:00 is today, not the future; 2024-07-01 00:00 is.
    expect(col(profile, 'ts')).toMatchObject({ futureDates: 1, datesBefore1900: 0, min: '2024-01-01 10:00:00', max: '2024-07-01 00:00:00' });
    expect(col(profile, 'total_text')).toMatchObject({ numericText: 8, blankText: 1, mean: null });
  });

  it('gives top values with exact counts, most frequent first', () => {
    expect(col(profile, 'note').topValues).toEqual([
      { value: 'x', count: 4 },
      { value: 'y', count: 2 },
      { value: 'z', count: 1 },
    ]);
    expect(col(profile, 'customer_id').topValues.slice(0, 2)).toEqual([
      { value: 'c1', count: 3 },
      { value: 'c3', count: 2 },
    ]);
    expect(col(profile, 'customer_id').topValues).toHaveLength(5);
    expect(col(profile, 'amount').topValues[0]).toEqual({ value: '10.0', count: 3 });
    expect(col(profile, 'order_date').topValues[0]).toEqual({ value: '2024-01-01', count: 3 });
  });

  it('bins numbers on round edges and integers one value per bin', () => {
    const h = col(profile, 'amount').histogram;
    expect(h?.unit).toBe('number');
    // Range −15…50 in steps of 5: 14 bins starting at −15.
    expect(h?.bins).toHaveLength(14);
    expect(h?.bins[0]).toEqual({ start: -15, end: -10, count: 1 });
    expect(h?.bins.find((b) => b.start === 10)).toEqual({ start: 10, end: 15, count: 3 });
    expect(h?.bins.at(-1)).toEqual({ start: 50, end: 55, count: 1 });
    expect(h?.bins.reduce((s, b) => s + b.count, 0)).toBe(9);
    const q = col(profile, 'qty').histogram;
    expect(q?.bins.map((b) => [b.start, b.count])).toEqual([[-3, 1], [-2, 0], [-1, 1], [0, 0], [1, 3], [2, 1], [3, 1], [4, 1], [5, 1]]);
  });

  it('bins dates on a time axis in milliseconds', () => {
    const h = col(profile, 'order_date').histogram;
    expect(h?.unit).toBe('time');
    expect(h?.bins.length).toBeGreaterThanOrEqual(15);
    expect(h?.bins.length).toBeLessThanOrEqual(22);
    expect(h?.bins.reduce((s, b) => s + b.count, 0)).toBe(9);
    expect(h?.bins[0].start).toBeLessThanOrEqual(Date.UTC(1899, 11, 30));
    const last = h?.bins.at(-1);
    expect(last && Date.UTC(2030, 0, 1) >= last.start && Date.UTC(2030, 0, 1) < last.end).toBe(true);
  });

  it('warns about every CRM problem, with counts, plain words and what to do', () => {
    const mapping: TableMapping = {
      table: 'sales',
      kind: 'activity',
      columns: [
        { column: 'customer_id', role: 'customer_id', type: 'VARCHAR' },
        { column: 'order_date', role: 'occurred_at', type: 'DATE' },
        { column: 'amount', role: 'amount', type: 'DOUBLE' },
      ],
    };
    const warnings = profileWarnings(profile, mapping);
    expect(warnings.map((w) => [w.code, w.column ?? null, w.count, w.severity])).toEqual([
      ['missing_customer_id', 'customer_id', 2, 'warning'],
      ['negative_amounts', 'amount', 2, 'info'],
      ['duplicate_rows', null, 2, 'warning'],
      ['future_dates', 'order_date', 1, 'warning'],
      ['old_dates', 'order_date', 1, 'warning'],
      ['numbers_as_text', 'total_text', 8, 'info'],
      ['future_dates', 'ts', 1, 'warning'],
    ]);
    expect(warnings[0].message).toBe('2 rows (20%) have no customer id in customer_id.');
    expect(warnings[2].message).toBe('2 rows (20%) are exact copies of another row.');
    expect(warnings[3].message).toBe('1 values of order_date are after today (2024-06-30).');
    for (const w of warnings) expect(w.action.length).toBeGreaterThan(20);
  });

  it('skips customer and amount checks without a mapping, and reads returns from a quantity', () => {
    expect(profileWarnings(profile).map((w) => w.code)).not.toContain('missing_customer_id');
    expect(profileWarnings(profile).map((w) => w.code)).not.toContain('negative_amounts');
    const byQuantity = profileWarnings(profile, { table: 'sales', kind: 'activity', columns: [{ column: 'qty', role: 'quantity', type: 'INTEGER' }] });
    expect(byQuantity.find((w) => w.code === 'negative_amounts')).toMatchObject({ column: 'qty', count: 2 });
  });

  it('warns when text mostly holds numbers, and leaves codes alone', async () => {
    db.query(`CREATE TABLE prices AS SELECT CASE WHEN range = 9 THEN 'call us' ELSE CAST(range AS VARCHAR) END AS price,
      lpad(CAST(range AS VARCHAR), 5, '0') AS zip_code FROM range(10)`);
    const p = await profileTable(describeTables(db, ['prices'])[0], run, { today: TODAY });
    const w = profileWarnings(p);
    expect(w.map((x) => [x.code, x.column, x.count, x.severity])).toEqual([['numbers_as_text', 'price', 9, 'warning']]);
    expect(w[0].message).toBe('price holds numbers stored as text: 9 of 10 values read as numbers, the others do not.');
  });

  it('profiles empty tables and types without an order', async () => {
    db.query(`CREATE TABLE odd (tags VARCHAR[], info STRUCT(a INTEGER), flag BOOLEAN, n INTEGER)`);
    const empty = await profileTable(describeTables(db, ['odd'])[0], run, { today: TODAY });
    expect(empty.rows).toBe(0);
    expect(empty.columns.map((c) => [c.name, c.nulls, c.histogram, c.topValues])).toEqual([
      ['tags', 0, null, []],
      ['info', 0, null, []],
      ['flag', 0, null, []],
      ['n', 0, null, []],
    ]);
    db.query(`INSERT INTO odd VALUES (['a'], {'a': 1}, true, 7), (['a'], {'a': 1}, false, 7), (NULL, NULL, true, 7), (['a'], {'a': 1}, true, 7)`);
    const p = await profileTable(describeTables(db, ['odd'])[0], run, { today: TODAY });
    expect(col(p, 'tags')).toMatchObject({ family: 'other', nulls: 1, distinct: 1, min: null, topValues: [] });
    expect(col(p, 'flag').topValues).toEqual([{ value: 'true', count: 3 }, { value: 'false', count: 1 }]);
    // A single value has no spread to draw.
    expect(col(p, 'n')).toMatchObject({ min: '7', max: '7', histogram: null, topValues: [{ value: '7', count: 4 }] });
    expect(p.duplicateRows).toBe(1);
  });

  it('quotes hostile table and column names', async () => {
    db.query(`CREATE TABLE "we""ird; DROP" ("a'b" INTEGER, "c""d" VARCHAR)`);
    db.query(`INSERT INTO "we""ird; DROP" VALUES (1, 'it''s'), (2, 'it''s')`);
    const p = await profileTable(describeTables(db, ['we"ird; DROP'])[0], run, { today: TODAY });
    expect(col(p, 'c"d').topValues).toEqual([{ value: "it's", count: 2 }]);
    expect(col(p, "a'b").histogram?.bins.map((b) => b.count)).toEqual([1, 1]);
  });
});

describe('histogram bins', () => {
  it('steps on 1, 2, 2.5 and 5 times a power of ten', () => {
    expect(niceStep(3.25)).toBe(5);
    expect(niceStep(0.4)).toBe(0.5);
    expect(niceStep(21)).toBe(25);
    expect(niceStep(0.011)).toBe(0.02);
    expect(planBins(0, 1000, 20, false)).toEqual({ start: 0, step: 50, count: 21 });
    expect(planBins(3, 3, 20, true)).toBeNull();
  });
});
