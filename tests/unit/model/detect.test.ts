import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRoles, nameTokens, isUnnamed, type Detection, type TableSuggestion } from '../../../src/lib/model';
import type { TableInfo } from '../../../src/lib/engine/schema';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { createCdnowLike, createDemoLike, createOnlineRetailLike, DEMO_TABLES, describeTables, sampleTables } from './fixtures';

function roles(s: TableSuggestion | undefined): Record<string, string | null> {
  return Object.fromEntries((s?.columns ?? []).map((c) => [c.column, c.role]));
}

function table(name: string, columns: [string, string][]): TableInfo {
  return { name, columns: columns.map(([n, type]) => ({ name: n, type })), rowCount: 0 };
}

describe('column names as words', () => {
  it('splits every export convention the same way', () => {
    expect(nameTokens('CustomerID')).toEqual(['customer', 'id']);
    expect(nameTokens('customer_id')).toEqual(['customer', 'id']);
    expect(nameTokens('Customer ID')).toEqual(['customer', 'id']);
    expect(nameTokens('InvoiceDate')).toEqual(['invoice', 'date']);
    expect(isUnnamed('column0')).toBe(true);
    expect(isUnnamed('V12')).toBe(true);
    expect(isUnnamed('dollars')).toBe(false);
  });
});

