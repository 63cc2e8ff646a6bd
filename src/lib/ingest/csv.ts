/**
 * The SQL that loads a delimited text file in place: CREATE TABLE … AS SELECT * FROM read_csv(…)
 * with the options the sniffer is sure of; the engine's own sniffer decides the rest
 * (column types, date formats).
 */
import { ident, literal, join, listLiteral, raw, sql, type Sql } from '../sql';
import type { CsvDialect } from './dialect';

/** One `name=value` option of read_csv. Names are our constants, values go through literal(). */
function option(name: string, value: Sql): Sql {
  return sql`${raw(name)}=${value}`;
}

/** Options shared by every read_csv we issue. */
export function commonReadOptions(d: Pick<CsvDialect, 'encoding' | 'maxLineSize' | 'compression'>): Sql[] {
  const out: Sql[] = [];
  if (d.encoding !== 'utf-8') out.push(option('encoding', literal(d.encoding)));
  out.push(option('max_line_size', literal(d.maxLineSize)));
  // DuckDB's default buffer is 16 × max_line_size: far too much memory in a browser tab.
  out.push(option('buffer_size', literal(d.maxLineSize)));
  out.push(option('compression', literal(d.compression === 'gzip' ? 'gzip' : 'none')));
  return out;
}

export function csvReadOptions(d: CsvDialect): Sql[] {
  const out: Sql[] = [option('delim', literal(d.delimiter))];
  // The escape character is left to the engine's sniffer ("" or \" both occur).
  if (d.quote) out.push(option('quote', literal(d.quote)));
  if (d.header !== null) out.push(option('header', literal(d.header)));
  if (d.skipRows > 0) out.push(option('skip', literal(d.skipRows)));
  if (d.columnNames) out.push(option('names', listLiteral(d.columnNames)));
  if (d.decimalSeparator === ',') out.push(option('decimal_separator', literal(',')));
  if (d.thousands) out.push(option('thousands', literal(d.thousands)));
  if (d.ragged) {
    out.push(option('null_padding', literal(true)));
    out.push(option('strict_mode', literal(false)));
  }
  if (d.fullTypeScan) out.push(option('sample_size', literal(-1)));
  out.push(...commonReadOptions(d));
  return out;
}

/** `read_csv('<registered name>', …options)` */
export function readCsvCall(registeredName: string, options: readonly Sql[]): Sql {
  return sql`read_csv(${literal(registeredName)}, ${join(options)})`;
}

/** CREATE TABLE <table> AS SELECT * FROM read_csv(<registeredName>, …). */
export function csvLoadSql(table: string, registeredName: string, dialect: CsvDialect): Sql {
  return sql`CREATE TABLE ${ident(table)} AS SELECT * FROM ${readCsvCall(registeredName, csvReadOptions(dialect))}`;
}

/** The dialect to retry with after the engine met rows of the wrong width. */
export function raggedDialect(d: CsvDialect): CsvDialect {
  return { ...d, ragged: true, columnNames: null };
}

/** The dialect to retry with after a value did not fit the type guessed from the first rows. */
export function fullScanDialect(d: CsvDialect): CsvDialect {
  return { ...d, fullTypeScan: true };
}
