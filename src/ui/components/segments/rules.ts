/** Defaults and labels for the builder's rules: what a new rule or a changed picker starts with. */
import {
  OPERATORS,
  familyOf,
  valueShape,
  type FieldOp,
  type NodeSpec,
  type SegmentField,
  type ValueShape,
  type WindowSpec,
} from '../../../lib/segments';

export function defaultValue(shape: ValueShape): unknown {
  switch (shape) {
    case 'none':
      return undefined;
    case 'text':
      return '';
    case 'texts':
      return [];
    case 'number':
      return 0;
    case 'range':
      return [0, 100];
    case 'date':
      return { daysAgo: 30 };
    case 'dates':
      return [{ daysAgo: 90 }, { daysAgo: 0 }];
    case 'days':
      return { days: 30 };
    case 'boolean':
      return true;
  }
}

/** A field rule on `field`, with its first operator and a value fitted to it. */
export function fieldRule(field: SegmentField, op?: FieldOp): NodeSpec {
  const family = familyOf(field.kind) ?? 'text';
  const chosen = op && (OPERATORS[family] as readonly string[]).includes(op) ? op : OPERATORS[family][0];
  const value = defaultValue(valueShape(family, chosen));
  return value === undefined ? { field: field.name, op: chosen } : { field: field.name, op: chosen, value };
}

/** The rule a person starts from: "Orders is at least 1" when there are orders. */
export function newRule(fields: readonly SegmentField[]): NodeSpec {
  const orders = fields.find((f) => f.name === 'orders');
  if (orders) return { field: 'orders', op: '>=', value: 1 };
  return fields[0] ? fieldRule(fields[0]) : { activity: {} };
}

export type RuleKind = 'field' | 'activity' | 'sequence' | 'segment';

export function ruleKind(node: NodeSpec): RuleKind | null {
  if ('field' in node) return 'field';
  if ('activity' in node) return 'activity';
  if ('sequence' in node) return 'sequence';
  if ('segment' in node) return 'segment';
  return null;
}

export type WindowKind = 'ever' | 'last' | 'between';

export function windowKind(w: WindowSpec | undefined): WindowKind {
  if (!w) return 'ever';
  return 'days' in w ? 'last' : 'between';
}

export function defaultWindow(kind: WindowKind): WindowSpec | undefined {
  if (kind === 'last') return { days: 90 };
  if (kind === 'between') return { from: { daysAgo: 90 }, to: { daysAgo: 0 } };
  return undefined;
}
