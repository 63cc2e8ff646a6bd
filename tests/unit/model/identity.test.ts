/**
 * The data model on stitched people: activity from a web shop, store tills and an email platform
 * (no customer id column at all) lands on one customer_id per person, in the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelSql, parseDataModel, validateModel, hasErrors, type DataModel } from '../../../src/lib/model';
import { isReservedTableName } from '../../../src/lib/model/names';
import { parseIdentitySpec, runStitch, type IdentitySpec } from '../../../src/lib/identity';
import { targetTableName } from '../../../src/lib/engine/load';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { describeTables, runAll } from './fixtures';

let db: TestDb;
const run = (s: Parameters<TestDb['query']>[0]) => db.query(s);

function createSystems(db: TestDb): void {
  // A column named "source" and one named "record_id": the join with identity_records must not shadow them.
  db.query(`CREATE TABLE web (order_id VARCHAR, account_id DOUBLE, email VARCHAR, ordered_at TIMESTAMP, amount DOUBLE, source VARCHAR)`);
  db.query(`INSERT INTO web VALUES
    ('W1', 101, 'ada@example.com', '2024-01-10 10:00', 30, 'ads'),
    ('W2', 101, 'ada@example.com', '2024-02-10 10:00', 20, 'ads'),
    ('W3', 102, 'ben@example.com', '2024-01-15 10:00', 50, 'seo'),
    ('W4', NULL, ' CY@example.com ', '2024-03-01 10:00', 15, 'seo')`);
  db.query(`CREATE TABLE tills (receipt_id VARCHAR, card VARCHAR, ereceipt VARCHAR, purchased_at TIMESTAMP, amount DOUBLE, record_id VARCHAR)`);
  db.query(`INSERT INTO tills VALUES
    ('R1', '6337-0001', 'ADA@example.com', '2024-01-20 12:00', 40, 'x'),
    ('R2', '6337 0001', NULL, '2024-02-20 12:00', 60, 'y'),
    ('R3', '6337-0002', NULL, '2024-02-21 12:00', 10, 'z')`);
  // The email platform: no customer id column, each row a record of its own.
  db.query(`CREATE TABLE mail (email VARCHAR, event VARCHAR, occurred_at TIMESTAMP)`);
  db.query(`INSERT INTO mail VALUES
    ('ada@example.com', 'email_open', '2024-01-05 08:00'),
    ('Ben@Example.com', 'email_click', '2024-01-06 08:00'),
    ('dee@example.com', 'email_open', '2024-01-07 08:00'),
    ('n/a', 'email_open', '2024-01-08 08:00')`);
}

const SPEC = {
  v: 1,
  sources: [
    { table: 'web', recordId: 'account_id', identifiers: [{ column: 'account_id', type: 'customer_id' }, { column: 'email', type: 'email' }] },
    { table: 'tills', name: 'store', recordId: 'receipt_id', identifiers: [{ column: 'card', type: 'loyalty_card' }, { column: 'ereceipt', type: 'email' }] },
    { table: 'mail', recordId: null, identifiers: [{ column: 'email', type: 'email' }] },
  ],
};

function baseModel(): DataModel {
  return {
    v: 1,
    asOf: null,
    tables: [
      {
        table: 'web',
        kind: 'activity',
        columns: [
          { column: 'order_id', role: 'order_id', type: 'VARCHAR' },
          { column: 'account_id', role: 'customer_id', type: 'DOUBLE' },
          { column: 'email', role: 'email', type: 'VARCHAR' },
          { column: 'ordered_at', role: 'occurred_at', type: 'TIMESTAMP' },
          { column: 'amount', role: 'amount', type: 'DOUBLE' },
          { column: 'source', role: 'channel', type: 'VARCHAR' },
        ],
      },
      {
        table: 'tills',
        kind: 'activity',
        columns: [
          { column: 'receipt_id', role: 'order_id', type: 'VARCHAR' },
          { column: 'purchased_at', role: 'occurred_at', type: 'TIMESTAMP' },
          { column: 'amount', role: 'amount', type: 'DOUBLE' },
          { column: 'record_id', role: 'attribute', type: 'VARCHAR', as: 'till_note' },
        ],
      },
      {
        table: 'mail',
        kind: 'activity',
        defaultEvent: 'email_open',
        columns: [
          { column: 'event', role: 'event', type: 'VARCHAR' },
          { column: 'occurred_at', role: 'occurred_at', type: 'TIMESTAMP' },
        ],
      },
    ],
  };
}

let spec: IdentitySpec;
let model: DataModel;

beforeAll(async () => {
  db = await openTestDb();
  createSystems(db);
  spec = parseIdentitySpec(SPEC, describeTables(db, ['web', 'tills', 'mail']));
  await runStitch(spec, run);
  model = { ...baseModel(), identity: spec };
  runAll(db, modelSql(model));
});
afterAll(() => db.close());

/** The customer_id every row of a table got in activity, by a column of the table. */
function personOf(where: string): string[] {
  return db.query(`SELECT DISTINCT customer_id FROM activity WHERE ${where} ORDER BY 1`).map((r) => String(r.customer_id));
}

