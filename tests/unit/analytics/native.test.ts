/**
 * "Runnable unchanged on native DuckDB": every analysis query gives the same rows in native
 * DuckDB (@duckdb/node-api) as in DuckDB-WASM, on one fixture with purchases, returns and events.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortSql, journeySql, lifecycleSql, rfmSql } from '../../../src/lib/analytics';
import { sql, type Sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { canonicalTablesSql, type ActivityRow } from './fixtures';

const ROWS: ActivityRow[] = [
  ['A', '2024-01-10 10:00', 100, 'a1', 'web', 'purchase'],
  ['A', '2024-02-05 10:00', 50, 'a2', 'store', 'purchase'],
  ['A', '2024-02-07 10:00', -20, 'a2', 'store', 'return'],
  ['A', '2024-01-09 10:00', null, null, 'email', 'email_open'],
  ['B', '2023-11-20 10:00', 30, null, 'web', 'purchase'],
  ['B', '2024-03-01 10:00', null, null, 'web', 'site_visit'],
  ['B', '2024-03-02 10:00', 45, null, 'app', 'purchase'],
  ['C', '2024-03-31 10:00', 10, 'c1', null, 'purchase'],
  ['D', '2024-02-14 10:00', null, null, 'email', 'email_click'],
  ['E', '2024-04-02 10:00', 70, 'e1', 'web', 'purchase'],
];

const QUERIES: Record<string, Sql> = {
  rfmScores: rfmSql({ windowDays: 365 }).scores,
  rfmSegments: rfmSql().segments,
  rfmGrid: rfmSql().grid,
  cohorts: cohortSql({ breakdown: 'channel', metric: 'revenue_per_customer', mode: 'in_or_after' }),
  journeyNodes: journeySql({ anchor: { at: 'end', event: 'purchase' }, gapDays: 30 }).nodes,
  journeyLinks: journeySql({ by: 'channel_event' }).links,
  lifecycleStages: lifecycleSql({ period: 'week', periods: null }).stages,
  lifecycleTransitions: lifecycleSql({ period: 'quarter' }).transitions,
};

/** Each row as text (a row is a struct in DuckDB), in the query's own order. */
const asText = (q: Sql): Sql => sql`SELECT CAST(t AS VARCHAR) AS row FROM (${q}) t`;

let wasm: TestDb;
let native: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>;
beforeAll(async () => {
  wasm = await openTestDb();
  native = await (await DuckDBInstance.create(':memory:')).connect();
  for (const s of canonicalTablesSql(ROWS, '2024-03-31')) {
    wasm.query(s);
    await native.run(s.text);
  }
});
afterAll(() => {
  wasm.close();
  native.closeSync();
});

describe('the same SQL on native DuckDB', () => {
  for (const [name, q] of Object.entries(QUERIES)) {
    it(name, async () => {
      const expected = wasm.query(asText(q)).map((r) => String(r.row)).sort();
      const reader = await native.runAndReadAll(asText(q).text);
      const actual = reader.getRowObjectsJS().map((r) => String(r.row)).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    });
  }
});
