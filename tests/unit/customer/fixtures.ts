/**
 * Five customers and their activity, as of 2024-06-30, with the canonical relations
 * (activity, customers, customer_features, as_of_date) created directly, so these tests do
 * not depend on the data-model compiler. customer_features follows the model's rules
 * (src/lib/model/featuresSql.ts): orders and returns count distinct order ids.
 *
 * c1 Ada Lovelace, ada@example.com: 3 orders (o1 has two lines), an email open and a site
 *    visit; the big spender.
 * c2 Bob Stone, bob@example.org: 4 orders, 3 of them returned (chronic returner).
 * c3 Cy Twombly, cy@shop.test: one order on 2023-01-15, 532 days before (lapsed, one-time).
 * c4 Dee Dee, no email: never bought; one email click.
 * o'hara%_1 "Odd" O'Hara, odd_1@example.com: one order; an id full of LIKE and quote characters.
 */
import { raw, sql, type Sql } from '../../../src/lib/sql';
import { createOrderDaysSql } from '../../../src/lib/model/orderDaysSql';
import type { TestDb } from '../helpers/duckdb';

export const AS_OF = '2024-06-30';

type A = [string, string, number | null, string | null, string | null, string, string | null, string | null, string];

// customer, at, amount, order, channel, event, product, category, source
// prettier-ignore
export const ACTIVITY_ROWS: A[] = [
  ['c1', '2024-01-10 09:00', 20, 'o1', 'web', 'purchase', 'Mug', 'Kitchen', 'shop'],
  ['c1', '2024-01-10 09:00', 5, 'o1', 'web', 'purchase', 'Tea', 'Food', 'shop'],
  ['c1', '2024-02-01 08:00', null, null, 'email', 'email_open', null, null, 'mailer'],
  ['c1', '2024-03-15 12:00', 400, 'o2', 'store', 'purchase', 'Sofa', 'Home', 'till'],
  ['c1', '2024-06-20 18:00', null, null, 'web', 'site_visit', null, null, 'shop'],
  ['c1', '2024-06-28 10:00', 600, 'o3', 'store', 'purchase', 'Table', 'Home', 'till'],
  ['c1', '2024-07-05 10:00', 50, 'o9', 'web', 'purchase', 'Lamp', 'Home', 'shop'], // after the as-of date
  ['c2', '2024-02-01 10:00', 50, 'o4', 'web', 'purchase', 'Lamp', 'Home', 'shop'],
  ['c2', '2024-02-03 10:00', -50, 'o4', 'web', 'return', 'Lamp', 'Home', 'shop'],
  ['c2', '2024-03-01 10:00', 30, 'o5', 'web', 'purchase', 'Mug', 'Kitchen', 'shop'],
  ['c2', '2024-03-04 10:00', -30, 'o5', 'web', 'return', 'Mug', 'Kitchen', 'shop'],
  ['c2', '2024-04-01 10:00', 80, 'o6', 'app', 'purchase', 'Chair', 'Home', 'shop'],
  ['c2', '2024-04-02 10:00', -80, 'o6', 'app', 'return', 'Chair', 'Home', 'shop'],
  ['c2', '2024-05-01 10:00', 25, 'o7', 'app', 'purchase', 'Tea', 'Food', 'shop'],
  ['c3', '2023-01-15 11:00', 60, 'o8', 'store', 'purchase', 'Pot', 'Kitchen', 'till'],
  ['c4', '2024-06-01 08:00', null, null, 'email', 'email_click', null, null, 'mailer'],
  ["o'hara%_1", '2024-06-01 12:00', 15, 'o10', null, 'purchase', 'Mug', 'Kitchen', 'shop'],
];

// prettier-ignore
const CUSTOMERS: [string, string, string, string | null, string][] = [
  ['c1', 'Ada', 'Lovelace', 'ada@example.com', 'UK'],
  ['c2', 'Bob', 'Stone', 'bob@example.org', 'US'],
  ['c3', 'Cy', 'Twombly', 'cy@shop.test', 'US'],
  ['c4', 'Dee', 'Dee', null, 'FR'],
  ["o'hara%_1", 'Odd', "O'Hara", 'odd_1@example.com', 'IE'],
];

const FEATURES = raw(`CREATE OR REPLACE TABLE customer_features AS
SELECT c.customer_id, c.first_seen,
  min(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS first_order_at,
  max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS last_order_at,
  count(DISTINCT a.order_id) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS orders,
  coalesce(sum(a.amount) FILTER (WHERE a.occurred_at < w.cutoff AND a.event IN ('purchase', 'return')), 0) AS revenue,
  count(DISTINCT a.order_id) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'return') AS returns,
  date_diff('day', CAST(max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS DATE), any_value(w.as_of)) AS days_since_last_order,
  list_sort(list(DISTINCT a.channel) FILTER (WHERE a.channel IS NOT NULL)) AS channels,
  CAST(NULL AS VARCHAR) AS rfm_segment,
  c.first_name, c.last_name, c.email, c.country
FROM customers c JOIN activity a USING (customer_id) CROSS JOIN (SELECT as_of, as_of + INTERVAL 1 DAY AS cutoff FROM as_of_date) w
GROUP BY ALL`);

export function fixtureSql(): Sql[] {
  const activity = ACTIVITY_ROWS.map(
    ([c, at, amount, order, channel, event, product, category, source]) =>
      sql`(${c}, CAST(${at} AS TIMESTAMP), ${amount}, ${order}, ${channel}, ${event}, ${product}, ${category}, ${source})`,
  );
  const customers = CUSTOMERS.map(([id, first, last, email, country]) => sql`(${id}, ${first}, ${last}, ${email}, ${country})`);
  return [
    raw(`CREATE OR REPLACE TABLE activity (customer_id VARCHAR, occurred_at TIMESTAMP, amount DOUBLE, order_id VARCHAR,
      channel VARCHAR, event VARCHAR, product VARCHAR, category VARCHAR, source VARCHAR)`),
    sql`INSERT INTO activity VALUES ${raw(activity.map((v) => v.text).join(',\n'))}`,
    raw('CREATE OR REPLACE TABLE customers_list (customer_id VARCHAR, first_name VARCHAR, last_name VARCHAR, email VARCHAR, country VARCHAR)'),
    sql`INSERT INTO customers_list VALUES ${raw(customers.map((v) => v.text).join(',\n'))}`,
    raw(`CREATE OR REPLACE VIEW customers AS
      SELECT l.customer_id, (SELECT min(occurred_at) FROM activity a WHERE a.customer_id = l.customer_id) AS first_seen,
        l.first_name, l.last_name, l.email, l.country FROM customers_list l`),
    sql`CREATE OR REPLACE TABLE as_of_date AS SELECT CAST(${AS_OF} AS DATE) AS as_of`,
    createOrderDaysSql(),
    FEATURES,
  ];
}

export function loadFixture(db: TestDb): void {
  for (const s of fixtureSql()) db.query(s);
}
