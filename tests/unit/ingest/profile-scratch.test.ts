import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { openTestDb } from '../helpers/duckdb';
import { describeTables } from '../model/fixtures';
import { detectRoles, modelSql } from '../../../src/lib/model';
it('scratch', async () => {
  const db = await openTestDb();
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
      FROM range(2000000)`);
  const table = describeTables(db, ['big_orders'])[0];
  const st = modelSql(detectRoles([table]).model);
  for (const x of st.slice(0, 3)) db.query(x);
  const body = st[3].text.replace('CREATE OR REPLACE TABLE "customer_features" AS', '');
  const r = db.query(`EXPLAIN ANALYZE ${body}`);
  writeFileSync('/tmp/plan.txt', String(r[0].explain_value));
  const cpu = (f: () => unknown) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return Math.round((d.user + d.system) / 1000); };
  const W = `FROM activity a CROSS JOIN (SELECT as_of + INTERVAL 1 DAY AS cutoff FROM as_of_date) w GROUP BY a.customer_id`;
  const agg = (label: string, cols: string) => console.log('PART', label.padEnd(28), cpu(() => db.query(`SELECT count(*) FROM (SELECT a.customer_id, ${cols} ${W})`)));
  agg('count only', 'count(*)');
  agg('2 distinct + list', `count(DISTINCT coalesce(a.order_id, strftime(a.occurred_at, '%Y-%m-%d'))) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase'), count(DISTINCT coalesce(a.order_id, strftime(a.occurred_at, '%Y-%m-%d'))) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'return'), list(DISTINCT a.channel) FILTER (WHERE a.occurred_at < w.cutoff)`);
  agg('plain aggs', `min(a.occurred_at), max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase'), sum(a.amount) FILTER (WHERE a.occurred_at < w.cutoff AND a.event IN ('purchase', 'return')), count(*) FILTER (WHERE a.occurred_at < w.cutoff)`);
  console.log('PART activity scan', cpu(() => db.query('SELECT count(customer_id), count(occurred_at), count(event), count(amount), count(order_id), count(channel) FROM activity')));
  console.log('PART full', cpu(() => db.query(body)));
});
