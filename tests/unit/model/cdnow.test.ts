import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRoles, modelSql } from '../../../src/lib/model';
import { openTestDb, sharedData, type TestDb } from '../helpers/duckdb';
import { describeTables, runAll, sampleTables } from './fixtures';

const csv = sharedData('cdnow/cdnow_sample.csv');
const txt = sharedData('cdnow/CDNOW_sample.txt');

describe.skipIf(!csv || !txt)('CDNOW reference data (../shared/data/cdnow)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('has 2,357 customers in customer_features from cdnow_sample.csv', () => {
    db.registerText('cdnow_sample.csv', readFileSync(csv as string, 'utf8'));
    db.query(`CREATE TABLE cdnow_sample AS SELECT * FROM read_csv('cdnow_sample.csv')`);
    const d = detectRoles(describeTables(db, ['cdnow_sample']));
    runAll(db, modelSql(d.model));
    expect(db.query('SELECT count(*) AS n FROM customer_features')[0].n).toBe(2357);
    const totals = db.query('SELECT sum(revenue) AS revenue FROM customer_features')[0];
    const source = db.query('SELECT sum(dollars) AS dollars FROM cdnow_sample')[0];
    expect(totals.revenue as number).toBeCloseTo(source.dollars as number, 6);
    expect(db.query('SELECT as_of FROM as_of_date')[0].as_of).toBe(Date.UTC(1998, 5, 30));
  });

  it('has the same 2,357 customers from the aligned text loaded as unnamed columns', () => {
    // The headerless layout as a loader gives it: column0…column4, the date as a yyyymmdd number.
    db.registerText('CDNOW_sample.txt', readFileSync(txt as string, 'utf8'));
    db.query(`CREATE TABLE cdnow_txt AS
      SELECT CAST(p[1] AS BIGINT) AS column0, CAST(p[2] AS BIGINT) AS column1, CAST(p[3] AS BIGINT) AS column2,
             CAST(p[4] AS BIGINT) AS column3, CAST(p[5] AS DOUBLE) AS column4
      FROM (SELECT string_split_regex(trim(line), '\\s+') AS p
            FROM read_csv('CDNOW_sample.txt', columns = {'line': 'VARCHAR'}, header = false, delim = '\\t'))`);
    const tables = describeTables(db, ['cdnow_txt']);
    const d = detectRoles(tables, sampleTables(db, tables));
    expect(d.tables[0].columns.map((c) => c.role)).toEqual(['customer_id', null, 'occurred_at', null, 'amount']);
    runAll(db, modelSql(d.model));
    expect(db.query('SELECT count(*) AS n FROM customer_features')[0].n).toBe(2357);
  });
});
