import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerFlagsSql,
  customerRowSql,
  customerSearchSql,
  purchaseDaysOfSql,
  readCustomerMatches,
  readFlags,
  readMembership,
  readTimeline,
  readTimelineFacets,
  searchColumns,
  segmentMembershipQuery,
  sourceColumnsOf,
  timelineFacetsSql,
  timelineSql,
  type SearchColumn,
} from '../../../src/lib/customer';
import type { SegmentField } from '../../../src/lib/segments';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFixture } from './fixtures';

const ts = (s: string): number => Date.parse(`${s.replace(' ', 'T')}:00Z`);

let db: TestDb;
let columns: SearchColumn[];
beforeAll(async () => {
  db = await openTestDb();
  loadFixture(db);
  columns = searchColumns(db.query('DESCRIBE customer_features').map((r) => String(r.column_name)));
});
afterAll(() => db.close());

const search = (text: string, cols: readonly SearchColumn[] = columns): string[] => {
  const q = customerSearchSql(text, { columns: cols });
  return q ? readCustomerMatches(db.query(q)).map((m) => m.customerId) : [];
};

describe('customer search', () => {
  it('finds the columns it can search', () => {
    expect(columns).toEqual(['email', 'first_name', 'last_name']);
    expect(searchColumns(['customer_id', 'EMAIL', 'country'])).toEqual(['email']);
  });

  it('matches ids, emails and names, case-insensitively, prefix first', () => {
    expect(search('C2')).toEqual(['c2']);
    expect(search('example')).toEqual(['c1', 'c2', "o'hara%_1"]);
    expect(search('ADA@')).toEqual(['c1']);
    expect(search('lovel')).toEqual(['c1']);
    expect(search('ada love')).toEqual(['c1']);
    expect(search('bob@example.org')).toEqual(['c2']);
    // Ids starting with "c" come before the customer whose email merely contains it.
    expect(search('c')).toEqual(['c1', 'c2', 'c3', 'c4', "o'hara%_1"]);
    // The exact email wins over ids that merely start with the text.
    expect(search('cy@shop.test')).toEqual(['c3']);
  });

  it('treats %, _, quotes and backslashes as themselves', () => {
    expect(search('%')).toEqual(["o'hara%_1"]);
    expect(search('_')).toEqual(["o'hara%_1"]);
    expect(search("o'hara")).toEqual(["o'hara%_1"]);
    expect(search('\\')).toEqual([]);
    expect(search("'; DROP TABLE activity; --")).toEqual([]);
    expect(db.query('SELECT count(*) AS n FROM activity')[0].n).toBe(17);
  });

  it('works without name or email columns, limits, and ignores blank text', () => {
    expect(search('ada', [])).toEqual([]);
    // Without the email column, O'Hara (whose email holds the "c") is not found.
    expect(search('c', [])).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(readCustomerMatches(db.query(customerSearchSql('c', { columns, limit: 2 })!)).map((m) => m.customerId)).toEqual(['c1', 'c2']);
    expect(customerSearchSql('   ', { columns })).toBeNull();
    const [ada] = readCustomerMatches(db.query(customerSearchSql('ada', { columns })!));
    expect(ada).toEqual({ customerId: 'c1', email: 'ada@example.com', name: 'Ada Lovelace', orders: 3, revenue: 1025 });
  });
});

