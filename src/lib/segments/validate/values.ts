/**
 * Checks single values: text, numbers, day counts, dates. Each returns the value, or
 * undefined after recording why it is not acceptable. `what` names the value in the
 * message ("The value", "The count"…).
 */
import { isIsoDate } from '../../model/asOf';
import type { DateRef } from '../ast';
import { LIMITS } from '../limits';
import type { Issues } from './issues';
import { child, has, isObject, item, own, show } from './json';

export function readText(v: unknown, path: string, issues: Issues, what: string, allowEmpty = true): string | undefined {
  if (typeof v !== 'string') {
    issues.add(path, 'bad-value', `${what} must be text, not ${show(v)}.`);
    return undefined;
  }
  if (v.length > LIMITS.textLength) {
    issues.add(path, 'too-large', `${what} is longer than ${LIMITS.textLength} characters.`);
    return undefined;
  }
  // SQL text cannot hold NUL; it is never typed on purpose.
  if (v.includes('\u0000')) {
    issues.add(path, 'bad-value', `${what} contains a NUL character.`);
    return undefined;
  }
  if (!allowEmpty && v.length === 0) {
    issues.add(path, 'bad-value', `${what} is empty: type the text to look for.`);
    return undefined;
  }
  return v;
}

export function readTextList(v: unknown, path: string, issues: Issues, what: string): string[] | undefined {
  if (!Array.isArray(v)) {
    issues.add(path, 'bad-value', `${what} must be a list of texts, not ${show(v)}.`);
    return undefined;
  }
  if (v.length === 0) {
    issues.add(path, 'bad-value', `${what} is an empty list: add at least one value.`);
    return undefined;
  }
  if (v.length > LIMITS.listValues) {
    issues.add(path, 'too-large', `${what} has ${v.length} values; at most ${LIMITS.listValues} are allowed.`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  v.forEach((x, i) => {
    const s = readText(x, item(path, i), issues, 'Each value in the list');
    if (s === undefined) ok = false;
    else out.push(s);
  });
  return ok ? out : undefined;
}

export interface NumberBounds {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function readNumber(v: unknown, path: string, issues: Issues, what: string, bounds: NumberBounds = {}): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.add(path, 'bad-value', `${what} must be a number, not ${show(v)}.`);
    return undefined;
  }
  if (bounds.integer && !Number.isInteger(v)) {
    issues.add(path, 'bad-value', `${what} must be a whole number, not ${v}.`);
    return undefined;
  }
  if ((bounds.min !== undefined && v < bounds.min) || (bounds.max !== undefined && v > bounds.max)) {
    issues.add(path, 'bad-value', `${what} must be between ${bounds.min ?? '-∞'} and ${bounds.max ?? '∞'}, not ${v}.`);
    return undefined;
  }
  // -0 prints as 0 anyway; keep it plain.
  return v === 0 ? 0 : v;
}

/** `[low, high]`, inclusive, low ≤ high. */
export function readRange(v: unknown, path: string, issues: Issues, what: string, bounds: NumberBounds = {}): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) {
    issues.add(path, 'bad-value', `${what} must be two numbers [low, high], not ${show(v)}.`);
    return undefined;
  }
  const low = readNumber(v[0], item(path, 0), issues, 'The low end', bounds);
  const high = readNumber(v[1], item(path, 1), issues, 'The high end', bounds);
  if (low === undefined || high === undefined) return undefined;
  if (low > high) {
    issues.add(path, 'bad-value', `The low end (${low}) is larger than the high end (${high}).`);
    return undefined;
  }
  return [low, high];
}

export function readDays(v: unknown, path: string, issues: Issues, what: string): number | undefined {
  return readNumber(v, path, issues, what, { integer: true, min: 1, max: LIMITS.days });
}

/** `{ "days": N }`: the last N days up to and including the as-of date. */
export function readLastDays(v: unknown, path: string, issues: Issues): number | undefined {
  if (!isObject(v) || !has(v, 'days') || Object.keys(v).length !== 1) {
    issues.add(path, 'bad-value', `"In the last N days" needs { "days": N }, not ${show(v)}.`);
    return undefined;
  }
  return readDays(own(v, 'days'), child(path, 'days'), issues, 'The number of days');
}

const YEAR_MIN = 1000;

/** 'YYYY-MM-DD', a real date, from year 1000 (PostgreSQL has no year 0; older dates are typos). */
export function isCalendarDate(v: unknown): v is string {
  return typeof v === 'string' && isIsoDate(v) && Number(v.slice(0, 4)) >= YEAR_MIN;
}

/** 'YYYY-MM-DD' or `{ "daysAgo": N }` (N days before the as-of date; 0 is the as-of date). */
export function readDateRef(v: unknown, path: string, issues: Issues, what: string): DateRef | undefined {
  if (typeof v === 'string') {
    if (!isCalendarDate(v)) {
      issues.add(path, 'bad-value', `${what} must be a date written YYYY-MM-DD (year ${YEAR_MIN} or later), not ${show(v)}.`);
      return undefined;
    }
    return { iso: v };
  }
  if (isObject(v) && has(v, 'daysAgo') && Object.keys(v).length === 1) {
    const n = readNumber(own(v, 'daysAgo'), child(path, 'daysAgo'), issues, 'The number of days ago', { integer: true, min: 0, max: LIMITS.days });
    return n === undefined ? undefined : { daysAgo: n };
  }
  issues.add(path, 'bad-value', `${what} must be a date (YYYY-MM-DD) or { "daysAgo": N }, not ${show(v)}.`);
  return undefined;
}

/** Two dates, the first not after the second when that can be told without the data. */
export function readDateRange(v: unknown, path: string, issues: Issues): [DateRef, DateRef] | undefined {
  if (!Array.isArray(v) || v.length !== 2) {
    issues.add(path, 'bad-value', `"Between" needs two dates [from, to], not ${show(v)}.`);
    return undefined;
  }
  const from = readDateRef(v[0], item(path, 0), issues, 'The first date');
  const to = readDateRef(v[1], item(path, 1), issues, 'The second date');
  if (!from || !to) return undefined;
  if (isAfter(from, to)) {
    issues.add(path, 'bad-value', 'The first date is after the second: swap them.');
    return undefined;
  }
  return [from, to];
}

/** True when `a` is surely later than `b` (both absolute, or both relative). */
export function isAfter(a: DateRef, b: DateRef): boolean {
  if ('iso' in a && 'iso' in b) return a.iso > b.iso;
  if ('daysAgo' in a && 'daysAgo' in b) return a.daysAgo < b.daysAgo;
  return false;
}

export function readBoolean(v: unknown, path: string, issues: Issues, what: string): boolean | undefined {
  if (typeof v !== 'boolean') {
    issues.add(path, 'bad-value', `${what} must be true or false, not ${show(v)}.`);
    return undefined;
  }
  return v;
}
