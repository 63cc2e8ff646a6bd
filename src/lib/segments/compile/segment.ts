/**
 * compileSegment: a segment document → one SELECT returning the `customer_id` of its
 * members, reading only the canonical relations (customer_features, activity, as_of_date).
 */
import { ident, sql, type Sql } from '../../sql';
import { CUSTOMER_FEATURES } from '../../model/relations';
import type { ValidSegment } from '../ast';
import { SegmentError } from '../errors';
import type { SegmentField } from '../fields';
import { validateSegment, type ValidateOptions } from '../validate/segment';
import { isCalendarDate } from '../validate/values';
import { asOfSql, type CompileContext } from './context';
import { dialectFor, isDialectName, type DialectName } from './dialect';
import { nodeSql } from './predicate';

export interface CompileOptions extends ValidateOptions {
  /** The fields of the loaded data, e.g. customerFeatureFields(model). */
  fields: readonly SegmentField[];
  /** Default 'duckdb'. 'postgres' gives SQL to run on a warehouse holding the same relations. */
  dialect?: DialectName;
  /**
   * 'YYYY-MM-DD' to write the data's as-of date into the SQL instead of reading the
   * as_of_date table (for a warehouse that has none). A date pinned in the segment wins.
   */
  asOf?: string;
  /**
   * The live builder's cache: given the subquery of an activity or sequence rule (the
   * customers it selects), the name of a table already holding its result, if any. Such a
   * rule then reads that table instead of scanning activity again. See `ruleSubqueries`.
   */
  ruleRelation?: (key: string, subquery: Sql) => string | undefined;
}

export interface CompiledSegment {
  /** SELECT c.customer_id FROM customer_features AS c WHERE … */
  sql: Sql;
  segment: ValidSegment;
  dialect: DialectName;
}

/** Validates and compiles; throws SegmentError with every issue when the document is not valid. */
export function compileSegment(json: unknown, options: CompileOptions): CompiledSegment {
  const result = validateSegment(json, options.fields, options);
  if (!result.ok) throw new SegmentError(result.issues);
  return compileValidSegment(result.segment, options);
}

export function compileValidSegment(segment: ValidSegment, options: Omit<CompileOptions, 'fields'> = {}): CompiledSegment {
  const ctx = compileContext(segment, options);
  const where = nodeSql(segment.root, ctx);
  const text = sql`SELECT c.${ident('customer_id')}\nFROM ${ident(CUSTOMER_FEATURES)} AS c\nWHERE ${where}`;
  return { sql: text, segment, dialect: ctx.dialect.name };
}

/** The dialect and as-of date a segment compiles with; checks the options (they may come from a caller's settings). */
export function compileContext(segment: ValidSegment, options: Omit<CompileOptions, 'fields'>): CompileContext {
  if (options.dialect !== undefined && !isDialectName(options.dialect)) {
    throw new SegmentError([{ path: '', code: 'bad-value', message: `Unknown SQL dialect ${JSON.stringify(String(options.dialect))}; use "duckdb" or "postgres".` }]);
  }
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new SegmentError([{ path: 'asOf', code: 'bad-value', message: 'The as-of date must be a date written YYYY-MM-DD.' }]);
  }
  const dialect = dialectFor(options.dialect);
  const dataAsOf = asOfSql(dialect, options.asOf ?? null);
  return { dialect, dataAsOf, asOf: segment.asOf === null ? dataAsOf : asOfSql(dialect, segment.asOf), ruleRelation: options.ruleRelation };
}

/**
 * The subqueries of the segment's activity and sequence rules (saved segments' included),
 * each once, by their cache key (`ruleKey`): what the builder may keep as tables so an edit
 * elsewhere in the segment does not scan activity again.
 */
export function ruleSubqueries(json: unknown, options: CompileOptions): Map<string, Sql> {
  const found = new Map<string, Sql>();
  compileSegment(json, { ...options, ruleRelation: (key, subquery) => void (found.has(key) || found.set(key, subquery)) });
  return found;
}
