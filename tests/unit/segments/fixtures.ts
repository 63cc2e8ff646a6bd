/**
 * Six customers and their activity, as of 2024-06-30, small enough to compute every segment
 * by hand. The same rows are created in DuckDB and in PostgreSQL.
 *
 * c1 France, ada@example.com, vip, 5 purchases (last on the as-of day at 10:00), clicked an
 *    email on 06-20 and bought 2 days later.
 * c2 Germany, bob@Example.org, 2 store purchases (last 2024-01-01, 181 days before), clicked
 *    on 06-10 and never bought after.
 * c3 Spain, no email, one purchase exactly 90 days before (2024-04-01 00:00), returned next
 *    day; clicked 12 days before buying.
 * c4 no country, empty email, never bought: opened and clicked emails in June.
 * c5 France, 8 purchases totalling 2,500 since 2022-12-31.
 * c6 United Kingdom, o'brien@example.com, bought once 366 days before, and once AFTER the
 *    as-of date (2024-07-02), which must never count.
 */
import { ident, join, literal, raw, sql, type Sql, type SqlValue } from '../../../src/lib/sql';
import type { SegmentField } from '../../../src/lib/segments';

export const AS_OF = '2024-06-30';

type Value = SqlValue | string[] | { date: string } | { ts: string };

interface Column {
  name: string;
  duckdb: string;
  postgres: string;
}

const FEATURE_COLUMNS: Column[] = [
  { name: 'customer_id', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'first_order_at', duckdb: 'TIMESTAMP', postgres: 'timestamp' },
  { name: 'last_order_at', duckdb: 'TIMESTAMP', postgres: 'timestamp' },
  { name: 'orders', duckdb: 'BIGINT', postgres: 'bigint' },
  { name: 'revenue', duckdb: 'DOUBLE', postgres: 'double precision' },
  { name: 'channels', duckdb: 'VARCHAR[]', postgres: 'text[]' },
  { name: 'country', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'email', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'signup_date', duckdb: 'DATE', postgres: 'date' },
  { name: 'vip', duckdb: 'BOOLEAN', postgres: 'boolean' },
  { name: 'p_alive', duckdb: 'DOUBLE', postgres: 'double precision' },
  { name: 'rfm_segment', duckdb: 'VARCHAR', postgres: 'text' },
];

const ts = (s: string): { ts: string } => ({ ts: s });
const date = (s: string): { date: string } => ({ date: s });

// prettier-ignore
const FEATURES: Value[][] = [
  ['c1', ts('2023-01-10 09:00:00'), ts('2024-06-30 10:00:00'), 5, 900, ['store', 'web'], 'France', 'ada@example.com', date('2023-01-05'), true, 0.9, 'Champions'],
  ['c2', ts('2023-06-15 10:00:00'), ts('2024-01-01 15:00:00'), 2, 500, ['store'], 'Germany', 'bob@Example.org', date('2023-03-01'), false, 0.4, 'At risk'],
  ['c3', ts('2024-04-01 00:00:00'), ts('2024-04-01 00:00:00'), 1, 120.5, ['web'], 'Spain', null, null, null, null, 'New'],
  ['c4', null, null, 0, 0, [], null, '', date('2024-06-30'), true, null, null],
  ['c5', ts('2022-12-31 23:59:00'), ts('2024-06-01 00:00:00'), 8, 2500, ['app', 'store', 'web'], 'France', 'eve@example.com', date('2022-12-31'), false, 0.7, 'Champions'],
  ['c6', ts('2023-06-30 18:00:00'), ts('2023-06-30 18:00:00'), 1, 60, null, 'United Kingdom', "o'brien@example.com", date('2024-07-01'), null, 0.1, 'Lost'],
];

const ACTIVITY_COLUMNS: Column[] = [
  { name: 'customer_id', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'occurred_at', duckdb: 'TIMESTAMP', postgres: 'timestamp' },
  { name: 'amount', duckdb: 'DOUBLE', postgres: 'double precision' },
  { name: 'order_id', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'channel', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'event', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'product', duckdb: 'VARCHAR', postgres: 'text' },
  { name: 'category', duckdb: 'VARCHAR', postgres: 'text' },
];

