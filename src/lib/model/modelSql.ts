/**
 * The statements that (re)create the canonical relations from a data model, in the order
 * they must run:
 *   1. activity            VIEW  — cheap: a UNION ALL over the mapped tables, read by compilers
 *   2. customers           VIEW  — one GROUP BY over activity; read rarely (attribute pickers)
 *   3. as_of_date          TABLE — one row: the chosen as-of date, or the latest activity date
 *   4. order_days          TABLE — orders and returns per customer and day: what order counts read
 *   5. customer_features   TABLE — computed once here, read on every segment edit
 * Run them again whenever the mapping or the as-of date changes.
 */
import { ident, sql, type Sql } from '../sql';
import type { DataModel } from './datamodel';
import { createActivitySql } from './activitySql';
import { createCustomersSql } from './customersSql';
import { createAsOfSql } from './asOf';
import { createCustomerFeaturesSql } from './featuresSql';
import { createOrderDaysSql } from './orderDaysSql';
import { ModelError } from './errors';
import { hasErrors, validateModel } from './validate';
import { ACTIVITY, AS_OF_DATE, CUSTOMER_FEATURES, ORDER_DAYS, CUSTOMERS } from './relations';

/** Throws a ModelError naming the first problem when the model cannot be built. */
export function modelSql(model: DataModel): Sql[] {
  const issues = validateModel(model);
  if (hasErrors(issues)) {
    const first = issues.find((i) => i.severity === 'error');
    throw new ModelError(first?.message ?? 'The data model is incomplete.', 'Finish mapping the columns, then build the model again.');
  }
  return [createActivitySql(model), createCustomersSql(model), createAsOfSql(model), createOrderDaysSql(), createCustomerFeaturesSql(model)];
}

/** Removes the canonical relations (when the dataset is cleared), dependants first. */
export function dropModelSql(): Sql[] {
  return [
    sql`DROP TABLE IF EXISTS ${ident(CUSTOMER_FEATURES)}`,
    sql`DROP TABLE IF EXISTS ${ident(ORDER_DAYS)}`,
    sql`DROP TABLE IF EXISTS ${ident(AS_OF_DATE)}`,
    sql`DROP VIEW IF EXISTS ${ident(CUSTOMERS)}`,
    sql`DROP VIEW IF EXISTS ${ident(ACTIVITY)}`,
  ];
}
