/**
 * Reads `{ "op": …, "value": … }` against the family of the column it tests, into a checked
 * ColumnTest. The same reader serves customer fields, activity filters and activity measures.
 */
import type { ColumnTest, DateTest, Family, NumberTest, Presence } from '../ast';
import { OPERATORS, valueShape, type ValueShape } from '../operators';
import type { FieldOp } from '../spec';
import type { Issues } from './issues';
import { child, has, own, show, type JsonObject } from './json';
import { readBoolean, readDateRange, readDateRef, readLastDays, readNumber, readRange, readText, readTextList, type NumberBounds } from './values';

export interface TestOptions {
  /** How the tested thing is named in messages: 'revenue (a number field)', 'the count'. */
  subject: string;
  /** Whether is_empty / is_not_empty are allowed (not for counts and sums). */
  presence: boolean;
  bounds?: NumberBounds;
}

const SHAPE_WORDS: Record<ValueShape, string> = {
  none: 'nothing',
  text: 'a text',
  texts: 'a list of texts',
  number: 'a number',
  range: 'two numbers [low, high]',
  date: 'a date (YYYY-MM-DD) or { "daysAgo": N }',
  dates: 'two dates [from, to]',
  days: '{ "days": N }',
  boolean: 'true or false',
};

function oneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}

/** The operator, if it is one `family` takes (presence ops only when allowed). */
export function readOperator(family: Family, obj: JsonObject, path: string, issues: Issues, options: TestOptions): FieldOp | undefined {
  const op = own(obj, 'op');
  const allowed = OPERATORS[family].filter((o) => options.presence || (o !== 'is_empty' && o !== 'is_not_empty'));
  if (typeof op === 'string' && oneOf(op, allowed)) return op;
  issues.add(child(path, 'op'), 'wrong-operator', `${show(op)} is not an operator for ${options.subject}; use one of ${allowed.join(', ')}.`);
  return undefined;
}

export function readColumnTest(family: Family, obj: JsonObject, path: string, issues: Issues, options: TestOptions): ColumnTest | undefined {
  const op = readOperator(family, obj, path, issues, options);
  if (op === undefined) return undefined;
  const valuePath = child(path, 'value');
  const value = own(obj, 'value');
  if (op === 'is_empty' || op === 'is_not_empty') {
    if (has(obj, 'value') && value !== null) issues.add(valuePath, 'bad-value', `"${op}" takes no value.`);
    return presence(family, { op });
  }
  if (!has(obj, 'value')) {
    issues.add(valuePath, 'bad-value', `"${op}" needs a value: ${SHAPE_WORDS[valueShape(family, op)]}.`);
    return undefined;
  }
  switch (family) {
    case 'text':
      return textTest(op, value, valuePath, issues);
    case 'number': {
      const test = readNumberTest(op, value, valuePath, issues, options.bounds);
      return test && { family, test };
    }
    case 'date': {
      const test = readDateTest(op, value, valuePath, issues);
      return test && { family, test };
    }
    case 'boolean': {
      const b = readBoolean(value, valuePath, issues, 'The value');
      return b !== undefined && oneOf(op, ['=', '!='] as const) ? { family, test: { op, value: b } } : undefined;
    }
    case 'list':
      return listTest(op, value, valuePath, issues);
  }
}

function presence(family: Family, test: Presence): ColumnTest {
  switch (family) {
    case 'text':
      return { family, test };
    case 'number':
      return { family, test };
    case 'date':
      return { family, test };
    case 'boolean':
      return { family, test };
    case 'list':
      return { family, test };
  }
}

function textTest(op: FieldOp, value: unknown, path: string, issues: Issues): ColumnTest | undefined {
  if (oneOf(op, ['in', 'not_in'] as const)) {
    const values = readTextList(value, path, issues, 'The value');
    return values && { family: 'text', test: { op, values } };
  }
  if (oneOf(op, ['contains', 'not_contains', 'starts_with'] as const)) {
    const s = readText(value, path, issues, 'The value', false);
    return s === undefined ? undefined : { family: 'text', test: { op, value: s } };
  }
  if (oneOf(op, ['=', '!='] as const)) {
    const s = readText(value, path, issues, 'The value');
    return s === undefined ? undefined : { family: 'text', test: { op, value: s } };
  }
  return undefined;
}

function listTest(op: FieldOp, value: unknown, path: string, issues: Issues): ColumnTest | undefined {
  if (op === 'contains') {
    const s = readText(value, path, issues, 'The value');
    return s === undefined ? undefined : { family: 'list', test: { op, value: s } };
  }
  if (oneOf(op, ['contains_any', 'contains_all'] as const)) {
    const values = readTextList(value, path, issues, 'The value');
    return values && { family: 'list', test: { op, values } };
  }
  return undefined;
}

export function readNumberTest(op: FieldOp, value: unknown, path: string, issues: Issues, bounds: NumberBounds = {}): NumberTest | undefined {
  if (op === 'between') {
    const range = readRange(value, path, issues, 'The value', bounds);
    return range && { op, low: range[0], high: range[1] };
  }
  if (!oneOf(op, ['=', '!=', '<', '<=', '>', '>='] as const)) return undefined;
  const n = readNumber(value, path, issues, 'The value', bounds);
  return n === undefined ? undefined : { op, value: n };
}

export function readDateTest(op: FieldOp, value: unknown, path: string, issues: Issues): DateTest | undefined {
  if (op === 'between') {
    const range = readDateRange(value, path, issues);
    return range && { op, from: range[0], to: range[1] };
  }
  if (op === 'in_last') {
    const days = readLastDays(value, path, issues);
    return days === undefined ? undefined : { op, days };
  }
  if (!oneOf(op, ['before', 'after', 'on'] as const)) return undefined;
  const date = readDateRef(value, path, issues, 'The date');
  return date && { op, date };
}
