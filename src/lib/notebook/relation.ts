/**
 * A cell's result as a relation other cells can query. Always a TABLE in the main schema
 * (checked on DuckDB 1.4): CREATE OR REPLACE TABLE fails on an existing VIEW of the same name
 * and DROP TABLE fails on a view, so cells never mix the two; a TEMP table would shadow a
 * main one of the same name; and a table keeps a dependant's input fixed until it is re-run,
 * which is what the stale marks describe.
 */
import './kinds';
import { ident, raw, sql, type Sql } from '../sql';
import type { NotebookCell } from './document';
import { cellKind, hasCellKind, type CellSqlContext } from './registry';
import { singleQuery } from './sqlText';

/** `CREATE OR REPLACE TABLE "<cell name>" AS <select>`; `selectSql` must be one query without a trailing `;`. */
export function cellRelationSql(cell: Pick<NotebookCell, 'name'>, selectSql: Sql): Sql {
  return sql`CREATE OR REPLACE TABLE ${ident(cell.name)} AS\n${selectSql}`;
}

/** Removes a cell's relation (after the cell is deleted or renamed). */
export function dropCellRelationSql(name: string): Sql {
  return sql`DROP TABLE IF EXISTS ${ident(name)}`;
}

/** The rows of a cell's relation, for the results grid. */
export function cellResultSql(name: string): Sql {
  return sql`SELECT * FROM ${ident(name)}`;
}

export interface CellPlan {
  /** What to run. */
  sql: Sql;
  /** The relation it creates, or null when the SQL is not one query (several statements, SET, COPY…): then its own result is shown. */
  relation: string | null;
}

/**
 * How to run a cell: its kind's query wrapped as the cell's relation when it is a single
 * SELECT-like statement, or the text as it is otherwise. Null when there is nothing to run
 * (a note, an empty SQL cell, a kind without SQL). Throws NotebookError for a malformed spec.
 */
export function planCell(cell: NotebookCell, ctx: CellSqlContext): CellPlan | null {
  if (!hasCellKind(cell.kind)) return null;
  const kind = cellKind(cell.kind);
  const query = kind.sql?.(kind.parse(cell.spec), ctx) ?? null;
  if (query === null) return null;
  const single = singleQuery(query.text);
  // singleQuery only trims the text it was given, so it is the same trusted or user SQL as before.
  if (single !== null) return { sql: cellRelationSql(cell, raw(single)), relation: cell.name };
  return { sql: query, relation: null };
}
