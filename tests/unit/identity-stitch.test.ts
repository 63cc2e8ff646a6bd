/**
 * Identity stitching against the real engine, on fixtures with known answers: transitive
 * chains, normalisation, placeholders, an over-shared identifier (excluded, then kept),
 * a switched-off type, stable person ids, and the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityReport,
  identityReportSql,
  normalisedSql,
  runStitch,
  statusSql,
  DEFAULT_IDENTITY_OPTIONS,
  type IdentifierType,
  type IdentityOptions,
  type IdentitySpecInput,
} from '../../src/lib/identity';
import { ident, raw, sql } from '../../src/lib/sql';
import { openTestDb, type TestDb } from './helpers/duckdb';

let db: TestDb;
const run = (s: Parameters<TestDb['query']>[0]) => db.query(s);

/** Loads a table of text columns from rows (null = SQL NULL). */
function load(name: string, columns: string[], rows: (string | null)[][]): void {
  db.query(sql`CREATE OR REPLACE TABLE ${ident(name)} (${raw(columns.map((c) => `"${c}" VARCHAR`).join(', '))})`);
  for (const r of rows) db.query(sql`INSERT INTO ${ident(name)} VALUES (${raw(r.map((v) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`)).join(', '))})`);
}

/** People as sorted groups of 'source:record', sorted: the merge answer. */
function groups(): string[][] {
  const rows = db.query('SELECT person_id, source, record_id FROM identity_records');
  const by = new Map<string, string[]>();
  for (const r of rows) {
    const k = String(r.person_id);
    by.set(k, [...(by.get(k) ?? []), `${r.source}:${r.record_id}`]);
  }
  return [...by.values()].map((g) => g.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

function personOf(source: string, record: string): string {
  return String(db.query(sql`SELECT person_id FROM identity_records WHERE source = ${source} AND record_id = ${record}`)[0]?.person_id);
}

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('normalisation', () => {
  const opts: IdentityOptions = { ...DEFAULT_IDENTITY_OPTIONS, defaultCountryCode: '44', placeholders: ['Refused'] };
  function norm(type: IdentifierType, values: string[], o = opts): [string | null, string][] {
    const rows = values.map((v) => sql`(${v})`);
    const v = raw('v');
    const value = raw('value');
    const input = sql`SELECT NULLIF(trim(v), '') AS v, n FROM (VALUES ${raw(rows.map((r, i) => `(${r.text.slice(1, -1)}, ${i})`).join(', '))}) t(v, n)`;
    const q = sql`SELECT ${normalisedSql(type, v, o)} AS value, v, n FROM (${input})`;
    const out = db.query(sql`SELECT value, ${statusSql(type, v, value, o)} AS status FROM (${q}) ORDER BY n`);
    return out.map((r) => [r.value === null ? null : String(r.value), String(r.status)]);
  }

  it('emails are trimmed and lower-cased; placeholders and malformed addresses link no one', () => {
    expect(norm('email', [' Ann.Lee@Example.COM ', 'ann.lee@example.com', 'n/a', 'noemail@shop.example', 'test@test.com', 'ann.lee', 'x@nomail.com', 'Refused', ''])).toEqual([
      ['ann.lee@example.com', 'ok'],
      ['ann.lee@example.com', 'ok'],
      ['n/a', 'placeholder'],
      ['noemail@shop.example', 'placeholder'],
      ['test@test.com', 'placeholder'],
      ['ann.lee', 'invalid'],
      ['x@nomail.com', 'placeholder'],
      ['refused', 'placeholder'],
      [null, 'blank'],
    ]);
  });

  it('phones become digits with the country code: +, 00, national 0, (0), bare numbers', () => {
    expect(norm('phone', ['+44 20 7946 0123', '020 7946 0123', '0044 20 7946 0123', '+44 (0)20 7946 0123', '(020) 7946-0123', '2079460123', '442079460123', '+33 1 42 68 53 00'])).toEqual(
      [...Array(7).fill(['442079460123', 'ok']), ['33142685300', 'ok']],
    );
  });

  it('phone placeholders and impossible numbers', () => {
    expect(norm('phone', ['00000 000000', '07777 777777', '0123456789', '123', 'n/a', '-', '0'])).toEqual([
      ['000000000', 'placeholder'],
      ['447777777777', 'placeholder'],
      ['44123456789', 'placeholder'],
      ['44123', 'invalid'],
      ['44', 'placeholder'],
      ['44', 'placeholder'],
      ['44', 'placeholder'],
    ]);
  });

  it('without a default country code national numbers keep their 0', () => {
    const o = { ...opts, defaultCountryCode: null };
    expect(norm('phone', ['020 7946 0123', '+44 20 7946 0123', '0044 20 7946 0123'], o).map((r) => r[0])).toEqual(['02079460123', '442079460123', '442079460123']);
  });

  it('loyalty cards lose spaces, dots and dashes and are upper-cased; customer ids stay as they are', () => {
    expect(norm('loyalty_card', ['6337 1234 5678', '6337-1234-5678', 'ab.12', '0000 0000', 'XX'])).toEqual([
      ['633712345678', 'ok'],
      ['633712345678', 'ok'],
      ['AB12', 'ok'],
      ['00000000', 'placeholder'],
      ['XX', 'placeholder'],
    ]);
    expect(norm('customer_id', ['C-001', 'c-001', '0', 'unknown'])).toEqual([
      ['C-001', 'ok'],
      ['c-001', 'ok'],
      ['0', 'placeholder'],
      ['unknown', 'placeholder'],
    ]);
  });
});

describe('linking', () => {
  beforeAll(() => {
    // web: A–B share an email (different case), B–C share a phone (different format), C–D a card.
    load('web', ['cid', 'email', 'phone'], [
      ['A', 'ann@example.com', null],
      ['B', ' ANN@example.com', '07700 900001'],
      ['E', 'n/a', '0000 000000'],
      ['F', 'n/a', null],
      ['G', 'unknown', '-'],
    ]);
    load('till', ['receipt', 'card', 'phone'], [
      ['r1', '6337 0001', '+44 7700 900001'],
      ['r2', '63370001', null],
      ['r3', null, 'n/a'],
      ['r4', 'n/a', null],
    ]);
  });
  const spec = (options: IdentitySpecInput['options'] = {}, order: 'web-first' | 'till-first' = 'web-first'): IdentitySpecInput => {
    const web = { table: 'web', recordId: 'cid', identifiers: [{ column: 'email', type: 'email' as const }, { column: 'phone', type: 'phone' as const }] };
    const till = { table: 'till', recordId: 'receipt', identifiers: [{ column: 'card', type: 'loyalty_card' as const }, { column: 'phone', type: 'phone' as const }] };
    return { v: 1, sources: order === 'web-first' ? [web, till] : [till, web], options: { defaultCountryCode: '44', ...options } };
  };

  it('links transitively (email, then phone, then card) and never by placeholders', async () => {
    const result = await runStitch(spec(), run);
    expect(result.rounds).toBeGreaterThanOrEqual(1);
    expect(groups()).toEqual([
      ['till:r1', 'till:r2', 'web:A', 'web:B'],
      ['till:r3'],
      ['till:r4'],
      ['web:E'],
      ['web:F'],
      ['web:G'],
    ]);
  });

  it('gives the same person ids whatever the order of the sources, on every run', async () => {
    await runStitch(spec(), run);
    const before = db.query('SELECT source, record_id, person_id FROM identity_records ORDER BY ALL');
    await runStitch(spec({}, 'till-first'), run);
    expect(db.query('SELECT source, record_id, person_id FROM identity_records ORDER BY ALL')).toEqual(before);
    // Anchored on the smallest (source, record id): 'till' < 'web'.
    expect(db.query(`SELECT anchor_source, anchor_record_id FROM identity_people WHERE person_id = '${personOf('web', 'A')}'`)).toEqual([
      { anchor_source: 'till', anchor_record_id: 'r1' },
    ]);
  });

  it('undoing a rule: with phones switched off the chain breaks in two', async () => {
    await runStitch(spec({ disabledTypes: ['phone'] }), run);
    expect(groups().filter((g) => g.length > 1)).toEqual([['till:r1', 'till:r2'], ['web:A', 'web:B']]);
    const report = await identityReport(identityReportSql(), run);
    expect(report.types.find((t) => t.type === 'phone')?.disabled).toBe(2);
  });

  it('extra placeholders from the options link no one', async () => {
    await runStitch(spec({ placeholders: ['ANN@example.com'] }), run);
    expect(groups().filter((g) => g.length > 1)).toEqual([['till:r1', 'till:r2', 'web:B']]);
  });

  it('reports counts, merges by type and the largest cluster', async () => {
    await runStitch(spec(), run);
    const report = await identityReport(identityReportSql(), run);
    expect(report).toMatchObject({ records: 9, people: 6, mergedRecords: 4, mergedPeople: 1, peopleInSeveralSources: 1, largestCluster: 4 });
    expect(report.sources).toEqual([
      { source: 'till', records: 4, people: 3, mergedRecords: 2, peopleAlsoElsewhere: 1 },
      { source: 'web', records: 5, people: 4, mergedRecords: 2, peopleAlsoElsewhere: 1 },
    ]);
    const byType = Object.fromEntries(report.types.map((t) => [t.type, t]));
    expect(byType.email).toMatchObject({ values: 1, linkingValues: 1, linkedRecords: 2, placeholder: 3 });
    expect(byType.phone).toMatchObject({ values: 1, linkingValues: 1, linkedRecords: 2, placeholder: 3, blank: 4 });
    expect(byType.loyalty_card).toMatchObject({ values: 1, linkingValues: 1, linkedRecords: 2, placeholder: 1 });
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]).toMatchObject({ records: 4, sources: ['till', 'web'], emails: 1, phones: 1, loyaltyCards: 1 });
    expect(report.clusters[0].sample).toEqual(['email: ann@example.com', 'loyalty_card: 63370001', 'phone: 447700900001']);
    expect(report.conflictCount).toBe(0);
    expect(report.excludedCount).toBe(0);
  });
});

describe('over-shared identifiers', () => {
  beforeAll(() => {
    // Six cards, each seen on two receipts; the store's phone typed on one receipt of each.
    const rows: (string | null)[][] = [];
    for (let c = 1; c <= 6; c++) {
      rows.push([`c${c}a`, `CARD${c}`, '020 7946 0000', null]);
      rows.push([`c${c}b`, `CARD${c}`, null, null]);
    }
    // One loyal member: the same card and phone on twelve receipts (identical combinations).
    for (let k = 1; k <= 12; k++) rows.push([`m${String(k).padStart(2, '0')}`, 'MEMBER', '07700 900777', null]);
    // A family card used with two emails: a conflict to review.
    rows.push(['f1', 'FAMILY', null, 'mum@example.com'], ['f2', 'FAMILY', null, 'son@example.com']);
    load('tills', ['receipt', 'card', 'phone', 'email'], rows);
  });
  const spec = (options: IdentitySpecInput['options'] = {}): IdentitySpecInput => ({
    sources: [
      {
        table: 'tills',
        recordId: 'receipt',
        identifiers: [
          { column: 'card', type: 'loyalty_card' },
          { column: 'phone', type: 'phone' },
          { column: 'email', type: 'email' },
        ],
      },
    ],
    options: { defaultCountryCode: '44', maxRecordsPerIdentifier: 5, ...options },
  });

  it('an identifier on more distinct combinations than the limit is excluded; identical records count once', async () => {
    await runStitch(spec(), run);
    const sizes = groups().map((g) => g.length).sort((a, b) => b - a);
    expect(sizes).toEqual([12, 2, 2, 2, 2, 2, 2, 2]);
    const report = await identityReport(identityReportSql(), run);
    expect(report.excluded).toEqual([{ type: 'phone', namespace: '', value: '442079460000', records: 6, combinations: 6, kept: false }]);
    expect(report.types.find((t) => t.type === 'phone')).toMatchObject({ overShared: 1, kept: 0, linkingValues: 1 });
    expect(report.conflicts).toEqual([
      {
        type: 'loyalty_card', namespace: '', value: 'FAMILY', records: 2,
        otherType: 'email', otherNamespace: '', distinctValues: 2, otherValues: ['mum@example.com', 'son@example.com'],
      },
    ]);
  });

  it('links through it when the analyst keeps it', async () => {
    await runStitch(spec({ keep: [{ type: 'phone', value: '442079460000' }] }), run);
    expect(groups().map((g) => g.length).sort((a, b) => b - a)).toEqual([12, 12, 2]);
    const report = await identityReport(identityReportSql(), run);
    expect(report.excluded).toMatchObject([{ value: '442079460000', kept: true }]);
    expect(report.largestCluster).toBe(12);
  });

  it('a limit above the combinations keeps it linking', async () => {
    await runStitch(spec({ maxRecordsPerIdentifier: 6 }), run);
    expect(groups().map((g) => g.length).sort((a, b) => b - a)).toEqual([12, 12, 2]);
  });
});

describe('customer ids', () => {
  beforeAll(() => {
    load('shop', ['customer', 'email'], [
      ['17', 'a@example.com'],
      ['17', 'a@example.com'],
      ['18', 'b@example.com'],
      ['18', 'c@example.com'],
      ['0', 'd@example.com'],
      ['0', 'e@example.com'],
      [null, 'f@example.com'],
    ]);
    load('crm', ['id', 'mail'], [['17', 'z@example.com']]);
  });

  it('rows with the same record id are one record; ids of different systems never match by accident', async () => {
    await runStitch({
      sources: [
        { table: 'shop', recordId: 'customer', identifiers: [{ column: 'customer', type: 'customer_id' }, { column: 'email', type: 'email' }] },
        { table: 'crm', recordId: 'id', identifiers: [{ column: 'id', type: 'customer_id' }, { column: 'mail', type: 'email' }] },
      ],
    }, run);
    expect(groups()).toEqual([['crm:17'], ['shop:#7'], ['shop:0'], ['shop:17'], ['shop:18']]);
    expect(db.query("SELECT count(*) AS n FROM identity_map WHERE source = 'shop'")).toEqual([{ n: 4 }]);
  });

  it('a shared namespace links ids across systems; a switched-off id splits its records and is reported', async () => {
    await runStitch({
      sources: [
        { table: 'shop', recordId: null, identifiers: [{ column: 'customer', type: 'customer_id', namespace: 'crm' }, { column: 'email', type: 'email' }] },
        { table: 'crm', recordId: 'id', identifiers: [{ column: 'id', type: 'customer_id', namespace: 'crm' }, { column: 'mail', type: 'email' }] },
      ],
    }, run);
    expect(groups().filter((g) => g.length > 1)).toEqual([['crm:17', 'shop:1', 'shop:2'], ['shop:3', 'shop:4']]);
    expect(db.query('SELECT count(*) AS n FROM identity_map')).toEqual([{ n: 1 }]);

    await runStitch({
      sources: [{ table: 'shop', recordId: null, identifiers: [{ column: 'customer', type: 'customer_id' }, { column: 'email', type: 'email' }] }],
      options: { disabledTypes: ['customer_id'] },
    }, run);
    const report = await identityReport(identityReportSql(), run);
    expect(report.splitIds.map((s) => [s.value, s.status, s.people])).toEqual([['0', 'placeholder', 2], ['18', 'disabled', 2]]);
    expect(report.splitIdCount).toBe(2);
  });
});

describe('long chains', () => {
  it('settle in about log2(n) rounds (hooking and pointer jumping), however the records are numbered', async () => {
    // r1–r2 share e1, r2–r3 share e2, … a chain of 200 records, listed shuffled.
    const n = 200;
    const rows: string[] = [];
    for (let k = 1; k <= n; k++) rows.push(`('r${String((k * 37) % n).padStart(3, '0')}', 'e${k}@x.com', 'e${k + 1}@x.com')`);
    db.query(`CREATE OR REPLACE TABLE chain AS SELECT * FROM (VALUES ${rows.join(', ')}) t(id, a, b)`);
    const result = await runStitch({
      sources: [{ table: 'chain', recordId: 'id', identifiers: [{ column: 'a', type: 'email' }, { column: 'b', type: 'email' }] }],
    }, run);
    expect(db.query('SELECT count(DISTINCT person_id) AS people, count(*) AS records FROM identity_records')).toEqual([{ people: 1, records: n }]);
    expect(result.rounds).toBeLessThanOrEqual(8);
    expect(result.steps).toBeLessThan(30);
  });
});
