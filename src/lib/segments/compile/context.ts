/** What compiling one segment carries along: the dialect and the as-of date it reads windows from. */
import { ident, sql, type Sql } from '../../sql';
import { AS_OF_DATE } from '../../model/relations';
import type { Dialect } from './dialect';

export interface CompileContext {
  dialect: Dialect;
  /** The as-of date as a DATE expression. */
  asOf: Sql;
  /** The data's as-of date (for saved segments that do not pin their own). */
  dataAsOf: Sql;
  /** See CompileOptions.ruleRelation. */
  ruleRelation?: (key: string, subquery: Sql) => string | undefined;
}

/** A pinned date as a DATE expression; without one, the model's as_of_date table. */
export function asOfSql(dialect: Dialect, pinned: string | null): Sql {
  return pinned === null ? sql`(SELECT ${ident('as_of')} FROM ${ident(AS_OF_DATE)})` : dateLiteral(dialect, pinned);
}

/** A checked 'YYYY-MM-DD' as a DATE. */
export function dateLiteral(dialect: Dialect, iso: string): Sql {
  return sql`CAST(${dialect.text(iso)} AS DATE)`;
}

/** The context for a segment inside another: its own pinned date, or the data's. */
export function contextFor(outer: CompileContext, pinned: string | null): CompileContext {
  return { ...outer, asOf: pinned === null ? outer.dataAsOf : dateLiteral(outer.dialect, pinned) };
}