// prettier-ignore
const ACTIVITY: Value[][] = [
  ['c1', ts('2023-01-10 09:00:00'), 100, 'o1', 'web', 'purchase', 'Mug', 'Kitchen'],
  ['c1', ts('2023-12-01 12:00:00'), 200, 'o2', 'store', 'purchase', 'Lamp', 'Home'],
  ['c1', ts('2024-05-01 12:00:00'), 150, 'o3', 'store', 'purchase', 'Mug', 'Kitchen'],
  ['c1', ts('2024-06-20 08:00:00'), null, null, 'email', 'email_click', null, null],
  ['c1', ts('2024-06-22 10:00:00'), 250, 'o4', 'web', 'purchase', 'Chair', 'Home'],
  ['c1', ts('2024-06-30 10:00:00'), 200, 'o5', 'store', 'purchase', 'Lamp', 'Home'],
  ['c2', ts('2023-06-15 10:00:00'), 300, 'o6', 'store', 'purchase', 'Sofa', 'Home'],
  ['c2', ts('2024-01-01 15:00:00'), 200, 'o7', 'store', 'purchase', 'Lamp', 'Home'],
  ['c2', ts('2024-06-10 09:00:00'), null, null, 'email', 'email_click', null, null],
  ['c3', ts('2024-03-20 09:00:00'), null, null, 'email', 'email_click', null, null],
  ['c3', ts('2024-04-01 00:00:00'), 120.5, 'o8', 'web', 'purchase', 'Mug', 'Kitchen'],
  ['c3', ts('2024-04-02 00:00:00'), -20, 'o8', 'web', 'return', 'Mug', 'Kitchen'],
  ['c4', ts('2024-06-25 08:00:00'), null, null, 'email', 'email_open', null, null],
  ['c4', ts('2024-06-26 08:00:00'), null, null, 'email', 'email_click', null, null],
  ['c5', ts('2022-12-31 23:59:00'), 500, 'o9', 'store', 'purchase', 'Sofa', 'Home'],
  ['c5', ts('2023-03-01 12:00:00'), 400, 'o10', 'app', 'purchase', 'Chair', 'Home'],
  ['c5', ts('2023-06-01 12:00:00'), 300, 'o11', 'web', 'purchase', 'Lamp', 'Home'],
  ['c5', ts('2023-09-01 12:00:00'), 300, 'o12', 'app', 'purchase', 'Mug', 'Kitchen'],
  ['c5', ts('2023-12-01 12:00:00'), 250, 'o13', 'store', 'purchase', 'Lamp', 'Home'],
  ['c5', ts('2024-02-01 12:00:00'), 250, 'o14', 'web', 'purchase', 'Chair', 'Home'],
  ['c5', ts('2024-04-01 12:00:00'), 250, 'o15', 'app', 'purchase', 'Lamp', 'Home'],
  ['c5', ts('2024-06-01 00:00:00'), 250, 'o16', 'store', 'purchase', 'Lamp', 'Home'],
  ['c6', ts('2023-06-30 18:00:00'), 60, 'o17', 'store', 'purchase', 'Mug', 'Kitchen'],
  ['c6', ts('2024-07-02 10:00:00'), 999, 'o18', 'web', 'purchase', 'Sofa', 'Home'],
];

/** The fields as the data model would list them (plus one kind segments cannot filter on). */
export const FIELDS: SegmentField[] = [
  { name: 'customer_id', kind: 'text' },
  { name: 'first_order_at', kind: 'timestamp' },
  { name: 'last_order_at', kind: 'timestamp' },
  { name: 'orders', kind: 'integer' },
  { name: 'revenue', kind: 'number' },
  { name: 'channels', kind: 'list' },
  { name: 'country', kind: 'text' },
  { name: 'email', kind: 'text' },
  { name: 'signup_date', kind: 'date' },
  { name: 'vip', kind: 'boolean' },
  { name: 'p_alive', kind: 'number' },
  { name: 'rfm_segment', kind: 'text' },
  { name: 'blob', kind: 'other' },
];

export type Dialect = 'duckdb' | 'postgres';

function valueSql(v: Value, dialect: Dialect): Sql {
  if (Array.isArray(v)) {
    const items = join(v.map((s) => literal(s)));
    if (dialect === 'duckdb') return sql`CAST([${items}] AS VARCHAR[])`;
    return v.length === 0 ? sql`CAST('{}' AS text[])` : sql`CAST(ARRAY[${items}] AS text[])`;
  }
  if (v !== null && typeof v === 'object' && 'ts' in v) return sql`CAST(${v.ts} AS TIMESTAMP)`;
  if (v !== null && typeof v === 'object' && 'date' in v) return sql`CAST(${v.date} AS DATE)`;
  return literal(v);
}

function tableSql(name: string, columns: Column[], rows: Value[][], dialect: Dialect): Sql[] {
  const defs = join(columns.map((c) => sql`${ident(c.name)} ${raw(c[dialect])}`));
  const values = join(rows.map((r) => sql`(${join(r.map((v) => valueSql(v, dialect)))})`), ',\n');
  return [sql`DROP TABLE IF EXISTS ${ident(name)}`, sql`CREATE TABLE ${ident(name)} (${defs})`, sql`INSERT INTO ${ident(name)} VALUES ${values}`];
}

/** Statements that create customer_features, activity and as_of_date. */
export function fixtureSql(dialect: Dialect): Sql[] {
  return [
    ...tableSql('customer_features', FEATURE_COLUMNS, FEATURES, dialect),
    ...tableSql('activity', ACTIVITY_COLUMNS, ACTIVITY, dialect),
    sql`DROP TABLE IF EXISTS ${ident('as_of_date')}`,
    sql`CREATE TABLE ${ident('as_of_date')} AS SELECT CAST(${AS_OF} AS DATE) AS as_of`,
  ];
}
