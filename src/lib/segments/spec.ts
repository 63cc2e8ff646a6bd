/**
 * The segment document (format 1): plain JSON, saved with the notebook and carried by share
 * links. These types describe what a valid document looks like; anything read from a file
 * or a link is `unknown` until `validateSegment` has checked it.
 *
 * Envelope (fixed in DESIGN.md): `{ v, name, asOf, match }`; `match` is one node, and groups
 * nest to any depth (within the limits in limits.ts).
 */

/** The format this version reads and writes. A document with a larger `v` is from a newer Arkwright. */
export const SEGMENT_FORMAT = 1;

/** A calendar date: 'YYYY-MM-DD', or a number of days before the as-of date. */
export type DateValue = string | { daysAgo: number };

export type TextOp = '=' | '!=' | 'contains' | 'not_contains' | 'starts_with' | 'in' | 'not_in';
export type NumberOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'between';
export type DateOp = 'before' | 'after' | 'on' | 'between' | 'in_last';
export type BooleanOp = '=' | '!=';
export type ListOp = 'contains' | 'contains_any' | 'contains_all';
/** Whether the customer has a value at all (text: NULL or ''; list: NULL or []). */
export type PresenceOp = 'is_empty' | 'is_not_empty';
export type FieldOp = TextOp | NumberOp | DateOp | BooleanOp | ListOp | PresenceOp;

/**
 * A value test on one field: `{ "field": "revenue", "op": ">=", "value": 500 }`.
 * `between` takes `[low, high]` (inclusive); `in_last` takes `{ "days": N }`;
 * the presence ops take no value.
 */
export interface FieldRuleSpec {
  field: string;
  op: FieldOp;
  value?: unknown;
  /** Free label the builder keeps to track a rule while it is dragged; never compiled. */
  id?: string;
}

/** Which activity counts: an event (default "purchase"; `null` = any event) and filters on its columns. */
export interface ActivityFilterSpec {
  event?: string | null;
  /** All must hold. Fields: channel, product, category, order_id, event (text), amount (number). */
  where?: FieldRuleSpec[];
}

/**
 * The time window of activity: the last N days up to and including the as-of date, or
 * calendar dates (inclusive, either end optional). Absent = ever (up to the as-of date).
 */
export type WindowSpec = { days: number } | { from?: DateValue; to?: DateValue };

export interface NumberTestSpec {
  op: NumberOp;
  value: number | [number, number];
}

export interface DateTestSpec {
  op: DateOp;
  value: DateValue | [DateValue, DateValue] | { days: number };
}

/**
 * Did the activity: at most one measure. No measure = did it at least once.
 * `count` (how many times), `sum`/`average` (of amount), `first`/`last` (when, ever).
 */
export interface ActivityRuleSpec {
  activity: ActivityFilterSpec;
  count?: NumberTestSpec;
  sum?: NumberTestSpec;
  average?: NumberTestSpec;
  first?: DateTestSpec;
  last?: DateTestSpec;
  within?: WindowSpec;
  id?: string;
}

/**
 * Did `first`, then did (`then`) or did not do (`thenNot`) the second activity within
 * `withinDays` after it (any time later when absent). `within` windows the first step.
 */
export interface SequenceRuleSpec {
  sequence: {
    first: ActivityFilterSpec;
    then?: ActivityFilterSpec;
    thenNot?: ActivityFilterSpec;
    withinDays?: number;
  };
  within?: WindowSpec;
  id?: string;
}

/** Membership of another saved segment, by name. */
export interface SegmentRefSpec {
  segment: string;
  id?: string;
}

export interface AllGroupSpec {
  all: NodeSpec[];
  id?: string;
}
export interface AnyGroupSpec {
  any: NodeSpec[];
  id?: string;
}
export interface NotGroupSpec {
  not: NodeSpec;
  id?: string;
}

export type GroupSpec = AllGroupSpec | AnyGroupSpec | NotGroupSpec;
export type RuleSpec = FieldRuleSpec | ActivityRuleSpec | SequenceRuleSpec | SegmentRefSpec;
export type NodeSpec = GroupSpec | RuleSpec;

export interface SegmentSpec {
  v: typeof SEGMENT_FORMAT;
  name?: string;
  description?: string;
  /** 'YYYY-MM-DD' to pin relative windows to a date; null = the data's as-of date. */
  asOf?: string | null;
  match: NodeSpec;
}
