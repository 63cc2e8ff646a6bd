/**
 * The segment live count on generated data under the Node build of DuckDB-WASM (the
 * browser's engine): run by hand, `npx tsx tests/perf/segment-count.ts [rows-dir]`.
 * Prints the median time of the 3-rule and 10-rule counts the benchmark uses.
 */
import { readFileSync } from 'node:fs';
import { detectRoles, modelSql, customerFeatureFields } from '../../src/lib/model';
import { compileRuleCounts, ruleSubqueries } from '../../src/lib/segments';
import { openTestDb } from '../unit/helpers/duckdb';
import { describeTables, runAll, sampleTables } from '../unit/model/fixtures';

const dir = process.argv[2] ?? 'bench/data/1000k-rows';
const db = await openTestDb();
db.registerBuffer('order_lines.csv', readFileSync(`${dir}/order_lines.csv`));
let t = performance.now();
db.query(`CREATE TABLE order_lines AS SELECT * FROM read_csv('order_lines.csv')`);
console.log('load', Math.round(performance.now() - t), 'ms');
const tables = describeTables(db, ['order_lines']);
const d = detectRoles(tables, sampleTables(db, tables));
t = performance.now();
runAll(db, modelSql(d.model));
console.log('model', Math.round(performance.now() - t), 'ms', db.query('SELECT count(*) AS n FROM customer_features')[0]);
const fields = customerFeatureFields(d.model);

const SEGMENT_3 = { v: 1, match: { all: [
  { field: 'revenue', op: '>=', value: 200 },
  { field: 'last_order_at', op: 'before', value: { daysAgo: 180 } },
  { field: 'orders', op: '>=', value: 2 },
] } };
const SEGMENT_10 = { v: 1, match: { all: [
  { field: 'revenue', op: 'between', value: [100, 5000] },
  { field: 'orders', op: '>=', value: 2 },
  { field: 'average_order_value', op: '>', value: 30 },
  { field: 'last_order_at', op: 'in_last', value: { days: 730 } },
  { any: [{ field: 'channels', op: 'contains', value: 'web' }, { field: 'channel_count', op: '>=', value: 2 }] },
  { not: { field: 'returns', op: '>', value: 3 } },
  { field: 'tenure_days', op: '>', value: 90 },
  { activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 1 }, within: { days: 365 } },
  { activity: { event: 'purchase' }, sum: { op: '>=', value: 100 }, within: { days: 365 } },
] } };

for (const [name, spec] of [['3 rules', SEGMENT_3], ['10 rules', SEGMENT_10]] as const) {
  const q = compileRuleCounts(spec, { fields });
  if (process.env.SHOW_SQL) console.log(q.sql.text);
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    t = performance.now();
    db.query(q.sql);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(name, 'median', Math.round(times[2]), 'ms', times.map(Math.round).join(' '));
  // As the builder runs it after an edit to a field rule: activity rules read from their tables.
  const tables = new Map<string, string>();
  t = performance.now();
  for (const [key, sub] of ruleSubqueries(spec, { fields })) {
    const table = `rule_${tables.size}`;
    db.query(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT DISTINCT customer_id FROM (${sub.text}) AS rule`);
    tables.set(key, table);
  }
  const prepared = performance.now() - t;
  const fast = compileRuleCounts(spec, { fields, ruleRelation: (key) => tables.get(key) });
  const cached: number[] = [];
  for (let i = 0; i < 4; i++) {
    t = performance.now();
    db.query(fast.sql);
    cached.push(performance.now() - t);
  }
  cached.sort((a, b) => a - b);
  console.log(name, 'with rule tables: median', Math.round(cached[2]), 'ms; building the tables', Math.round(prepared), 'ms');
  if (process.env.PROFILE_FAST) {
    const rows = db.query(`EXPLAIN ANALYZE ${fast.sql.text}`);
    const text = String(rows[0].explain_value);
    const ops = text.split('\n').filter((l) => /[A-Z_]{4,}|\(\d+\.\d+s\)|rows/.test(l)).map((l) => l.replace(/[│┌┐└┘─├┤┬┴]/g, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
    console.log(ops.join('\n'));
  }
}
if (process.env.PROFILE) {
  const q = compileRuleCounts(SEGMENT_10, { fields });
  const rows = db.query(`EXPLAIN ANALYZE ${q.sql.text}`);
  console.log(String(rows[0].explain_value));
}
db.close();
