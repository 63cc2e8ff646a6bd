/**
 * A validated segment: the document's meaning with every field resolved to its kind, every
 * value checked and every saved-segment reference resolved. Compilers read only this.
 * Each node keeps the JSON path it came from, so counts and errors point at the builder's rule.
 */

/** A checked calendar date: an ISO date or a number of days before the as-of date. */
export type DateRef = { iso: string } | { daysAgo: number };

export type Presence = { op: 'is_empty' } | { op: 'is_not_empty' };

export type TextTest =
  | Presence
  | { op: '=' | '!=' | 'contains' | 'not_contains' | 'starts_with'; value: string }
  | { op: 'in' | 'not_in'; values: string[] };

export type NumberTest =
  | { op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: number }
  | { op: 'between'; low: number; high: number };

export type DateTest =
  | { op: 'before' | 'after' | 'on'; date: DateRef }
  | { op: 'between'; from: DateRef; to: DateRef }
  | { op: 'in_last'; days: number };

export type BooleanTest = { op: '=' | '!='; value: boolean };

export type ListTest = { op: 'contains'; value: string } | { op: 'contains_any' | 'contains_all'; values: string[] };

/** A test on one column, by the family of values the column holds. */
export type ColumnTest =
  | { family: 'text'; test: TextTest }
  | { family: 'number'; test: NumberTest | Presence }
  | { family: 'date'; test: DateTest | Presence }
  | { family: 'boolean'; test: BooleanTest | Presence }
  | { family: 'list'; test: ListTest | Presence };

export type Family = ColumnTest['family'];

export interface FieldRule {
  kind: 'field';
  path: string;
  /** The column's name exactly as the field list spells it. */
  field: string;
  check: ColumnTest;
}

/** A filter on one activity column (channel = 'store', amount > 50…). */
export interface ActivityCondition {
  column: string;
  check: ColumnTest;
}

export interface ActivityFilter {
  /** null = any event. */
  event: string | null;
  where: ActivityCondition[];
}

export type ActivityWindow = { kind: 'ever' } | { kind: 'last'; days: number } | { kind: 'dates'; from: DateRef | null; to: DateRef | null };

export type ActivityMeasure =
  | { of: 'count'; test: NumberTest }
  | { of: 'sum' | 'average'; test: NumberTest }
  | { of: 'first' | 'last'; test: DateTest };

export interface ActivityRule {
  kind: 'activity';
  path: string;
  filter: ActivityFilter;
  measure: ActivityMeasure;
  window: ActivityWindow;
}

export interface SequenceRule {
  kind: 'sequence';
  path: string;
  first: ActivityFilter;
  next: ActivityFilter;
  /** false: did the first step and then did NOT do the next one within the gap. */
  did: boolean;
  withinDays: number | null;
  window: ActivityWindow;
}

export interface SegmentRef {
  kind: 'segment';
  path: string;
  name: string;
  segment: ValidSegment;
}

export interface GroupNode {
  kind: 'all' | 'any';
  path: string;
  children: SegmentNode[];
}

export interface NotNode {
  kind: 'not';
  path: string;
  child: SegmentNode;
}

export type RuleNode = FieldRule | ActivityRule | SequenceRule | SegmentRef;
export type SegmentNode = GroupNode | NotNode | RuleNode;

export interface ValidSegment {
  name: string | null;
  /** The pinned as-of date ('YYYY-MM-DD'), or null for the data's own. */
  asOf: string | null;
  root: SegmentNode;
  /** customer_features columns the segment reads (including through saved segments). */
  fields: string[];
  /** Saved segments it refers to, directly or not. */
  segments: string[];
  /** Nodes in the tree once saved segments are expanded: bounds the size of the SQL. */
  size: number;
  /** Deepest group nesting, saved segments included. */
  depth: number;
}
