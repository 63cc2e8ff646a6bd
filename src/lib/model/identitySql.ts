/**
 * People instead of system records: when identity stitching has run (model.identity), an
 * activity or customer table that is a source of the stitch takes its customer_id from the
 * person behind each row (identity_records, docs/identity.md).
 *
 * A row's record is named exactly as stitching named it: the source's record id column (as the
 * model reads ids: trimmed, 17850.0 → 17850), or '#' and the row number when that is blank; a
 * source stitched row by row (no record id column) names each row by its row number. So every
 * row of a source has a person — even a row whose customer id is blank (a guest order with an
 * email), and a table with no customer id column at all (an email platform keyed by address).
 */
import { ident, raw, sql, type Sql } from '../sql';
import { IDENTITY_RECORDS } from '../identity/relations';
import { sourceName, type IdentitySource } from '../identity/spec';
import { columnForRole, type DataModel, type TableMapping } from './datamodel';
import { keySql } from './expressions';

/** The column, added to a source table's rows, that holds the person behind the row. */
export const PERSON_COLUMN = '__arkwright_person_id';
const RECORD_COLUMN = '__arkwright_record_id';

/** The stitched source a mapped table is (table names compare case-insensitively, as DuckDB's do). */
export function identitySourceOf(model: DataModel, table: string): IdentitySource | undefined {
  const t = table.toLowerCase();
  return model.identity?.sources.find((s) => s.table.toLowerCase() === t);
}

/** True when the table's rows get a customer: a customer id column, or the person stitching found. */
export function hasCustomerKey(model: DataModel, table: TableMapping): boolean {
  return columnForRole(table, 'customer_id') !== undefined || identitySourceOf(model, table.table) !== undefined;
}

/**
 * What to read the table's rows from: the table itself, or — for a stitched source — its rows
 * with the person behind each one in PERSON_COLUMN (NULL only if stitching did not see the row).
 * Aliased as the table, so every column reads as before.
 */
export function tableFromSql(model: DataModel, table: TableMapping): Sql {
  const t = ident(table.table);
  const source = identitySourceOf(model, table.table);
  if (!source) return t;
  const rowNumber = sql`CAST(${t}.rowid + 1 AS VARCHAR)`;
  const recordKey =
    source.recordId === null
      ? rowNumber
      : sql`coalesce(${keySql({ column: source.recordId, role: 'customer_id', type: source.recordIdType ?? 'VARCHAR' })}, '#' || ${rowNumber})`;
  // Only the two renamed columns come from identity_records: none of the table's own columns is shadowed.
  const people = sql`SELECT record_id AS ${ident(RECORD_COLUMN)}, person_id AS ${ident(PERSON_COLUMN)} FROM ${ident(IDENTITY_RECORDS)} WHERE source = ${sourceName(source)}`;
  return sql`(SELECT ${t}.*, p.${ident(PERSON_COLUMN)} FROM ${t} LEFT JOIN (${people}) p ON p.${ident(RECORD_COLUMN)} = ${recordKey}) AS ${t}`;
}

/**
 * The customer id of a row of the table (read from tableFromSql): the person for a stitched
 * source (its own customer id when stitching did not see the row), else the customer id column.
 * null when the table has neither (validateModel reports it).
 */
export function customerKeySql(model: DataModel, table: TableMapping): Sql | null {
  const column = columnForRole(table, 'customer_id');
  const own = column ? keySql(column) : null;
  if (!identitySourceOf(model, table.table)) return own;
  const person = ident(PERSON_COLUMN);
  return own ? sql`coalesce(${person}, ${own})` : person;
}

/** A NULL customer id, for a table that has none (never built: validateModel stops it first). */
export const NO_CUSTOMER: Sql = raw('CAST(NULL AS VARCHAR)');
