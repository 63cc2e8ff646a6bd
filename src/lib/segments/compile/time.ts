/**
 * Dates and windows, always relative to the as-of date, never today.
 * "In the last N days" is the N calendar days ending on (and including) the as-of date;
 * activity after the end of the as-of day never counts.
 */
import { sql, type Sql } from '../../sql';
import type { ActivityWindow, DateRef, DateTest } from '../ast';
import { dateLiteral, type CompileContext } from './context';

export function dateRefSql(ref: DateRef, ctx: CompileContext): Sql {
  if ('iso' in ref) return dateLiteral(ctx.dialect, ref.iso);
  return ref.daysAgo === 0 ? ctx.asOf : sql`(${ctx.asOf} - ${ref.daysAgo})`;
}

/** A date test on a DATE expression. */
export function dateTestSql(day: Sql, test: DateTest, ctx: CompileContext): Sql {
  switch (test.op) {
    case 'before':
      return sql`${day} < ${dateRefSql(test.date, ctx)}`;
    case 'after':
      return sql`${day} > ${dateRefSql(test.date, ctx)}`;
    case 'on':
      return sql`${day} = ${dateRefSql(test.date, ctx)}`;
    case 'between':
      return sql`${day} BETWEEN ${dateRefSql(test.from, ctx)} AND ${dateRefSql(test.to, ctx)}`;
    case 'in_last':
      return sql`(${day} > (${ctx.asOf} - ${test.days}) AND ${day} <= ${ctx.asOf})`;
  }
}

/** Start of a calendar day, as a TIMESTAMP to compare occurred_at with. */
function dayStart(day: Sql): Sql {
  return sql`CAST(${day} AS TIMESTAMP)`;
}

/** The end of the as-of day: activity at or after it is in the future of the data. */
export function cutoffSql(ctx: CompileContext): Sql {
  return dayStart(sql`${ctx.asOf} + 1`);
}

/** Conditions on a timestamp column that keep it inside the window and before the cutoff. */
export function windowSql(at: Sql, window: ActivityWindow, ctx: CompileContext): Sql[] {
  const out = [sql`${at} < ${cutoffSql(ctx)}`];
  if (window.kind === 'last') out.push(sql`${at} >= ${dayStart(sql`${ctx.asOf} - ${window.days - 1}`)}`);
  if (window.kind === 'dates') {
    if (window.from) out.push(sql`${at} >= ${dayStart(dateRefSql(window.from, ctx))}`);
    if (window.to) out.push(sql`${at} < ${dayStart(sql`${dateRefSql(window.to, ctx)} + 1`)}`);
  }
  return out;
}
