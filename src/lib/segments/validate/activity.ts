/**
 * Activity rules: "did a purchase in store at least twice in the last 365 days", "spent
 * over 500 in total", "first purchase in the last 30 days". Also the activity filter and
 * window that sequence rules share.
 */
import type { ActivityCondition, ActivityFilter, ActivityMeasure, ActivityRule, ActivityWindow } from '../ast';
import { closestName, familyOf } from '../fields';
import { LIMITS } from '../limits';
import { DEFAULT_EVENT } from '../../model/datamodel';
import { checkId, onlyKeys, type Context } from './context';
import { child, has, isObject, item, own, show } from './json';
import { readColumnTest, readDateTest, readNumberTest, readOperator } from './tests';
import { isAfter, readDateRef, readDays, readText } from './values';

const MEASURES = ['count', 'sum', 'average', 'first', 'last'] as const;

export function readActivityRule(v: Record<string, unknown>, path: string, ctx: Context): ActivityRule | undefined {
  onlyKeys(v, ['activity', ...MEASURES, 'within', 'id'], path, ctx.issues);
  checkId(v, path, ctx.issues);
  const filter = readActivityFilter(own(v, 'activity'), child(path, 'activity'), ctx);
  const measures = MEASURES.filter((m) => has(v, m));
  if (measures.length > 1) {
    ctx.issues.add(path, 'bad-shape', `An activity rule measures one thing; it has ${measures.map((m) => `"${m}"`).join(' and ')}.`);
    return undefined;
  }
  const measure = measures.length === 0 ? didItOnce() : readMeasure(measures[0], own(v, measures[0]), child(path, measures[0]), ctx);
  const timed = measures[0] === 'first' || measures[0] === 'last';
  if (timed && has(v, 'within')) {
    ctx.issues.add(child(path, 'within'), 'bad-shape', `"${measures[0]}" looks at all activity up to the as-of date: put the dates in its own condition instead of "within".`);
    return undefined;
  }
  const window = readWindow(own(v, 'within'), child(path, 'within'), ctx);
  if (!filter || !measure || !window) return undefined;
  return { kind: 'activity', path, filter, measure, window };
}

function didItOnce(): ActivityMeasure {
  return { of: 'count', test: { op: '>=', value: 1 } };
}

function readMeasure(kind: (typeof MEASURES)[number], v: unknown, path: string, ctx: Context): ActivityMeasure | undefined {
  if (!isObject(v)) {
    ctx.issues.add(path, 'bad-shape', `"${kind}" needs { "op": …, "value": … }, not ${show(v)}.`);
    return undefined;
  }
  onlyKeys(v, ['op', 'value'], path, ctx.issues);
  const value = own(v, 'value');
  const valuePath = child(path, 'value');
  if (kind === 'first' || kind === 'last') {
    const op = readOperator('date', v, path, ctx.issues, { subject: `the ${kind} time`, presence: false });
    const test = op && readDateTest(op, value, valuePath, ctx.issues);
    return test && { of: kind, test };
  }
  const subject = kind === 'count' ? 'the number of times' : `the ${kind === 'sum' ? 'total' : 'average'} amount`;
  const op = readOperator('number', v, path, ctx.issues, { subject, presence: false });
  const bounds = kind === 'count' ? { integer: true, min: 0, max: LIMITS.count } : {};
  const test = op && readNumberTest(op, value, valuePath, ctx.issues, bounds);
  return test && { of: kind, test };
}

/** Which activity counts: `{ "event": "purchase", "where": [...] }`. */
export function readActivityFilter(v: unknown, path: string, ctx: Context): ActivityFilter | undefined {
  if (!isObject(v)) {
    ctx.issues.add(path, 'bad-shape', `The activity must be { "event": …, "where": [...] }, not ${show(v)}.`);
    return undefined;
  }
  onlyKeys(v, ['event', 'where'], path, ctx.issues);
  let event: string | null | undefined = DEFAULT_EVENT;
  if (has(v, 'event') && own(v, 'event') !== null) event = readText(own(v, 'event'), child(path, 'event'), ctx.issues, 'The event', false);
  else if (has(v, 'event')) event = null;
  const where = readConditions(own(v, 'where'), child(path, 'where'), ctx);
  if (event === undefined || !where) return undefined;
  return { event, where };
}

function readConditions(v: unknown, path: string, ctx: Context): ActivityCondition[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    ctx.issues.add(path, 'bad-shape', `"where" must be a list of conditions, not ${show(v)}.`);
    return undefined;
  }
  if (v.length > LIMITS.activityFilters) {
    ctx.issues.add(path, 'too-large', `An activity rule takes at most ${LIMITS.activityFilters} conditions.`);
    return undefined;
  }
  const out: ActivityCondition[] = [];
  let ok = true;
  v.forEach((c, i) => {
    const condition = readCondition(c, item(path, i), ctx);
    if (condition) out.push(condition);
    else ok = false;
  });
  return ok ? out : undefined;
}

function readCondition(v: unknown, path: string, ctx: Context): ActivityCondition | undefined {
  if (!isObject(v)) {
    ctx.issues.add(path, 'bad-shape', `A condition must be { "field": …, "op": …, "value": … }, not ${show(v)}.`);
    return undefined;
  }
  onlyKeys(v, ['field', 'op', 'value', 'id'], path, ctx.issues);
  const name = own(v, 'field');
  const field = typeof name === 'string' ? ctx.activityFields.find(name) : undefined;
  const family = field ? familyOf(field.kind) : null;
  if (!field || !family) {
    const guess = typeof name === 'string' ? closestName(name, ctx.activityFields.names()) : undefined;
    const known = ctx.activityFields.names().join(', ');
    ctx.issues.add(child(path, 'field'), 'unknown-field', `Activity has no field ${show(name)}${guess ? ` (did you mean "${guess}"?)` : ''}; it can be filtered on ${known}.`);
    return undefined;
  }
  const check = readColumnTest(family, v, path, ctx.issues, { subject: `${field.name} (a ${family} field)`, presence: true });
  return check && { column: field.name, check };
}

/** `{ "days": N }`, `{ "from": date, "to": date }` or absent (ever, up to the as-of date). */
export function readWindow(v: unknown, path: string, ctx: Context): ActivityWindow | undefined {
  if (v === undefined) return { kind: 'ever' };
  if (!isObject(v)) {
    ctx.issues.add(path, 'bad-shape', `"within" must be { "days": N } or { "from": date, "to": date }, not ${show(v)}.`);
    return undefined;
  }
  if (has(v, 'days')) {
    onlyKeys(v, ['days'], path, ctx.issues);
    const days = readDays(own(v, 'days'), child(path, 'days'), ctx.issues, 'The number of days');
    return days === undefined ? undefined : { kind: 'last', days };
  }
  if (!onlyKeys(v, ['from', 'to'], path, ctx.issues)) return undefined;
  if (!has(v, 'from') && !has(v, 'to')) {
    ctx.issues.add(path, 'bad-shape', '"within" needs "days", or "from" and/or "to".');
    return undefined;
  }
  const from = has(v, 'from') ? readDateRef(own(v, 'from'), child(path, 'from'), ctx.issues, 'The start date') : null;
  const to = has(v, 'to') ? readDateRef(own(v, 'to'), child(path, 'to'), ctx.issues, 'The end date') : null;
  if (from === undefined || to === undefined) return undefined;
  if (from && to && isAfter(from, to)) {
    ctx.issues.add(path, 'bad-value', 'The start date is after the end date: swap them.');
    return undefined;
  }
  return { kind: 'dates', from, to };
}