describe('the data model on stitched people', () => {
  it('puts activity from the web shop, the tills and the email platform on one person', () => {
    const ada = personOf(`order_id IN ('W1', 'W2', 'R1', 'R2') OR (event = 'email_open' AND occurred_at = '2024-01-05 08:00')`);
    expect(ada).toHaveLength(1);
    expect(ada[0]).toMatch(/^P[0-9a-f]{16}$/);
    // Ada's card (written two ways) carries R2 although it has no email.
    expect(personOf(`order_id = 'R2'`)).toEqual(ada);
    const ben = personOf(`order_id = 'W3' OR event = 'email_click'`);
    expect(ben).toHaveLength(1);
    expect(ben).not.toEqual(ada);
  });

  it('links a web order with a blank customer id by its email, and counts every person once', () => {
    const cy = personOf(`order_id = 'W4'`);
    expect(cy).toHaveLength(1);
    // People: Ada, Ben, Cy (guest order), card 0002, Dee, and the placeholder email row (a record on its own).
    expect(db.query('SELECT count(*) AS n FROM customers')).toEqual([{ n: 6 }]);
    const [s] = db.query(`SELECT count(*) AS customers, sum(revenue) AS revenue FROM customer_features`);
    expect(s.customers).toBe(6);
    expect(s.revenue).toBe(30 + 20 + 50 + 15 + 40 + 60 + 10);
    const [ada] = db.query(`SELECT orders, revenue, channels, events, email FROM customer_features WHERE customer_id = '${personOf(`order_id = 'W1'`)[0]}'`);
    expect(ada).toMatchObject({ orders: 4, revenue: 150, events: 5, email: 'ada@example.com' });
    // Every activity row has a person: nothing was dropped for lack of a customer id.
    expect(db.query('SELECT count(*) AS n FROM activity')).toEqual([{ n: 11 }]);
  });

  it('keeps the tables’ own columns named like identity_records columns', () => {
    expect(db.query(`SELECT DISTINCT channel FROM activity WHERE channel IS NOT NULL ORDER BY 1`).map((r) => r.channel)).toEqual(['ads', 'seo']);
    expect(db.query(`SELECT count(*) AS n FROM customers WHERE till_note IS NOT NULL`)).toEqual([{ n: 2 }]);
  });

  it('uses the same customer ids in activity, customers and customer_features', () => {
    expect(db.query(`SELECT count(*) AS n FROM (SELECT DISTINCT customer_id FROM activity) a FULL JOIN customer_features f USING (customer_id) WHERE a.customer_id IS NULL OR f.customer_id IS NULL`)).toEqual([{ n: 0 }]);
  });

  it('builds as before without stitching (customer ids from the column; tables without one are refused)', async () => {
    const plain = baseModel();
    const issues = validateModel(plain);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.table)).toEqual(['tills', 'mail']);
    const webOnly: DataModel = { ...plain, tables: plain.tables.slice(0, 1) };
    const other = await openTestDb();
    createSystems(other);
    runAll(other, modelSql(webOnly));
    expect(other.query('SELECT customer_id FROM customers ORDER BY 1').map((r) => r.customer_id)).toEqual(['101', '102']);
    other.close();
  });
});

describe('validating a stitched model', () => {
  it('accepts a source without a customer id column, and warns about mapped tables left out of stitching', () => {
    const tables = describeTables(db, ['web', 'tills', 'mail']);
    expect(validateModel(model, tables)).toEqual([]);
    const partial: DataModel = { ...model, identity: { ...spec, sources: spec.sources.filter((s) => s.table !== 'web') } };
    const issues = validateModel(partial, tables);
    expect(hasErrors(issues)).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', table: 'web', message: expect.stringContaining('not part of identity stitching') })]);
  });

  it('says when the stitching settings no longer fit the loaded tables', () => {
    const tables = describeTables(db, ['web', 'tills']);
    const issues = validateModel(model, tables);
    expect(hasErrors(issues)).toBe(true);
    expect(issues.map((i) => i.message)).toContain('Identity stitching: There is no loaded table "mail". Stitch again, or turn stitching off.');
  });

  it('refuses tables named like the stitching relations, in the model and when loading', () => {
    const named: DataModel = { ...baseModel(), tables: [{ ...baseModel().tables[0], table: 'Identity_Map' }] };
    expect(validateModel(named).map((i) => i.message)).toContain(
      'The loaded table Identity_Map has the name of a relation identity stitching creates (identity_map); load it under another name.',
    );
    expect(isReservedTableName('identity_records')).toBe(true);
    expect(isReservedTableName('customer_features')).toBe(true);
    expect(isReservedTableName('web_orders')).toBe(false);
    expect(targetTableName('identity_records.csv', new Set())).toBe('identity_records_table');
  });

  it('saves and reads the identity settings with the model', () => {
    const back = parseDataModel(JSON.parse(JSON.stringify(model)));
    expect(back).toEqual(model);
    expect(parseDataModel({ v: 1, tables: [], asOf: null })).toEqual({ v: 1, tables: [], asOf: null });
    expect(() => parseDataModel({ ...model, identity: { v: 1, sources: [] } })).toThrow(/identity stitching settings are not readable: sources: No table is chosen/);
  });
});
