/** Small CRM fixtures with hand-computed answers, and helpers to describe and sample them. */
import type { TableInfo } from '../../../src/lib/engine/schema';
import { ident, sql, type Sql } from '../../../src/lib/sql';
import { sampleRowsSql, type TableSamples } from '../../../src/lib/model';
import type { Row, TestDb } from '../helpers/duckdb';

/** What the worker does after loading: DESCRIBE and count each table. */
export function describeTables(db: TestDb, names: readonly string[]): TableInfo[] {
  return names.map((name) => ({
    name,
    columns: db.query(sql`DESCRIBE ${ident(name)}`).map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    rowCount: Number(db.query(sql`SELECT count(*) AS n FROM ${ident(name)}`)[0].n),
  }));
}

export function sampleTables(db: TestDb, tables: readonly TableInfo[]): TableSamples {
  return Object.fromEntries(tables.map((t) => [t.name, db.query(sampleRowsSql(t))]));
}

export function runAll(db: TestDb, statements: readonly Sql[]): void {
  for (const s of statements) db.query(s);
}

/** customer_features rows keyed by customer id. */
export function featuresById(db: TestDb): Map<string, Row> {
  return new Map(db.query('SELECT * FROM customer_features').map((r) => [String(r.customer_id), r]));
}

/**
 * The demo dataset's shape: a customer list, order lines (returns as negative quantity,
 * discount as an amount off the line) and an email/web event log.
 */
export function createDemoLike(db: TestDb): void {
  db.query(`CREATE TABLE customer_list (customer_id INTEGER, first_name VARCHAR, last_name VARCHAR, email VARCHAR,
    signup_date DATE, signup_channel VARCHAR, country VARCHAR, loyalty_tier VARCHAR)`);
  db.query(`INSERT INTO customer_list VALUES
    (1, 'Ada', 'Lovelace', 'ada@example.com', '2023-01-05', 'web', 'UK', 'gold'),
    (2, 'Ben', 'Okri', 'ben@example.com', '2023-03-10', 'store', 'NG', 'silver'),
    (3, 'Cy', 'Twombly', 'cy@example.com', '2023-06-01', 'app', 'US', NULL),
    (4, 'Dee', 'Dee', 'dee@example.com', '2024-02-01', 'web', 'US', 'bronze')`);
  db.query(`CREATE TABLE order_lines (order_id VARCHAR, customer_id INTEGER, ordered_at TIMESTAMP, channel VARCHAR,
    product VARCHAR, category VARCHAR, quantity INTEGER, unit_price DECIMAL(10,2), discount DOUBLE)`);
  db.query(`INSERT INTO order_lines VALUES
    ('O1', 1, '2023-02-01 10:00', 'web', 'Mug', 'Kitchen', 2, 10.00, 0),
    ('O1', 1, '2023-02-01 10:00', 'web', 'Tea', 'Food', 1, 5.00, 0),
    ('O2', 1, '2023-03-15 12:00', 'store', 'Pot', 'Kitchen', 1, 40.00, 4.00),
    ('O3', 1, '2023-03-20 09:00', 'store', 'Mug', 'Kitchen', -1, 10.00, 0),
    ('O3', 1, '2023-03-20 09:00', 'store', 'Tea', 'Food', -1, 5.00, 0),
    ('O4', 2, '2023-04-01 08:00', 'app', 'Tea', 'Food', 3, 5.00, 0),
    ('O5', 2, '2023-12-31 23:00', 'web', 'Pot', 'Kitchen', 1, 40.00, 0),
    ('O6', 5, '2023-05-05 15:00', 'web', 'Mug', 'Kitchen', 1, 10.00, 0)`);
  db.query(`CREATE TABLE events (customer_id INTEGER, occurred_at TIMESTAMP, event VARCHAR, channel VARCHAR)`);
  db.query(`INSERT INTO events VALUES
    (1, '2023-01-20 08:00', 'email_open', 'email'),
    (3, '2023-06-10 08:00', 'email_open', 'email'),
    (3, '2023-06-11 08:00', 'email_click', 'email'),
    (2, '2023-05-01 19:00', 'site_visit', 'web')`);
}

export const DEMO_TABLES = ['customer_list', 'order_lines', 'events'];

/** CDNOW's layout: one row per customer-day, amount in dollars, quantity in cds. */
export function createCdnowLike(db: TestDb): void {
  db.query(`CREATE TABLE cdnow (customer_id BIGINT, date DATE, cds BIGINT, dollars DOUBLE)`);
  db.query(`INSERT INTO cdnow VALUES
    (1, '1997-01-01', 2, 29.33), (1, '1997-01-18', 2, 29.73), (1, '1997-01-18', 1, 10.00),
    (2, '1997-01-12', 1, 11.77), (3, '1997-02-02', 5, 77.00)`);
}

/** The Online Retail dataset's layout: cancellations as C-invoices with negative quantities. */
export function createOnlineRetailLike(db: TestDb): void {
  db.query(`CREATE TABLE online_retail ("InvoiceNo" VARCHAR, "StockCode" VARCHAR, "Description" VARCHAR, "Quantity" BIGINT,
    "InvoiceDate" TIMESTAMP, "UnitPrice" DOUBLE, "CustomerID" DOUBLE, "Country" VARCHAR)`);
  db.query(`INSERT INTO online_retail VALUES
    ('536365', '85123A', 'WHITE HANGING HEART', 6, '2010-12-01 08:26', 2.55, 17850, 'United Kingdom'),
    ('536365', '71053', 'WHITE METAL LANTERN', 6, '2010-12-01 08:26', 3.39, 17850, 'United Kingdom'),
    ('C536379', 'D', 'Discount', -1, '2010-12-01 09:41', 27.50, 14527, 'United Kingdom'),
    ('536380', '22961', 'JAM MAKING SET', 24, '2010-12-01 09:41', 0.85, 14527, 'United Kingdom'),
    ('536381', '22139', 'RETROSPOT TEA SET', 1, '2010-12-02 10:00', 4.95, NULL, 'United Kingdom'),
    ('536382', '22139', 'RETROSPOT TEA SET', 2, '2010-12-03 10:00', 4.95, 12583, 'France')`);
}
