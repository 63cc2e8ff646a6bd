/**
 * What differs between the SQL dialects a segment compiles to. Everything else in the
 * compiler is SQL both DuckDB and PostgreSQL read the same way (CAST, coalesce, strpos,
 * count(*) FILTER, date - integer, INTERVAL '1 day').
 */
import { join, literal, raw, sql, type Sql } from '../../sql';

export type DialectName = 'duckdb' | 'postgres';

export interface Dialect {
  readonly name: DialectName;
  /** A text value. */
  text(value: string): Sql;
  listHas(list: Sql, value: string): Sql;
  listHasAny(list: Sql, values: readonly string[]): Sql;
  listHasAll(list: Sql, values: readonly string[]): Sql;
  /** True when the list is NULL or has no elements. */
  listIsEmpty(list: Sql): Sql;
}

const duckdb: Dialect = {
  name: 'duckdb',
  text: (value) => literal(value),
  listHas: (list, value) => sql`list_contains(${list}, ${literal(value)})`,
  listHasAny: (list, values) => sql`list_has_any(${list}, [${join(values.map((v) => literal(v)))}])`,
  listHasAll: (list, values) => sql`list_has_all(${list}, [${join(values.map((v) => literal(v)))}])`,
  listIsEmpty: (list) => sql`(${list} IS NULL OR len(${list}) = 0)`,
};

/**
 * PostgreSQL reads backslashes in '…' as escapes when standard_conforming_strings is off (old
 * servers, some poolers): text holding one is written as E'…' with backslashes doubled, which
 * means the same under either setting.
 */
function pgText(value: string): Sql {
  return value.includes('\\') ? sql`${raw('E')}${literal(value.replace(/\\/g, '\\\\'))}` : literal(value);
}

function pgArray(values: readonly string[]): Sql {
  return sql`${raw('ARRAY[')}${join(values.map(pgText))}]::text[]`;
}

const postgres: Dialect = {
  name: 'postgres',
  text: pgText,
  listHas: (list, value) => sql`${pgText(value)} = ANY(${list})`,
  listHasAny: (list, values) => sql`${list} && ${pgArray(values)}`,
  listHasAll: (list, values) => sql`${list} @> ${pgArray(values)}`,
  listIsEmpty: (list) => sql`(${list} IS NULL OR cardinality(${list}) = 0)`,
};

export function dialectFor(name: DialectName = 'duckdb'): Dialect {
  return name === 'postgres' ? postgres : duckdb;
}

export function isDialectName(v: unknown): v is DialectName {
  return v === 'duckdb' || v === 'postgres';
}
