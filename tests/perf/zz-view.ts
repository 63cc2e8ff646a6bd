import { readFileSync } from 'node:fs';
import { detectRoles, modelSql } from '../../src/lib/model';
import { openTestDb } from '../unit/helpers/duckdb';
import { describeTables, sampleTables, runAll } from '../unit/model/fixtures';
const db = await openTestDb();
db.registerBuffer('order_lines.csv', readFileSync(`bench/data/1000k-rows/order_lines.csv`));
db.query(`CREATE TABLE order_lines AS SELECT * FROM read_csv('order_lines.csv')`);
const tables = describeTables(db, ['order_lines']);
const d = detectRoles(tables, sampleTables(db, tables));
runAll(db, modelSql(d.model));
const text = modelSql(d.model)[0].text;
const norm = /CASE WHEN starts_with\(CAST\("(\w+)" AS VARCHAR\), ' '\) OR ends_with\(CAST\("\w+" AS VARCHAR\), ' '\) THEN NULLIF\(trim\(CAST\("\w+" AS VARCHAR\)\), ''\) ELSE NULLIF\(CAST\("\w+" AS VARCHAR\), ''\) END/g;
const simple = text.replace('"activity"', '"activity2"').replace(norm, (_m, c) => `"${c}"`);
db.query(simple);
const time = (label: string, q: string) => { const ts: number[] = []; for (let i = 0; i < 3; i++) { const t = performance.now(); db.query(q); ts.push(performance.now() - t); } ts.sort((a,b)=>a-b); console.log(label, Math.round(ts[1]), 'ms'); };
let t = performance.now();
const checkCols = ['customer_id', 'order_id', 'channel', 'product', 'category'];
console.log(db.query(`SELECT ${checkCols.map((c) => `bool_or(${c} = '' OR starts_with(${c}, ' ') OR ends_with(${c}, ' ')) AS ${c}`).join(', ')} FROM order_lines`));
console.log('check', Math.round(performance.now() - t), 'ms');
for (const v of ['activity', 'activity2']) {
  time(`${v} scan`, `SELECT count(*), sum(amount), count(DISTINCT channel) FROM ${v}`);
  time(`${v} purchases by customer`, `SELECT customer_id, count(*) FROM ${v} WHERE event = 'purchase' GROUP BY 1`);
  time(`${v} orders per customer`, `SELECT customer_id, count(DISTINCT order_id) FROM ${v} GROUP BY 1`);
}