describe('detectRoles on real tables', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    createDemoLike(db);
    createCdnowLike(db);
    createOnlineRetailLike(db);
  });
  afterAll(() => db.close());

  it('maps the demo layout: a customer list, order lines and an event log', () => {
    const tables = describeTables(db, DEMO_TABLES);
    const d = detectRoles(tables, sampleTables(db, tables));
    const [customers, lines, events] = d.tables;
    expect(customers.kind).toBe('customers');
    expect(roles(customers)).toEqual({
      customer_id: 'customer_id',
      first_name: 'first_name',
      last_name: 'last_name',
      email: 'email',
      signup_date: 'signup_date',
      signup_channel: 'attribute',
      country: 'country',
      loyalty_tier: 'attribute',
    });
    expect(lines.kind).toBe('activity');
    expect(roles(lines)).toEqual({
      order_id: 'order_id',
      customer_id: 'customer_id',
      ordered_at: 'occurred_at',
      channel: 'channel',
      product: 'product',
      category: 'category',
      quantity: 'quantity',
      unit_price: 'unit_price',
      discount: 'discount',
    });
    expect(events.kind).toBe('activity');
    expect(roles(events)).toEqual({ customer_id: 'customer_id', occurred_at: 'occurred_at', event: 'event', channel: 'channel' });
    // Samples show discounts of 0 and 4.00: money off the line.
    expect(d.model.tables[1].columns.find((c) => c.role === 'discount')?.discount).toBe('amount');
    expect(d.model.tables[0].columns.find((c) => c.column === 'loyalty_tier')?.as).toBe('loyalty_tier');
    for (const c of lines.columns) expect(c.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('maps CDNOW: amount is dollars, cds the quantity', () => {
    const d = detectRoles(describeTables(db, ['cdnow']));
    expect(d.tables[0].kind).toBe('activity');
    expect(roles(d.tables[0])).toEqual({ customer_id: 'customer_id', date: 'occurred_at', cds: 'quantity', dollars: 'amount' });
  });

  it('maps Online Retail: InvoiceNo, StockCode, Quantity × UnitPrice, CustomerID, Country', () => {
    const d = detectRoles(describeTables(db, ['online_retail']));
    expect(roles(d.tables[0])).toEqual({
      InvoiceNo: 'order_id',
      StockCode: 'product',
      Description: null,
      Quantity: 'quantity',
      InvoiceDate: 'occurred_at',
      UnitPrice: 'unit_price',
      CustomerID: 'customer_id',
      Country: 'country',
    });
  });
});

describe('detectRoles on names and types alone', () => {
  it('maps an unnamed layout (aligned CDNOW text) by types, with low confidence', () => {
    const d = detectRoles([
      table('cdnow_txt', [['column0', 'BIGINT'], ['column1', 'BIGINT'], ['column2', 'DATE'], ['column3', 'BIGINT'], ['column4', 'DOUBLE']]),
    ]);
    const t = d.tables[0];
    expect(t.kind).toBe('activity');
    expect(roles(t)).toEqual({ column0: 'customer_id', column1: null, column2: 'occurred_at', column3: null, column4: 'amount' });
    expect(t.confidence).toBeLessThan(0.5);
    for (const c of t.columns) expect(c.confidence).toBeLessThan(0.6);
  });

  it('reads yyyymmdd numbers as dates when samples show them', () => {
    const info = table('cdnow_txt', [['column0', 'BIGINT'], ['column1', 'BIGINT'], ['column2', 'BIGINT'], ['column3', 'BIGINT'], ['column4', 'DOUBLE']]);
    const rows = [
      { column0: '4', column1: '1', column2: '19970101', column3: '2', column4: '29.33' },
      { column0: '21', column1: '2', column2: '19970118', column3: '1', column4: '11.77' },
    ];
    const d = detectRoles([info], { cdnow_txt: rows });
    expect(roles(d.tables[0])).toEqual({ column0: 'customer_id', column1: null, column2: 'occurred_at', column3: null, column4: 'amount' });
    expect(d.model.tables[0].columns.find((c) => c.role === 'occurred_at')?.format).toBe('yyyymmdd');
    // Without samples a number column is not a date: nothing says what the table is.
    expect(detectRoles([info]).tables[0].kind).toBe('ignore');
  });

  it('knows common export names', () => {
    const cases: [string, string, string][] = [
      ['client', 'VARCHAR', 'customer_id'],
      ['member_id', 'BIGINT', 'customer_id'],
      ['user_id', 'VARCHAR', 'customer_id'],
      ['created_at', 'TIMESTAMP', 'occurred_at'],
      ['timestamp', 'TIMESTAMP', 'occurred_at'],
      ['revenue', 'DOUBLE', 'amount'],
      ['total', 'DECIMAL(12,2)', 'amount'],
      ['sales', 'DOUBLE', 'amount'],
      ['net', 'DOUBLE', 'amount'],
    ];
    for (const [name, type, role] of cases) {
      const d = detectRoles([table('orders', [[name, type], ['order_date', 'DATE'], ['customer', 'VARCHAR']])]);
      expect([name, d.tables[0].columns[0].role]).toEqual([name, role]);
    }
  });

  it('reads "price" as the amount when there is no quantity, and as the unit price when there is', () => {
    const alone = detectRoles([table('sales', [['customer_id', 'VARCHAR'], ['date', 'DATE'], ['price', 'DOUBLE']])]);
    expect(roles(alone.tables[0]).price).toBe('amount');
    const withQty = detectRoles([table('sales', [['customer_id', 'VARCHAR'], ['date', 'DATE'], ['price', 'DOUBLE'], ['qty', 'INTEGER']])]);
    expect(roles(withQty.tables[0]).price).toBe('unit_price');
  });

  it('uses the email as the customer id when there is no id, and created_at as the signup date in a customer table', () => {
    const d: Detection = detectRoles([
      table('contacts', [['email', 'VARCHAR'], ['created_at', 'TIMESTAMP'], ['name', 'VARCHAR']]),
      table('orders', [['email', 'VARCHAR'], ['created_at', 'TIMESTAMP'], ['total', 'DOUBLE']]),
    ]);
    expect(d.tables[0].kind).toBe('customers');
    expect(roles(d.tables[0])).toEqual({ email: 'customer_id', created_at: 'signup_date', name: 'attribute' });
    expect(d.tables[1].kind).toBe('activity');
    expect(roles(d.tables[1])).toEqual({ email: 'customer_id', created_at: 'occurred_at', total: 'amount' });
  });

  it('names a log with no amounts and no event column after its table', () => {
    const d = detectRoles([table('web_visits', [['user_id', 'VARCHAR'], ['visited_at', 'TIMESTAMP'], ['page', 'VARCHAR']])]);
    expect(d.model.tables[0].kind).toBe('activity');
    expect(d.model.tables[0].defaultEvent).toBe('web_visits');
  });

  it('keeps attribute names clear of computed features and of each other', () => {
    const d = detectRoles([table('members', [['member_id', 'VARCHAR'], ['revenue', 'DOUBLE'], ['Loyalty Tier', 'VARCHAR']])]);
    const as = Object.fromEntries(d.model.tables[0].columns.map((c) => [c.column, c.as]));
    expect(as).toEqual({ member_id: undefined, revenue: 'members_revenue', 'Loyalty Tier': 'loyalty_tier' });
  });

  it('tells discount rates from small amounts off', () => {
    const info = table('lines', [['customer_id', 'VARCHAR'], ['date', 'DATE'], ['qty', 'INTEGER'], ['price', 'DOUBLE'], ['discount', 'DOUBLE']]);
    const kind = (values: string[], name = 'discount'): unknown => {
      const t = { ...info, columns: info.columns.map((c) => (c.name === 'discount' ? { ...c, name } : c)) };
      const rows = values.map((v) => ({ [name]: v }));
      return detectRoles([t], { lines: rows }).model.tables[0].columns.find((c) => c.role === 'discount')?.discount;
    };
    expect(kind(['0', '0.1', '0.25'])).toBe('rate');
    expect(kind(['0', '0.37', '0.5'])).toBe('amount');
    expect(kind(['0', '2.5'])).toBe('amount');
    expect(kind(['10', '15'], 'discount_pct')).toBe('percent');
    expect(kind(['0.1'], 'discount_pct')).toBe('rate');
  });

  it('returns a JSON-serialisable model', () => {
    const d = detectRoles([table('cdnow', [['customer_id', 'BIGINT'], ['date', 'DATE'], ['cds', 'BIGINT'], ['dollars', 'DOUBLE']])]);
    expect(JSON.parse(JSON.stringify(d.model))).toEqual(d.model);
  });
});
