/**
 * The canonical relations (activity, as_of_date, customer_features) created directly in a
 * test database, so analytics tests do not depend on the data-model compiler; order_days,
 * a plain GROUP BY of activity, comes from the model's own statement.
 */
import { join, raw, sql, type Sql } from '../../../src/lib/sql';
import { createOrderDaysSql } from '../../../src/lib/model/orderDaysSql';
import type { Row, TestDb } from '../helpers/duckdb';

/** [customer_id, occurred_at 'YYYY-MM-DD HH:MM', amount, order_id, channel, event] */
export type ActivityRow = readonly [string, string, number | null, string | null, string | null, string];

const ACTIVITY_DDL = `CREATE OR REPLACE TABLE activity (customer_id VARCHAR, occurred_at TIMESTAMP, amount DOUBLE,
  order_id VARCHAR, channel VARCHAR, event VARCHAR, product VARCHAR, category VARCHAR)`;

/** Statements creating activity, as_of_date and customer_features (one row per customer). */
export function canonicalTablesSql(rows: readonly ActivityRow[], asOf: string): Sql[] {
  const values = rows.map(([c, at, amount, order, channel, event]) => sql`(${c}, CAST(${at} AS TIMESTAMP), ${amount}, ${order}, ${channel}, ${event}, NULL, NULL)`);
  return [
    raw(ACTIVITY_DDL),
    ...(values.length > 0 ? [sql`INSERT INTO activity VALUES ${join(values)}`] : []),
    sql`CREATE OR REPLACE TABLE as_of_date AS SELECT CAST(${asOf} AS DATE) AS as_of`,
    createOrderDaysSql(),
    FEATURES_SQL,
  ];
}

/**
 * customer_features with the columns analyses read, by the data model's rules (src/lib/model/
 * featuresSql.ts): orders, net revenue and first/last order up to the end of the as-of day.
 * One row per customer in activity, so segment filters may name any of them.
 */
const FEATURES_SQL = raw(`CREATE OR REPLACE TABLE customer_features AS
SELECT a.customer_id,
  min(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS first_order_at,
  max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS last_order_at,
  count(DISTINCT coalesce(a.order_id, strftime(a.occurred_at, '%Y-%m-%d'))) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS orders,
  coalesce(sum(a.amount) FILTER (WHERE a.occurred_at < w.cutoff AND a.event IN ('purchase', 'return')), 0) AS revenue,
  count(*) FILTER (WHERE a.occurred_at < w.cutoff) AS events
FROM activity a CROSS JOIN (SELECT as_of + INTERVAL 1 DAY AS cutoff FROM as_of_date) w
GROUP BY a.customer_id`);

export function loadCanonical(db: TestDb, rows: readonly ActivityRow[], asOf: string): void {
  for (const s of canonicalTablesSql(rows, asOf)) db.query(s);
}

/** A new as-of date, with customer_features rebuilt as the data model does. */
export function setAsOf(db: TestDb, asOf: string): void {
  db.query(sql`CREATE OR REPLACE TABLE as_of_date AS SELECT CAST(${asOf} AS DATE) AS as_of`);
  db.query(createOrderDaysSql());
  db.query(FEATURES_SQL);
}

/** 'YYYY-MM-DD' of a DATE the engine returned (epoch milliseconds). */
export function isoDay(v: unknown): string {
  return new Date(Number(v)).toISOString().slice(0, 10);
}

/** Numbers compared to 1e-9 in toEqual-style assertions: rounds every float in the rows. */
export function rounded(rows: readonly Row[], digits = 9): Row[] {
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(digits)) : v])),
  );
}