describe('timeline', () => {
  const page = (id: string, o: Parameters<typeof timelineSql>[1] = {}) => readTimeline(db.query(timelineSql(id, { sourceColumns: ['source'], ...o })));

  it('lists every activity newest first, an order with its lines grouped', () => {
    const t = page('c1');
    expect(t.total).toBe(6);
    expect(t.entries.map((e) => [e.event, e.orderId])).toEqual([
      ['purchase', 'o9'],
      ['purchase', 'o3'],
      ['site_visit', null],
      ['purchase', 'o2'],
      ['email_open', null],
      ['purchase', 'o1'],
    ]);
    const o1 = t.entries[5];
    expect(o1).toEqual({
      event: 'purchase',
      orderId: 'o1',
      at: ts('2024-01-10 09:00'),
      channels: ['web'],
      sources: ['shop'],
      amount: 25,
      lines: [
        { product: 'Mug', category: 'Kitchen', amount: 20 },
        { product: 'Tea', category: 'Food', amount: 5 },
      ],
    });
    expect(t.entries[4]).toMatchObject({ event: 'email_open', amount: null, channels: ['email'], sources: ['mailer'] });
  });

  it('keeps a purchase and its return apart', () => {
    const t = page('c2');
    expect(t.entries.map((e) => `${e.event} ${e.orderId} ${e.amount}`)).toEqual([
      'purchase o7 25',
      'return o6 -80',
      'purchase o6 80',
      'return o5 -30',
      'purchase o5 30',
      'return o4 -50',
      'purchase o4 50',
    ]);
  });

  it('filters by event and channel (null = no channel)', () => {
    expect(page('c1', { events: ['purchase'] }).entries.map((e) => e.orderId)).toEqual(['o9', 'o3', 'o2', 'o1']);
    expect(page('c1', { channels: ['email', 'store'] }).entries.map((e) => e.orderId ?? e.event)).toEqual(['o3', 'o2', 'email_open']);
    expect(page("o'hara%_1", { channels: [null] }).total).toBe(1);
    expect(page("o'hara%_1", { channels: ['web'] }).total).toBe(0);
    expect(page('c2', { events: ['return'], channels: ['app'] }).entries.map((e) => e.orderId)).toEqual(['o6']);
  });

  it('pages with a stable order and the total on every page', () => {
    const all = page('c2').entries.map((e) => `${e.event} ${e.orderId}`);
    const first = page('c2', { limit: 3 });
    const second = page('c2', { limit: 3, offset: 3 });
    const third = page('c2', { limit: 3, offset: 6 });
    expect([first, second, third].map((p) => p.total)).toEqual([7, 7, 7]);
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => `${e.event} ${e.orderId}`)).toEqual(all);
    expect(page('c2', { offset: 50 })).toEqual({ entries: [], total: 0 });
  });

  it('works without source columns, and finds them by name', () => {
    expect(readTimeline(db.query(timelineSql('c3'))).entries[0]).toMatchObject({ orderId: 'o8', sources: [] });
    expect(sourceColumnsOf(['customer_id', 'Source', 'channel', 'system'])).toEqual(['Source', 'system']);
  });

  it('counts entries per event and channel for the filters', () => {
    const f = readTimelineFacets(db.query(timelineFacetsSql('c1')));
    expect(f.events).toEqual([
      { value: 'purchase', entries: 4 },
      { value: 'email_open', entries: 1 },
      { value: 'site_visit', entries: 1 },
    ]);
    expect(f.channels).toEqual([
      { value: 'web', entries: 3 },
      { value: 'store', entries: 2 },
      { value: 'email', entries: 1 },
    ]);
    expect(readTimelineFacets(db.query(timelineFacetsSql("o'hara%_1"))).channels).toEqual([{ value: null, entries: 1 }]);
  });
});

describe('saved segments the customer belongs to', () => {
  const fields: SegmentField[] = [
    { name: 'customer_id', kind: 'text' },
    { name: 'orders', kind: 'integer' },
    { name: 'revenue', kind: 'number' },
    { name: 'returns', kind: 'integer' },
    { name: 'country', kind: 'text' },
    { name: 'email', kind: 'text' },
  ];
  const saved = new Map<string, unknown>([
    ['Big spenders', { v: 1, name: 'Big spenders', asOf: null, match: { all: [{ field: 'revenue', op: '>=', value: 500 }] } }],
    ['Americans', { v: 1, name: 'Americans', asOf: null, match: { all: [{ field: 'country', op: '=', value: 'US' }] } }],
    ['Returning Americans', { v: 1, name: 'Returning Americans', asOf: null, match: { all: [{ segment: 'Americans' }, { field: 'returns', op: '>=', value: 1 }] } }],
    ['Broken', { v: 1, name: 'Broken', asOf: null, match: { all: [{ field: 'no_such_field', op: '=', value: 1 }] } }],
    ['Store buyers', { v: 1, name: 'Store buyers', asOf: null, match: { all: [{ activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 1 } }] } }],
  ]);

  const members = (id: string) => {
    const q = segmentMembershipQuery(id, saved, fields);
    const [row] = db.query(q.sql!);
    return readMembership(row, q);
  };

  it('tests every saved segment in one query, and reports those that do not fit', () => {
    const q = segmentMembershipQuery('c2', saved, fields);
    expect(q.checked.map((c) => c.name)).toEqual(['Big spenders', 'Americans', 'Returning Americans', 'Store buyers']);
    expect(q.problems.map((p) => p.name)).toEqual(['Broken']);
    expect(q.problems[0].message).toMatch(/no_such_field/);
    expect(members('c2')).toEqual([
      { name: 'Big spenders', member: false },
      { name: 'Americans', member: true },
      { name: 'Returning Americans', member: true },
      { name: 'Store buyers', member: false },
    ]);
    expect(members('c1').filter((m) => m.member).map((m) => m.name)).toEqual(['Big spenders', 'Store buyers']);
    expect(members('c3').filter((m) => m.member).map((m) => m.name)).toEqual(['Americans', 'Store buyers']);
    expect(members('nobody').some((m) => m.member)).toBe(false);
    expect(members("o'hara%_1").some((m) => m.member)).toBe(false);
  });

  it('has nothing to run without saved segments', () => {
    expect(segmentMembershipQuery('c1', new Map(), fields)).toEqual({ sql: null, checked: [], problems: [] });
  });
});

