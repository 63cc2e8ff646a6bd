/**
 * One-off measurement (not a test; vitest does not pick it up): stitch about a million demo
 * records (emails, phones, loyalty cards, web account ids) in the DuckDB-WASM Node build,
 * the browser's engine, single-threaded. Target in the browser: ≤ 10 s.
 *   npx tsx tests/perf/identity-1m.ts [people=134000]
 */
import { generateSystems, SYSTEM_TABLES, SYSTEMS_IDENTITY_SPEC } from '../../src/lib/demo';
import { identityReport, identityReportSql, runStitch } from '../../src/lib/identity';
import { openTestDb } from '../unit/helpers/duckdb';
import type { Sql } from '../../src/lib/sql';

async function main(): Promise<void> {
  const people = Number(process.argv[2] ?? 134_000);
  let t = performance.now();
  const data = generateSystems({ people });
  const records = SYSTEM_TABLES.reduce((n, s) => n + data.rows[s], 0);
  console.log(`generated ${records} records of ${data.people} people in ${(performance.now() - t).toFixed(0)} ms`, data.rows);

  const db = await openTestDb();
  t = performance.now();
  for (const s of SYSTEM_TABLES) {
    db.registerText(`${s}.csv`, data.tables[s]);
    db.query(`CREATE TABLE ${s} AS SELECT * FROM read_csv('${s}.csv', header = true, all_varchar = true)`);
  }
  db.registerText('truth.csv', data.truth);
  db.query(`CREATE TABLE truth AS SELECT * FROM read_csv('truth.csv', header = true, all_varchar = true)`);
  console.log(`loaded in ${(performance.now() - t).toFixed(0)} ms`);

  const times = new Map<string, number>();
  const run = (s: Sql) => {
    const t0 = performance.now();
    const rows = db.query(s);
    const key = s.text.slice(0, 60).replace(/\s+/g, ' ');
    times.set(key, (times.get(key) ?? 0) + performance.now() - t0);
    return rows;
  };
  t = performance.now();
  const result = await runStitch(SYSTEMS_IDENTITY_SPEC, run);
  const stitchMs = performance.now() - t;
  console.log(`stitched in ${stitchMs.toFixed(0)} ms: ${result.rounds} rounds, ${result.steps} steps`, result.timings);
  for (const [k, v] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);

  t = performance.now();
  const report = await identityReport(identityReportSql(), (s) => db.query(s));
  console.log(`report in ${(performance.now() - t).toFixed(0)} ms:`, {
    records: report.records,
    people: report.people,
    mergedRecords: report.mergedRecords,
    peopleInSeveralSources: report.peopleInSeveralSources,
    largest: report.largestCluster,
    excluded: report.excluded.map((e) => `${e.type} ${e.value} (${e.records} records, ${e.combinations} combinations)`),
    conflicts: report.conflictCount,
  });

  const [s] = db.query(`WITH j AS (SELECT t.person AS truth, r.person_id FROM identity_records r JOIN truth t USING (source, record_id)),
    b AS (SELECT sum(n * (n - 1) / 2) AS p FROM (SELECT count(*) AS n FROM j GROUP BY truth, person_id)),
    p AS (SELECT sum(n * (n - 1) / 2) AS p FROM (SELECT count(*) AS n FROM j GROUP BY person_id)),
    a AS (SELECT sum(n * (n - 1) / 2) AS p FROM (SELECT count(*) AS n FROM j GROUP BY truth))
    SELECT CAST(b.p AS DOUBLE) / CAST(p.p AS DOUBLE) AS precision, CAST(b.p AS DOUBLE) / CAST(a.p AS DOUBLE) AS recall FROM b, p, a`);
  console.log(`pairwise precision ${Number(s.precision).toFixed(5)}, recall ${Number(s.recall).toFixed(5)}`);
  db.close();
}

void main();
