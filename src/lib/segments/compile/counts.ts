/**
 * Live answers for the builder in one query: how many customers there are, how many are in
 * the segment, and how many pass each rule and group on its own. Each rule is evaluated once
 * (one boolean column per rule); groups combine those columns.
 */
import { ident, join, raw, sql, type Sql } from '../../sql';
import { CUSTOMER_FEATURES } from '../../model/relations';
import type { RuleNode, SegmentNode } from '../ast';
import { SegmentError } from '../errors';
import { validateSegment } from '../validate/segment';
import type { CompileOptions } from './segment';
import { compileContext } from './segment';
import { ruleSql } from './predicate';

export interface RuleCountColumn {
  /** The node's path in the document: 'match', 'match.all[2]'… */
  path: string;
  /** The result column holding its count. */
  column: string;
}

export interface RuleCountsQuery {
  /** One row: customers, members, then one column per node. */
  sql: Sql;
  nodes: RuleCountColumn[];
}

export interface SegmentCounts {
  customers: number;
  members: number;
  /** Percentage of customers in the segment (0–100). */
  share: number;
  /** Customers passing each node alone, by path. */
  byPath: Map<string, number>;
}

export function compileRuleCounts(json: unknown, options: CompileOptions): RuleCountsQuery {
  const result = validateSegment(json, options.fields, options);
  if (!result.ok) throw new SegmentError(result.issues);
  const ctx = compileContext(result.segment, options);
  // Pre-order: the root first (the members), then each group and rule as the builder shows them.
  const nodes: SegmentNode[] = [];
  const rules = new Map<RuleNode, string>();
  const visit = (node: SegmentNode): void => {
    nodes.push(node);
    switch (node.kind) {
      case 'all':
      case 'any':
        return node.children.forEach(visit);
      case 'not':
        return visit(node.child);
      default:
        rules.set(node, `r${rules.size}`);
    }
  };
  visit(result.segment.root);
  const flag = (node: SegmentNode): Sql => {
    switch (node.kind) {
      case 'all':
      case 'any':
        if (node.children.length === 0) return raw(node.kind === 'all' ? 'TRUE' : 'FALSE');
        return sql`(${join(node.children.map(flag), node.kind === 'all' ? ' AND ' : ' OR ')})`;
      case 'not':
        return sql`(NOT ${flag(node.child)})`;
      default:
        return ident(rules.get(node) ?? 'r?');
    }
  };
  const checks = [...rules].map(([rule, column]) => sql`coalesce(${ruleSql(rule, ctx, '    ')}, FALSE) AS ${ident(column)}`);
  // The root's count is the segment's size: `members`.
  const columns = nodes.map((node, i) => ({ path: node.path, column: i === 0 ? 'members' : `n${i}` }));
  const counts = nodes.map((node, i) => sql`count(*) FILTER (WHERE ${flag(node)}) AS ${ident(columns[i].column)}`);
  const text = sql`WITH rule_checks AS (
  SELECT ${join([sql`c.${ident('customer_id')}`, ...checks], ',\n    ')}
  FROM ${ident(CUSTOMER_FEATURES)} AS c
)
SELECT count(*) AS customers,
  ${join(counts, ',\n  ')}
FROM rule_checks`;
  return { sql: text, nodes: columns };
}

/** The one result row of a counts query, as numbers. */
export function readRuleCounts(row: Readonly<Record<string, unknown>>, query: RuleCountsQuery): SegmentCounts {
  const customers = toCount(row.customers);
  const members = toCount(row.members);
  const byPath = new Map(query.nodes.map(({ path, column }) => [path, toCount(row[column])]));
  return { customers, members, share: customers > 0 ? (100 * members) / customers : 0, byPath };
}

function toCount(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** "12,345 customers (28.2%)". */
export function formatSegmentSize(members: number, customers: number): string {
  const share = customers > 0 ? (100 * members) / customers : 0;
  const shown = share > 0 && share < 0.1 ? '<0.1' : share.toFixed(1);
  return `${members.toLocaleString('en-US')} ${members === 1 ? 'customer' : 'customers'} (${shown}%)`;
}