describe('flags', () => {
  const flags = (id: string) => readFlags(db.query(customerFlagsSql(id))[0]);
  const ids = (id: string) => flags(id).map((f) => f.id);

  it('flags by the rules the page states', () => {
    expect(ids('c1')).toEqual(['vip']);
    expect(flags('c1')[0].detail).toBe('Top 25% by revenue.');
    expect(ids('c2')).toEqual(['chronic_returner']);
    expect(flags('c2')[0].detail).toBe('3 returns on 4 orders (75%).');
    expect(ids('c3')).toEqual(['lapsed', 'one_time_buyer']);
    expect(flags('c3')[0].detail).toBe('Last order 532 days before the as-of date.');
    expect(ids('c4')).toEqual(['no_purchase']);
    expect(ids("o'hara%_1")).toEqual(['one_time_buyer']);
    expect(ids('nobody')).toEqual([]);
    for (const f of flags('c3')) expect(f.rule.length).toBeGreaterThan(10);
  });

  it('reads the figures behind them', () => {
    const [row] = db.query(customerFlagsSql('c2'));
    expect(row).toMatchObject({ orders: 4, returns: 3, return_share: 0.75, buyers: 4, richer: 2, revenue_rank_share: 0.75 });
  });
});

describe('the customer row and purchase days', () => {
  it('reads every column of a relation for one id', () => {
    expect(db.query(customerRowSql('customers', "o'hara%_1"))).toEqual([
      { customer_id: "o'hara%_1", first_seen: ts('2024-06-01 12:00'), first_name: 'Odd', last_name: "O'Hara", email: 'odd_1@example.com', country: 'IE' },
    ]);
    expect(db.query(customerRowSql('customers', 'nobody'))).toEqual([]);
  });

  it('lists purchase days up to the as-of date, one per calendar day', () => {
    const days = db.query(purchaseDaysOfSql('c1')).map((r) => Number(r.day));
    const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(days).toEqual([day('2024-01-10'), day('2024-03-15'), day('2024-06-28')]);
    expect(db.query(purchaseDaysOfSql('c4'))).toEqual([]);
  });
});

describe('customer links', () => {
  it('carry only the id, url-encoded, and read back', async () => {
    const { customerHash, parseCustomerHash, customerIdOf, isCustomerIdColumn } = await import('../../../src/lib/customer');
    expect(customerHash("o'hara%_1 & co/#")).toBe('#customer=o\'hara%25_1%20%26%20co%2F%23');
    expect(parseCustomerHash(customerHash("o'hara%_1 & co/#"))).toBe("o'hara%_1 & co/#");
    expect(parseCustomerHash('#customer=')).toBeNull();
    expect(parseCustomerHash('#customer=%E0%A4%A')).toBeNull();
    expect(parseCustomerHash('#segment=1.abc')).toBeNull();
    expect(customerIdOf(' C1 ')).toBe('C1');
    expect(customerIdOf(42)).toBe('42');
    expect(customerIdOf(12345678901234567890n)).toBe('12345678901234567890');
    expect(customerIdOf(null)).toBeNull();
    expect(customerIdOf({})).toBeNull();
    expect(isCustomerIdColumn('Customer_ID')).toBe(true);
    expect(isCustomerIdColumn('customer')).toBe(false);
  });
});

describe('records stitched into one customer', () => {
  it('says whether stitching ran, and lists each source with its record ids', async () => {
    const { stitchedSql, stitchedRecordsSql, readStitchedRecords } = await import('../../../src/lib/customer');
    expect(db.query(stitchedSql())).toEqual([{ present: false }]);
    db.query(`CREATE TABLE identity_records (source VARCHAR, record_id VARCHAR, person_id VARCHAR)`);
    db.query(`INSERT INTO identity_records VALUES ('web_orders', 'W2', 'c1'), ('tills', 'L9', 'c1'), ('web_orders', 'W1', 'c1'), ('web_orders', 'W3', 'c2')`);
    expect(db.query(stitchedSql())).toEqual([{ present: true }]);
    expect(readStitchedRecords(db.query(stitchedRecordsSql('c1')))).toEqual([
      { source: 'web_orders', records: 2, ids: ['W1', 'W2'] },
      { source: 'tills', records: 1, ids: ['L9'] },
    ]);
    expect(readStitchedRecords(db.query(stitchedRecordsSql('c1', 1)))[0].ids).toEqual(['W1']);
    expect(db.query(stitchedRecordsSql('nobody'))).toEqual([]);
    db.query('DROP TABLE identity_records');
  });
});
