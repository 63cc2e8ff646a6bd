/**
 * Profiling speed on an export-sized table. Runs on 200,000 rows by default; set
 * ARKWRIGHT_PERF_ROWS=2000000 to measure at the size the brief names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileTable, profileWarnings } from '../../../src/lib/ingest/profile';
import { detectRoles, modelSql } from '../../../src/lib/model';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { describeTables, runAll } from '../model/fixtures';

const ROWS = Number(process.env.ARKWRIGHT_PERF_ROWS ?? 200_000);

describe(`profiling ${ROWS.toLocaleString('en-US')} order lines`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    db.query(`CREATE TABLE big_orders AS SELECT
        'C' || CAST(hash(range // 7) % 150000 AS VARCHAR) AS customer_id,
        'O' || CAST(range // 3 AS VARCHAR) AS order_id,
        TIMESTAMP '2021-01-01' + to_seconds(CAST(range * 47 % 94000000 AS BIGINT)) AS ordered_at,
        ['web', 'store', 'app', 'phone', 'marketplace'][1 + range % 5] AS channel,
        'P' || CAST(hash(range) % 2000 AS VARCHAR) AS product,
        ['Kitchen', 'Food', 'Garden', 'Toys'][1 + range % 4] AS category,
        CASE WHEN range % 50 = 0 THEN -1 ELSE 1 + range % 4 END AS quantity,
        CAST(1 + (hash(range) % 10000) / 100.0 AS DECIMAL(10,2)) AS unit_price,
        CAST(range % 1000 AS VARCHAR) AS coupon,
        CASE WHEN range % 40 = 0 THEN NULL ELSE 'c' || CAST(range % 150000 AS VARCHAR) || '@example.com' END AS email
      FROM range(${ROWS})`);
  });
  afterAll(() => db.close());

  it('profiles in two passes, fast', async () => {
    const table = describeTables(db, ['big_orders'])[0];
    // CPU time as well as wall time: the engine runs on this thread, so CPU time is what the
    // profile costs even when other processes share the machine.
    const started = performance.now();
    const cpu = process.cpuUsage();
    const profile = await profileTable(table, (q) => db.query(q), { today: '2024-06-30' });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const model = detectRoles([table]).model;
    const warnings = profileWarnings(profile, model.tables[0]);
    const built = performance.now();
    const modelCpu = process.cpuUsage();
    runAll(db, modelSql(model));
    const modelMs = performance.now() - built;
    const modelUsed = process.cpuUsage(modelCpu);
    console.log(`profile of ${ROWS} rows × ${table.columns.length} columns: ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU; model build: ${Math.round(modelMs)} ms wall, ${Math.round((modelUsed.user + modelUsed.system) / 1000)} ms CPU`);
    expect(profile.rows).toBe(ROWS);
    expect(warnings.find((w) => w.code === 'negative_amounts')?.count).toBe(ROWS / 50);
    expect(warnings.find((w) => w.code === 'numbers_as_text')?.column).toBe('coupon');
    // Top values found (on a sample when the table is large) and counted exactly.
    expect(profile.columns.find((c) => c.name === 'channel')?.topValues.map((t) => t.count)).toEqual([ROWS / 5, ROWS / 5, ROWS / 5, ROWS / 5, ROWS / 5]);
    // Generous bound for a loaded CI machine: about 1 s per million rows here.
    expect(cpuMs).toBeLessThan(Math.max(5_000, (ROWS / 1_000_000) * 5_000));
  });
});
