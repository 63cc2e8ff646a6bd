/**
 * The activity view: every activity table's rows in one shape,
 * activity(customer_id, occurred_at, amount, order_id, channel, event, product, category, source),
 * where source is the loaded table the row comes from (the system that exported it).
 * Rows without a customer id or a readable time are left out (profiling counts them).
 */
import { ident, join, raw, sql, type Sql } from '../sql';
import { activityTables, columnForRole, DEFAULT_EVENT, type ColumnMapping, type DataModel, type TableMapping } from './datamodel';
import { amountSql, eventNameSql, eventSql, keySql, textSql, timestampSql } from './expressions';
import type { Role } from './roles';
import { ACTIVITY } from './relations';
import { customerKeySql, NO_CUSTOMER, tableFromSql } from './identitySql';

/**
 * One table's rows with canonical columns; `event_name` is the lower-cased name, not yet folded.
 * The customer is the stitched person when the table is a source of identity stitching.
 */
function tableRowsSql(model: DataModel, table: TableMapping): Sql {
  /** The role's value, or a NULL of the view's type when the table has no such column. */
  const col = (role: Role, read: (m: ColumnMapping) => Sql, type: 'VARCHAR' | 'TIMESTAMP'): Sql => {
    const m = columnForRole(table, role);
    return m ? read(m) : sql`CAST(NULL AS ${raw(type)})`;
  };
  const eventColumn = columnForRole(table, 'event');
  const eventName = eventColumn ? eventNameSql(ident(eventColumn.column)) : sql`${(table.defaultEvent ?? DEFAULT_EVENT).trim().toLowerCase()}`;
  return sql`SELECT
  ${customerKeySql(model, table) ?? NO_CUSTOMER} AS customer_id,
  ${col('occurred_at', timestampSql, 'TIMESTAMP')} AS occurred_at,
  CAST(${amountSql(table)} AS DOUBLE) AS amount,
  ${col('order_id', keySql, 'VARCHAR')} AS order_id,
  ${col('channel', textSql, 'VARCHAR')} AS channel,
  ${eventName} AS event_name,
  ${col('product', textSql, 'VARCHAR')} AS product,
  ${col('category', textSql, 'VARCHAR')} AS category,
  ${table.table} AS source
FROM ${tableFromSql(model, table)}`;
}

function tableActivitySql(model: DataModel, table: TableMapping): Sql {
  const event = eventSql(ident('event_name'), ident('amount'));
  return sql`SELECT customer_id, CAST(occurred_at AS TIMESTAMP) AS occurred_at, amount, order_id, channel, ${event} AS event, product, category, source
FROM (${tableRowsSql(model, table)})
WHERE customer_id IS NOT NULL AND occurred_at IS NOT NULL`;
}

const EMPTY_ACTIVITY = raw(
  'SELECT NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS occurred_at, NULL::DOUBLE AS amount, NULL::VARCHAR AS order_id, ' +
    'NULL::VARCHAR AS channel, NULL::VARCHAR AS event, NULL::VARCHAR AS product, NULL::VARCHAR AS category, NULL::VARCHAR AS source WHERE false',
);

/**
 * The body of the activity view, usable as a subquery before the view exists. Returns are
 * always negative, whichever sign the export gave them.
 */
export function activityBodySql(model: DataModel): Sql {
  const tables = activityTables(model);
  const union = tables.length > 0 ? join(tables.map((t) => tableActivitySql(model, t)), ' UNION ALL ') : EMPTY_ACTIVITY;
  return sql`SELECT customer_id, occurred_at,
  CASE WHEN event = 'return' THEN -abs(amount) ELSE amount END AS amount,
  order_id, channel, event, product, category, source
FROM (${union})`;
}

export function createActivitySql(model: DataModel): Sql {
  return sql`CREATE OR REPLACE VIEW ${ident(ACTIVITY)} AS ${activityBodySql(model)}`;
}
