/**
 * A test on one column as a SQL condition. The result may be NULL when the column is; the
 * caller decides what NULL means (a customer rule makes it false, so NOT stays a complement).
 * Text search ignores case; equality and lists do not.
 */
import { join, raw, sql, type Sql } from '../../sql';
import type { BooleanTest, ColumnTest, ListTest, NumberTest, Presence, TextTest } from '../ast';
import type { CompileContext } from './context';
import { dateTestSql } from './time';

export function columnTestSql(column: Sql, check: ColumnTest, ctx: CompileContext): Sql {
  switch (check.family) {
    case 'text':
      return textSql(column, check.test, ctx);
    case 'number':
      return isPresence(check.test) ? nullSql(column, check.test) : numberTestSql(column, check.test);
    case 'date':
      return isPresence(check.test) ? nullSql(column, check.test) : dateTestSql(sql`CAST(${column} AS DATE)`, check.test, ctx);
    case 'boolean':
      return isPresence(check.test) ? nullSql(column, check.test) : booleanSql(column, check.test);
    case 'list':
      return isPresence(check.test) ? listPresenceSql(column, check.test, ctx) : listSql(column, check.test, ctx);
  }
}

function isPresence<T extends { op: string }>(test: T | Presence): test is Presence {
  return test.op === 'is_empty' || test.op === 'is_not_empty';
}

function nullSql(column: Sql, test: Presence): Sql {
  return test.op === 'is_empty' ? sql`${column} IS NULL` : sql`${column} IS NOT NULL`;
}

function textSql(column: Sql, test: TextTest, ctx: CompileContext): Sql {
  const text = (v: string): Sql => ctx.dialect.text(v);
  const found = (v: string): Sql => sql`strpos(lower(${column}), lower(${text(v)}))`;
  switch (test.op) {
    case 'is_empty':
      return sql`(${column} IS NULL OR ${column} = '')`;
    case 'is_not_empty':
      return sql`(${column} IS NOT NULL AND ${column} <> '')`;
    case '=':
      return sql`${column} = ${text(test.value)}`;
    case '!=':
      return sql`${column} <> ${text(test.value)}`;
    case 'contains':
      return sql`${found(test.value)} > 0`;
    case 'not_contains':
      return sql`${found(test.value)} = 0`;
    case 'starts_with':
      // strpos finds the first occurrence, so 1 means the text starts with it.
      return sql`${found(test.value)} = 1`;
    case 'in':
      return sql`${column} IN (${join(test.values.map(text))})`;
    case 'not_in':
      return sql`${column} NOT IN (${join(test.values.map(text))})`;
  }
}

const COMPARISONS = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;

export function numberTestSql(value: Sql, test: NumberTest): Sql {
  if (test.op === 'between') return sql`${value} BETWEEN ${test.low} AND ${test.high}`;
  return sql`${value} ${rawComparison(test.op)} ${test.value}`;
}

/** The comparison keyword, from a fixed table: the document's op only picks an entry. */
function rawComparison(op: keyof typeof COMPARISONS): Sql {
  return raw(COMPARISONS[op]);
}

/** Whether a count or sum of zero passes: customers with no matching activity at all. */
export function numberTestPasses(test: NumberTest, n: number): boolean {
  switch (test.op) {
    case '=':
      return n === test.value;
    case '!=':
      return n !== test.value;
    case '<':
      return n < test.value;
    case '<=':
      return n <= test.value;
    case '>':
      return n > test.value;
    case '>=':
      return n >= test.value;
    case 'between':
      return n >= test.low && n <= test.high;
  }
}

function booleanSql(column: Sql, test: BooleanTest): Sql {
  return test.op === '=' ? sql`${column} = ${test.value}` : sql`${column} <> ${test.value}`;
}

function listPresenceSql(column: Sql, test: Presence, ctx: CompileContext): Sql {
  const empty = ctx.dialect.listIsEmpty(column);
  return test.op === 'is_empty' ? empty : sql`NOT ${empty}`;
}

function listSql(column: Sql, test: ListTest, ctx: CompileContext): Sql {
  switch (test.op) {
    case 'contains':
      return ctx.dialect.listHas(column, test.value);
    case 'contains_any':
      return ctx.dialect.listHasAny(column, test.values);
    case 'contains_all':
      return ctx.dialect.listHasAll(column, test.values);
  }
}
