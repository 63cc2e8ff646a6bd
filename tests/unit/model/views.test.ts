import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_COLUMNS,
  customerFeatureFields,
  defaultAsOfSql,
  detectRoles,
  dropModelSql,
  FEATURE_COLUMNS,
  modelSql,
  type DataModel,
} from '../../../src/lib/model';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { createCdnowLike, createDemoLike, createOnlineRetailLike, DEMO_TABLES, describeTables, featuresById, runAll, sampleTables } from './fixtures';

const DAY = 86_400_000;
const ts = (s: string): number => Date.parse(`${s}Z`);

describe('canonical views from the demo layout', () => {
  let db: TestDb;
  let model: DataModel;
  beforeAll(async () => {
    db = await openTestDb();
    createDemoLike(db);
    const tables = describeTables(db, DEMO_TABLES);
    model = { ...detectRoles(tables, sampleTables(db, tables)).model, asOf: '2023-06-30' };
    runAll(db, modelSql(model));
  });
  afterAll(() => db.close());

  it('unions order lines and events into activity, with purchase/return events and NULL amounts for events', () => {
    expect(db.query('DESCRIBE activity').map((r) => [r.column_name, r.column_type])).toEqual([
      ['customer_id', 'VARCHAR'],
      ['occurred_at', 'TIMESTAMP'],
      ['amount', 'DOUBLE'],
      ['order_id', 'VARCHAR'],
      ['channel', 'VARCHAR'],
      ['event', 'VARCHAR'],
      ['product', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['source', 'VARCHAR'],
    ]);
    // Each row says which loaded table (exporting system) it comes from.
    expect(db.query('SELECT source, count(*) AS n FROM activity GROUP BY ALL ORDER BY source').map((r) => [r.source, Number(r.n)])).toEqual(
      db.query(`SELECT 'events' AS t, count(*) AS n FROM events UNION ALL SELECT 'order_lines', count(*) FROM order_lines WHERE customer_id IS NOT NULL ORDER BY t`).map((r) => [r.t, Number(r.n)]),
    );
    expect(db.query('SELECT event, count(*) AS n, sum(amount) AS total FROM activity GROUP BY ALL ORDER BY event')).toEqual([
      { event: 'email_click', n: 1, total: null },
      { event: 'email_open', n: 2, total: null },
      { event: 'purchase', n: 6, total: 20 + 5 + 36 + 15 + 40 + 10 },
      { event: 'return', n: 2, total: -15 },
      { event: 'site_visit', n: 1, total: null },
    ]);
  });

  it('lists every customer once in customers, with first_seen and attributes', () => {
    const rows = db.query('SELECT customer_id, first_seen, email, signup_date, loyalty_tier FROM customers ORDER BY customer_id');
    expect(rows.map((r) => r.customer_id)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows[0]).toEqual({ customer_id: '1', first_seen: ts('2023-01-05T00:00:00'), email: 'ada@example.com', signup_date: ts('2023-01-05T00:00:00'), loyalty_tier: 'gold' });
    // Customer 5 ordered but is not in the customer list: first seen at the order.
    expect(rows[4]).toEqual({ customer_id: '5', first_seen: ts('2023-05-05T15:00:00'), email: null, signup_date: null, loyalty_tier: null });
  });

  it('groups order lines into orders per customer and day in order_days, up to the as-of date', () => {
    const rows = db.query("SELECT customer_id, strftime(day, '%Y-%m-%d') AS day, is_return, orders, amount FROM order_days ORDER BY customer_id, day");
    // O1's two lines are one order (2×10 + 5); O3 is one return; O5 (2023-12-31) is after the as-of date.
    expect(rows).toEqual([
      { customer_id: '1', day: '2023-02-01', is_return: false, orders: 1, amount: 25 },
      { customer_id: '1', day: '2023-03-15', is_return: false, orders: 1, amount: 36 },
      { customer_id: '1', day: '2023-03-20', is_return: true, orders: 1, amount: -15 },
      { customer_id: '2', day: '2023-04-01', is_return: false, orders: 1, amount: 15 },
      { customer_id: '5', day: '2023-05-05', is_return: false, orders: 1, amount: 10 },
    ]);
  });

  it('computes customer_features by hand-checked values as of 2023-06-30', () => {
    const f = featuresById(db);
    // Customer 4 signed up after the as-of date: not a customer yet.
    expect([...f.keys()]).toEqual(['1', '2', '3', '5']);
    expect(f.get('1')).toMatchObject({
      first_seen: ts('2023-01-05T00:00:00'),
      first_order_at: ts('2023-02-01T10:00:00'),
      last_order_at: ts('2023-03-15T12:00:00'),
      last_activity_at: ts('2023-03-20T09:00:00'),
      orders: 2, // O1 (two lines) and O2; O3 is a return
      revenue: 46, // 20 + 5 + (40 − 4 off) − 15 returned
      average_order_value: 23,
      days_since_last_order: 107,
      tenure_days: 176,
      channel_count: 3,
      returns: 1, // one returned order of two lines
      return_amount: 15,
      events: 6,
      first_name: 'Ada',
      country: 'UK',
      signup_channel: 'web',
    });
    expect(f.get('1')?.channels).toEqual(['email', 'store', 'web']);
    expect(f.get('3')?.channels).toEqual(['email']);
    // Customer 2's order O5 on 2023-12-31 is after the as-of date.
    expect(f.get('2')).toMatchObject({ orders: 1, revenue: 15, average_order_value: 15, days_since_last_order: 90, tenure_days: 112, channel_count: 2, events: 2 });
    // Customer 3 only opened emails.
    expect(f.get('3')).toMatchObject({ orders: 0, revenue: 0, average_order_value: null, days_since_last_order: null, first_order_at: null, tenure_days: 29, events: 2, returns: 0 });
    expect(f.get('5')).toMatchObject({ orders: 1, revenue: 10, email: null });
  });

  it('gives customer_features the documented columns, in order, and fields for pickers', () => {
    const names = db.query('DESCRIBE customer_features').map((r) => r.column_name);
    const attributes = ['first_name', 'last_name', 'email', 'country', 'signup_date', 'signup_channel', 'loyalty_tier'];
    expect(names).toEqual([...FEATURE_COLUMNS, ...attributes]);
    expect(customerFeatureFields(model).map((f) => f.name)).toEqual(names);
    expect(ACTIVITY_COLUMNS).toEqual(db.query('DESCRIBE activity').map((r) => r.column_name));
    expect(db.query('SELECT as_of FROM as_of_date')).toEqual([{ as_of: ts('2023-06-30T00:00:00') }]);
  });

  it('defaults the as-of date to the latest activity date, including that whole day', () => {
    const auto = { ...model, asOf: null };
    expect(db.query(defaultAsOfSql(auto))).toEqual([{ as_of: ts('2023-12-31T00:00:00') }]);
    runAll(db, modelSql(auto));
    const f = featuresById(db);
    expect(f.get('2')).toMatchObject({ orders: 2, revenue: 55, days_since_last_order: 0 });
    expect(f.get('1')?.days_since_last_order).toBe(Math.round((ts('2023-12-31T00:00:00') - ts('2023-03-15T00:00:00')) / DAY));
    expect(f.has('4')).toBe(false);
    runAll(db, modelSql(model));
  });

  it('rebuilds idempotently and drops cleanly', () => {
    runAll(db, modelSql(model));
    expect(db.query('SELECT count(*) AS n FROM customer_features')[0].n).toBe(4);
    runAll(db, dropModelSql());
    expect(db.query("SELECT count(*) AS n FROM duckdb_views() WHERE view_name IN ('activity', 'customers')")[0].n).toBe(0);
    runAll(db, modelSql(model));
  });
});

describe('canonical views from other layouts', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('CDNOW: an order is a customer-day when there is no order id', () => {
    createCdnowLike(db);
    runAll(db, modelSql(detectRoles(describeTables(db, ['cdnow'])).model));
    const f = featuresById(db);
    expect(f.size).toBe(3);
    expect(f.get('1')).toMatchObject({ orders: 2, revenue: 29.33 + 29.73 + 10, days_since_last_order: 15 });
    expect(f.get('3')).toMatchObject({ orders: 1, revenue: 77, days_since_last_order: 0, tenure_days: 0 });
  });

  it('Online Retail: quantity × unit price, cancellations as returns, float ids as whole numbers, rows without a customer left out', () => {
    createOnlineRetailLike(db);
    runAll(db, modelSql(detectRoles(describeTables(db, ['online_retail'])).model));
    const f = featuresById(db);
    expect([...f.keys()].sort()).toEqual(['12583', '14527', '17850']);
    expect(f.get('17850')?.revenue).toBeCloseTo(6 * 2.55 + 6 * 3.39, 9);
    expect(f.get('17850')).toMatchObject({ orders: 1, returns: 0, country: 'United Kingdom' });
    expect(f.get('14527')?.revenue).toBeCloseTo(24 * 0.85 - 27.5, 9);
    expect(f.get('14527')).toMatchObject({ orders: 1, returns: 1, return_amount: 27.5 });
    expect(f.get('12583')).toMatchObject({ country: 'France', orders: 1 });
    expect(db.query('SELECT count(*) AS n FROM activity')[0].n).toBe(5);
  });

  it('unions tables whose customer ids are integers in one and text in another', () => {
    db.query(`CREATE TABLE store_sales (customer_id INTEGER, sale_date DATE, amount DECIMAL(10,2))`);
    db.query(`INSERT INTO store_sales VALUES (7, '2024-01-10', 12.50), (8, '2024-01-11', 3.00)`);
    db.query(`CREATE TABLE web_orders (customer_id VARCHAR, order_id VARCHAR, created_at TIMESTAMP, total DOUBLE, event VARCHAR)`);
    db.query(`INSERT INTO web_orders VALUES
      (' 7', 'W1', '2024-01-20 10:00', 20, 'Purchase'),
      ('7', 'W2', '2024-01-21 10:00', 5, 'refund'),
      ('7', 'W3', '2024-01-22 10:00', -2, 'order'),
      ('', 'W4', '2024-01-22 10:00', 9, 'order'),
      ('8', 'W5', NULL, 9, 'order')`);
    const d = detectRoles(describeTables(db, ['store_sales', 'web_orders']));
    runAll(db, modelSql(d.model));
    const a = db.query(`SELECT customer_id, event, amount FROM activity ORDER BY occurred_at`);
    expect(a).toEqual([
      { customer_id: '7', event: 'purchase', amount: 12.5 },
      { customer_id: '8', event: 'purchase', amount: 3 },
      { customer_id: '7', event: 'purchase', amount: 20 },
      // A refund recorded with a positive amount is still money going back.
      { customer_id: '7', event: 'return', amount: -5 },
      // An "order" with a negative amount is a return.
      { customer_id: '7', event: 'return', amount: -2 },
    ]);
    const f = featuresById(db);
    expect(f.get('7')).toMatchObject({ orders: 2, revenue: 12.5 + 20 - 5 - 2, returns: 2, return_amount: 7 });
  });

  it('prefers the customer list for attributes, takes the latest value from activity, and collapses listed-twice customers', () => {
    db.query(`CREATE TABLE shop_customers (customer_id VARCHAR, country VARCHAR, tier VARCHAR)`);
    db.query(`INSERT INTO shop_customers VALUES ('a', 'France', 'gold'), ('a', NULL, NULL), ('b', NULL, 'silver')`);
    db.query(`CREATE TABLE shop_orders (customer_id VARCHAR, order_date DATE, total DOUBLE, country VARCHAR)`);
    db.query(`INSERT INTO shop_orders VALUES
      ('a', '2024-01-01', 10, 'Spain'),
      ('b', '2024-01-01', 10, 'Italy'), ('b', '2024-02-01', 10, 'Germany'), ('b', '2024-03-01', 10, NULL),
      ('c', '2024-01-01', 10, 'Chile')`);
    const d = detectRoles(describeTables(db, ['shop_customers', 'shop_orders']));
    expect(d.tables.map((t) => t.kind)).toEqual(['customers', 'activity']);
    runAll(db, modelSql(d.model));
    expect(db.query('SELECT customer_id, country, tier FROM customer_features ORDER BY customer_id')).toEqual([
      { customer_id: 'a', country: 'France', tier: 'gold' },
      // Not in the list's country column: the latest country seen on an order.
      { customer_id: 'b', country: 'Germany', tier: 'silver' },
      { customer_id: 'c', country: 'Chile', tier: null },
    ]);
  });

  it('reads time-zoned timestamps and odd numeric ids', () => {
    db.query(`CREATE TABLE tz_orders (customer_id DOUBLE, placed_at TIMESTAMPTZ, amount DOUBLE)`);
    db.query(`INSERT INTO tz_orders VALUES (17850, '2024-01-01 10:00:00+00', 5), (1e40, '2024-01-02 10:00:00+00', 6), (2.5, '2024-01-03 10:00:00+00', 7)`);
    runAll(db, modelSql(detectRoles(describeTables(db, ['tz_orders'])).model));
    expect(db.query('SELECT customer_id, occurred_at FROM activity ORDER BY occurred_at')).toEqual([
      { customer_id: '17850', occurred_at: ts('2024-01-01T10:00:00') },
      { customer_id: '1e+40', occurred_at: ts('2024-01-02T10:00:00') },
      { customer_id: '2.5', occurred_at: ts('2024-01-03T10:00:00') },
    ]);
  });

  it('reads yyyymmdd numbers as dates and amount-off discounts', () => {
    db.query(`CREATE TABLE raw_lines (column0 BIGINT, column1 BIGINT, column2 BIGINT, column3 BIGINT, column4 DOUBLE)`);
    db.query(`INSERT INTO raw_lines VALUES (4, 1, 19970101, 2, 29.33), (4, 1, 19970118, 2, 29.73), (21, 2, 19970101, 3, 63.34)`);
    const tables = describeTables(db, ['raw_lines']);
    runAll(db, modelSql(detectRoles(tables, sampleTables(db, tables)).model));
    expect(db.query(`SELECT customer_id, occurred_at FROM activity ORDER BY customer_id, occurred_at`)).toEqual([
      { customer_id: '21', occurred_at: ts('1997-01-01T00:00:00') },
      { customer_id: '4', occurred_at: ts('1997-01-01T00:00:00') },
      { customer_id: '4', occurred_at: ts('1997-01-18T00:00:00') },
    ]);

    db.query(`CREATE TABLE lines_off (customer_id INTEGER, date DATE, quantity INTEGER, unit_price DOUBLE, discount DOUBLE)`);
    db.query(`INSERT INTO lines_off VALUES (1, '2024-01-01', 2, 10, 3), (1, '2024-01-02', -1, 10, 3)`);
    const m = detectRoles(describeTables(db, ['lines_off'])).model;
    expect(m.tables[0].columns.find((c) => c.role === 'discount')?.discount ?? 'amount').toBe('amount');
    runAll(db, modelSql(m));
    // 2 × 10 − 3 = 17 sold; −1 × 10 + 3 = −7 refunded.
    expect(db.query(`SELECT amount FROM activity ORDER BY occurred_at`)).toEqual([{ amount: 17 }, { amount: -7 }]);
  });
});
