/**
 * Activity and sequence rules as a condition on the customer row `c`: membership of the set
 * of customers whose matching activity passes the measure. Uncorrelated IN subqueries, so
 * DuckDB and PostgreSQL both run each one once, as a hash semi-join.
 */
import { ident, join, raw, sql, type Sql } from '../../sql';
import { ACTIVITY } from '../../model/relations';
import type { ActivityFilter, ActivityMeasure, ActivityRule, ActivityWindow, SequenceRule } from '../ast';
import { columnTestSql, numberTestPasses, numberTestSql } from './columns';
import type { CompileContext } from './context';
import { dateTestSql, windowSql } from './time';

const CUSTOMER_ID = ident('customer_id');

function col(alias: string, name: string): Sql {
  return sql`${raw(alias)}.${ident(name)}`;
}

/** Conditions that pick the activity rows a rule looks at. */
function rowConditions(alias: string, filter: ActivityFilter, window: ActivityWindow, ctx: CompileContext): Sql[] {
  const out = [sql`${col(alias, 'customer_id')} IS NOT NULL`, ...windowSql(col(alias, 'occurred_at'), window, ctx)];
  if (filter.event !== null) out.push(sql`${col(alias, 'event')} = ${ctx.dialect.text(filter.event)}`);
  for (const w of filter.where) out.push(columnTestSql(col(alias, w.column), w.check, ctx));
  return out;
}

/**
 * A rule's identity for the cache: its SQL with the layout folded (the same rule nested
 * deeper is indented more). Only a key: string literals keep their own spaces when run.
 */
export function ruleKey(subquery: Sql): string {
  return subquery.text.replace(/\s+/g, ' ').trim();
}

function customerIn(subquery: Sql, negate: boolean, indent: string, ctx: CompileContext): Sql {
  // The same rule anywhere in the tree is the same query: compare it without its layout.
  const cached = ctx.ruleRelation?.(ruleKey(subquery), subquery);
  const source = cached === undefined ? subquery : sql`SELECT ${CUSTOMER_ID} FROM ${ident(cached)}`;
  return sql`c.${CUSTOMER_ID} ${raw(negate ? 'NOT IN' : 'IN')} (\n${raw(indent)}  ${source})`;
}

function matching(alias: string, conditions: Sql[], indent: string): Sql {
  return sql`SELECT ${col(alias, 'customer_id')} FROM ${ident(ACTIVITY)} AS ${raw(alias)}\n${raw(indent)}  WHERE ${join(conditions, `\n${indent}    AND `)}`;
}

export function activityRuleSql(rule: ActivityRule, ctx: CompileContext, indent: string): Sql {
  const rows = matching('a', rowConditions('a', rule.filter, rule.window, ctx), indent);
  const { measure } = rule;
  // "Did it at least once" needs no grouping.
  if (measure.of === 'count' && measure.test.op === '>=' && measure.test.value === 1) return customerIn(rows, false, indent, ctx);
  const passes = measureSql(measure, ctx);
  // Customers with no matching activity never appear in the subquery: when a count or sum of
  // zero passes ("at most 2 times"), select them by leaving out those who fail instead.
  const zeroPasses = (measure.of === 'count' || measure.of === 'sum') && numberTestPasses(measure.test, 0);
  const having = zeroPasses ? sql`NOT coalesce(${passes}, FALSE)` : passes;
  const grouped = sql`${rows}\n${raw(indent)}  GROUP BY ${col('a', 'customer_id')} HAVING ${having}`;
  return customerIn(grouped, zeroPasses, indent, ctx);
}

function measureSql(measure: ActivityMeasure, ctx: CompileContext): Sql {
  const amount = col('a', 'amount');
  const at = col('a', 'occurred_at');
  switch (measure.of) {
    case 'count':
      return numberTestSql(sql`count(*)`, measure.test);
    case 'sum':
      return numberTestSql(sql`coalesce(sum(${amount}), 0)`, measure.test);
    case 'average':
      return numberTestSql(sql`avg(${amount})`, measure.test);
    case 'first':
      return dateTestSql(sql`CAST(min(${at}) AS DATE)`, measure.test, ctx);
    case 'last':
      return dateTestSql(sql`CAST(max(${at}) AS DATE)`, measure.test, ctx);
  }
}

/**
 * Did A, then B strictly later (within N days of A when given); or did A and no B followed
 * within N days. The window picks the A rows; B may fall anywhere up to the as-of date.
 */
export function sequenceRuleSql(rule: SequenceRule, ctx: CompileContext, indent: string): Sql {
  const next = rowConditions('y', rule.next, { kind: 'ever' }, ctx);
  next.push(sql`${col('y', 'customer_id')} = ${col('x', 'customer_id')}`);
  next.push(sql`${col('y', 'occurred_at')} > ${col('x', 'occurred_at')}`);
  if (rule.withinDays !== null) next.push(sql`${col('y', 'occurred_at')} <= ${col('x', 'occurred_at')} + ${rule.withinDays} * INTERVAL '1 day'`);
  const followed = sql`${raw(rule.did ? 'EXISTS' : 'NOT EXISTS')} (SELECT 1 FROM ${ident(ACTIVITY)} AS y WHERE ${join(next, ' AND ')})`;
  const first = [...rowConditions('x', rule.first, rule.window, ctx), followed];
  return customerIn(matching('x', first, indent), false, indent, ctx);
}
