import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRoles, modelSql, tidyChecks, untidyColumns, withTidyColumns, type DataModel } from '../../../src/lib/model';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { createDemoLike, describeTables, runAll, sampleTables } from './fixtures';

let db: TestDb;
let model: DataModel;
beforeAll(async () => {
  db = await openTestDb();
  createDemoLike(db);
  // One untidy column: padded and blank channel values.
  db.query(`CREATE TABLE visits (customer VARCHAR, seen_at TIMESTAMP, channel VARCHAR, event VARCHAR)`);
  db.query(`INSERT INTO visits VALUES ('1', '2024-01-02 10:00', ' web ', 'visit'), ('2', '2024-01-03 10:00', '', 'visit'), ('3', '2024-01-04 10:00', 'app', 'visit')`);
  const names = (db.query(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`) as { table_name: string }[]).map((r) => r.table_name);
  const tables = describeTables(db, names);
  model = detectRoles(tables, sampleTables(db, tables)).model;
});
afterAll(() => db.close());

function untidyOf(m: DataModel): Map<string, Set<string>> {
  return new Map(tidyChecks(m).map((c) => [c.table, untidyColumns(c, db.query(c.sql)[0])]));
}

function snapshot(): unknown[] {
  return [
    db.query('SELECT * FROM activity ORDER BY ALL'),
    db.query('SELECT * FROM customers ORDER BY ALL'),
    db.query('SELECT * EXCLUDE (channels), list_sort(channels) AS channels FROM customer_features ORDER BY customer_id'),
  ];
}

describe('tidy text columns', () => {
  it('finds the columns with padded or blank values, and only those', () => {
    const untidy = untidyOf(model);
    expect([...(untidy.get('visits') ?? [])]).toEqual(['channel']);
    expect(untidy.get('order_lines')?.size ?? 0).toBe(0);
  });

  it('builds the same views either way, reading clean columns without trimming', () => {
    runAll(db, modelSql(model));
    const plain = snapshot();
    const tidyModel = withTidyColumns(model, untidyOf(model));
    const text = modelSql(tidyModel)[0].text;
    runAll(db, modelSql(tidyModel));
    expect(snapshot()).toEqual(plain);
    // The padded channel is still trimmed; the clean ids of order_lines are read as they are.
    expect(text).toMatch(/starts_with\(CAST\("channel" AS VARCHAR\)/);
    expect(text).not.toMatch(/starts_with\(CAST\("order_id" AS VARCHAR\)/);
    expect(db.query(`SELECT count(*) AS n FROM activity WHERE channel = 'web' AND customer_id = '1' AND event = 'visit'`)[0].n).toBe(1);
  });

  it('never saves the flag: a later build checks the data again', () => {
    const tidyModel = withTidyColumns(model, untidyOf(model));
    const again = withTidyColumns(tidyModel, new Map([...untidyOf(model)].map(([t]) => [t, new Set(['order_id', 'channel', 'customer_id'])])));
    expect(again.tables.flatMap((t) => t.columns).filter((c) => ['order_id', 'channel'].includes(c.column) && c.tidy)).toEqual([]);
  });
});
