/**
 * The as-of date anchors every relative value ("days since last order", "in the last 90
 * days"). By default it is the latest activity date in the data, not today, so a historical
 * export reads as it did on its last day.
 */
import { ident, sql, type Sql } from '../sql';
import type { DataModel } from './datamodel';
import { activityBodySql } from './activitySql';
import { ACTIVITY, AS_OF_DATE } from './relations';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * One row, one column `as_of` (DATE): the latest activity date. Reads the source tables
 * directly, so it works before the model's views exist (to show the default in the UI).
 */
export function defaultAsOfSql(model: DataModel): Sql {
  return sql`SELECT CAST(max(occurred_at) AS DATE) AS as_of FROM (${activityBodySql(model)})`;
}

/** The as_of_date table: the chosen date, or the latest date in the activity view. */
export function createAsOfSql(model: DataModel): Sql {
  const value = model.asOf === null ? sql`(SELECT CAST(max(occurred_at) AS DATE) FROM ${ident(ACTIVITY)})` : sql`CAST(${model.asOf} AS DATE)`;
  return sql`CREATE OR REPLACE TABLE ${ident(AS_OF_DATE)} AS SELECT ${value} AS as_of`;
}
