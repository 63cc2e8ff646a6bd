/**
 * Which operators each family of field takes, and what value each operator needs: the
 * builder's pickers offer exactly these, and validation accepts exactly these.
 */
import type { Family } from './ast';
import type { FieldOp } from './spec';

const PRESENCE = ['is_empty', 'is_not_empty'] as const;

export const OPERATORS: Readonly<Record<Family, readonly FieldOp[]>> = {
  text: ['=', '!=', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', ...PRESENCE],
  number: ['=', '!=', '<', '<=', '>', '>=', 'between', ...PRESENCE],
  date: ['before', 'after', 'on', 'between', 'in_last', ...PRESENCE],
  boolean: ['=', '!=', ...PRESENCE],
  list: ['contains', 'contains_any', 'contains_all', ...PRESENCE],
};

/** What the value editor shows for an operator. */
export type ValueShape = 'none' | 'text' | 'texts' | 'number' | 'range' | 'date' | 'dates' | 'days' | 'boolean';

export function valueShape(family: Family, op: FieldOp): ValueShape {
  if (op === 'is_empty' || op === 'is_not_empty') return 'none';
  switch (family) {
    case 'text':
      return op === 'in' || op === 'not_in' ? 'texts' : 'text';
    case 'number':
      return op === 'between' ? 'range' : 'number';
    case 'date':
      return op === 'between' ? 'dates' : op === 'in_last' ? 'days' : 'date';
    case 'boolean':
      return 'boolean';
    case 'list':
      return op === 'contains' ? 'text' : 'texts';
  }
}

/** Plain words for an operator, as the builder shows it. */
export const OPERATOR_LABELS: Readonly<Record<FieldOp, string>> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  between: 'is between',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  in: 'is one of',
  not_in: 'is none of',
  before: 'is before',
  after: 'is after',
  on: 'is on',
  in_last: 'is in the last',
  contains_any: 'contains any of',
  contains_all: 'contains all of',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
};

export function isOperatorOf(family: Family, op: unknown): op is FieldOp {
  return typeof op === 'string' && (OPERATORS[family] as readonly string[]).includes(op);
}
