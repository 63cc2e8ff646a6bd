/**
 * What every part of the segment builder shares: the fields to pick from, the live counts,
 * value suggestions from the data, the drag in progress, and the one way to change the tree.
 */
import { familyOf, type NodeSpec, type SegmentField } from '../../../lib/segments';
import { ident, sql } from '../../../lib/sql';
import type { Address } from './tree';

export interface Suggestion {
  value: string;
  count: number;
}

/** Where a text value's suggestions come from: a column of customer_features or activity. */
export interface SuggestionSource {
  relation: 'customer_features' | 'activity';
  column: string;
  /** The column holds lists (channels): suggest their elements. */
  list?: boolean;
}

export interface DragState {
  from: Address | null;
  /** The drop zone under the pointer, by key. */
  over: string | null;
}

export interface BuilderContext {
  /** Fields of customer_features a rule can test. */
  fields: readonly BuilderField[];
  /** Names of the notebook's other segments. */
  savedNames: readonly string[];
  /** Customers passing a node alone, by its document path. */
  countOf(path: string): number | undefined;
  /** The most common values of a column, with how many rows have each. */
  suggest(source: SuggestionSource): Promise<Suggestion[]>;
  drag: DragState;
  /** Replaces the whole tree; `focus` names the node and button to focus after the change. */
  update(root: NodeSpec, focus?: { id: string; action: string }): void;
}

export interface BuilderField extends SegmentField {
  label: string;
  /** Computed by the model (a feature) rather than taken from the data (an attribute). */
  computed: boolean;
}

/** Fields a segment can filter on (a known family), computed features first. */
export function filterableFields(fields: readonly BuilderField[]): BuilderField[] {
  return fields.filter((f) => familyOf(f.kind) !== null && f.name !== 'customer_id');
}

/** The query behind a value's suggestions: `SELECT value, count(*) … LIMIT 20`, most common first. */
export function suggestionSql(source: SuggestionSource, limit = 20): string {
  const col = ident(source.column);
  const rel = ident(source.relation);
  const values = source.list ? sql`SELECT unnest(${col}) AS v FROM ${rel}` : sql`SELECT ${col} AS v FROM ${rel}`;
  return sql`SELECT CAST(v AS VARCHAR) AS value, count(*) AS n
FROM (${values}) AS s
WHERE v IS NOT NULL AND CAST(v AS VARCHAR) <> ''
GROUP BY 1
ORDER BY n DESC, value
LIMIT ${limit}`.text;
}

/** "rule 2.1 (Revenue)" / "group 3": how buttons and drop zones name a node. */
export function positionText(at: Address): string {
  return at.map((i) => i + 1).join('.');
}
