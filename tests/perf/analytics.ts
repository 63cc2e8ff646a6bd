/**
 * The analysis cells' SQL on generated data under the Node build of DuckDB-WASM (the
 * browser's engine): run by hand, `npx tsx tests/perf/analytics.ts [rows-dir] [only]`.
 * Prints the model build and each analysis's median time, as the cells run them.
 */
import { readFileSync } from 'node:fs';
import { detectRoles, modelSql, tidyChecks, untidyColumns, withTidyColumns } from '../../src/lib/model';
import { cohortSql, journeySql, lifecycleSql, rfmSql, rfmSummarySql, rfmTraitsSql } from '../../src/lib/analytics';
import { customerSummarySql, orderPurchaseDaysSql } from '../../src/lib/clv/cell/summaryTables';
import { openTestDb } from '../unit/helpers/duckdb';
import { describeTables, runAll, sampleTables } from '../unit/model/fixtures';

const dir = process.argv[2] ?? 'bench/data/1000k-rows';
const only = process.argv[3];
const db = await openTestDb();
db.registerBuffer('order_lines.csv', readFileSync(`${dir}/order_lines.csv`));
const time = (label: string, work: () => void, runs = 3): void => {
  if (only && !only.split(',').some((o) => label.startsWith(o)) && label !== 'model' && label !== 'load') return;
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(12), String(Math.round(ts[Math.floor(runs / 2)])).padStart(6), 'ms  ', ts.map(Math.round).join(' '));
};
time('load', () => db.query(`CREATE OR REPLACE TABLE order_lines AS SELECT * FROM read_csv('order_lines.csv')`), 1);
const tables = describeTables(db, ['order_lines']);
const d = detectRoles(tables, sampleTables(db, tables));
const untidy = new Map<string, Set<string>>();
for (const check of tidyChecks(d.model)) untidy.set(check.table, untidyColumns(check, db.query(check.sql)[0]));
const model = withTidyColumns(d.model, untidy);
time('model', () => runAll(db, modelSql(model)), 1);
console.log(db.query('SELECT count(*) AS customers, sum(orders) AS orders FROM customer_features')[0]);
const asOf = String(db.query('SELECT CAST(as_of AS VARCHAR) AS d FROM as_of_date')[0].d);

time('rfm', () => {
  db.query(`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql({}).scores.text}`);
  const s = rfmSummarySql({}, 'rfm_cell');
  db.query(s.segments);
  db.query(s.grid);
  runAll(db, rfmTraitsSql('rfm_cell'));
});
time('cohort', () => db.query(cohortSql({})));
time('cohort-chan', () => db.query(cohortSql({ breakdown: 'channel' })));
time('journey', () => db.query(journeySql({}).both));
time('lifecycle', () => db.query(lifecycleSql({}).both));
time('clv-summary', () => {
  db.query(orderPurchaseDaysSql({ table: 'days' }));
  const asOfDay = Math.round(Date.parse(asOf) / 86_400_000);
  db.query(customerSummarySql({ days: 'days', table: 'summary', calibrationEnd: asOfDay - 90, asOf: asOfDay, unitDays: 7 }));
});
if (process.env.PARTS) {
  time('scan', () => db.query(`SELECT count(*), sum(amount) FROM activity WHERE event = 'purchase'`));
  time('scan-group', () => db.query(`SELECT count(*) FROM (SELECT customer_id, CAST(occurred_at AS DATE) d, sum(amount) FROM activity WHERE event = 'purchase' GROUP BY 1, 2)`));
  time('days-table', () => db.query(`CREATE OR REPLACE TABLE pd AS SELECT customer_id, CAST(occurred_at AS DATE) AS day, count(DISTINCT coalesce(order_id, strftime(occurred_at, '%Y-%m-%d'))) FILTER (WHERE event = 'purchase') AS orders, sum(amount) FILTER (WHERE event = 'purchase') AS purchase_amount, sum(amount) FILTER (WHERE event = 'return') AS return_amount FROM activity WHERE event IN ('purchase', 'return') GROUP BY 1, 2`), 1);
  console.log(db.query(`SELECT count(*) n FROM pd`), db.query(`SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()`));
  time('pd-scan-group', () => db.query(`SELECT count(*) FROM (SELECT customer_id, count(*), max(day), sum(purchase_amount) FROM pd GROUP BY 1)`));
  time('rfm-scores', () => db.query(`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql({}).scores.text}`));
  time('rfm-traits', () => runAll(db, rfmTraitsSql('rfm_cell')));
}
