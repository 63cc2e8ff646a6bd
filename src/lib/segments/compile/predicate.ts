/**
 * A validated tree as one boolean condition on the customer row `c` (customer_features).
 * Every rule is made NULL-free (NULL → false), so `not` is an exact complement: "not in
 * France" includes customers with no country.
 */
import { ident, join, raw, sql, type Sql } from '../../sql';
import type { RuleNode, SegmentNode } from '../ast';
import { activityRuleSql, sequenceRuleSql } from './activity';
import { columnTestSql } from './columns';
import { contextFor, type CompileContext } from './context';

export function nodeSql(node: SegmentNode, ctx: CompileContext, indent = ''): Sql {
  switch (node.kind) {
    case 'all':
    case 'any': {
      if (node.children.length === 0) return raw(node.kind === 'all' ? 'TRUE' : 'FALSE');
      const inner = `${indent}  `;
      const parts = node.children.map((child) => nodeSql(child, ctx, inner));
      if (parts.length === 1) return parts[0];
      return sql`(${join(parts, `\n${inner}${node.kind === 'all' ? 'AND' : 'OR'} `)})`;
    }
    case 'not':
      return sql`(NOT ${nodeSql(node.child, ctx, indent)})`;
    case 'segment':
      return ruleSql(node, ctx, indent);
    default:
      return sql`coalesce(${ruleSql(node, ctx, indent)}, FALSE)`;
  }
}

/** One rule alone, possibly NULL. */
export function ruleSql(rule: RuleNode, ctx: CompileContext, indent = ''): Sql {
  switch (rule.kind) {
    case 'field':
      return columnTestSql(sql`c.${ident(rule.field)}`, rule.check, ctx);
    case 'activity':
      return activityRuleSql(rule, ctx, indent);
    case 'sequence':
      return sequenceRuleSql(rule, ctx, indent);
    case 'segment':
      // A saved segment is inlined (already NULL-free); its windows read its own pinned date, if any.
      return nodeSql(rule.segment.root, contextFor(ctx, rule.segment.asOf), indent);
  }
}
