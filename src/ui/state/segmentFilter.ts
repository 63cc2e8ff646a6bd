/**
 * Narrowing an analysis (RFM, cohorts, journeys, lifecycle, CLV) to a saved segment: the
 * segment is looked up by name among the notebook's segment cells and compiled to the
 * `SELECT customer_id …` subquery the analytics compilers take as `segment`. A name that is
 * gone, or a segment that does not fit the data, is a plain error the cell shows.
 */
import type { EngineErrorInfo } from '../../lib/engine/api';
import { SegmentError, compileSegment } from '../../lib/segments';
import type { Sql } from '../../lib/sql';
import type { AnalyticsOptions } from '../../lib/analytics';
import type { NotebookState } from './notebook.svelte';
import { savedSegments, segmentFields } from './segmentRunner';
import type { Workspace } from './workspace.svelte';

/** Names of the notebook's saved (named) segments, in document order. */
export function savedSegmentNames(nb: Pick<NotebookState, 'doc'>): string[] {
  return [...savedSegments(nb.doc, '').keys()];
}

/** The subquery for `name`, or undefined for all customers (null/undefined name). */
export function segmentFilterSql(nb: Pick<NotebookState, 'doc'>, ws: Workspace, name: string | null | undefined): Sql | undefined {
  if (name === null || name === undefined) return undefined;
  const segments = savedSegments(nb.doc, '');
  const spec = segments.get(name);
  if (spec === undefined) {
    throw {
      kind: 'query',
      message: `There is no saved segment “${name}” in this notebook any more.`,
      hint: 'Pick another segment under “Customers”, or All customers; or name a segment cell that way again.',
    } satisfies EngineErrorInfo;
  }
  const fields = segmentFields(ws);
  if (!fields) {
    throw { kind: 'query', message: 'Build the customer view first (Data → Customer data model)', hint: 'Segments read the customer_features view it creates.' } satisfies EngineErrorInfo;
  }
  try {
    return compileSegment(spec, { fields, segments, dialect: 'duckdb' }).sql;
  } catch (e) {
    if (e instanceof SegmentError) {
      throw { kind: 'query', message: `The segment “${name}” cannot be used: ${e.message}`, hint: 'Fix its rules in its segment cell, or pick another segment under “Customers”.' } satisfies EngineErrorInfo;
    }
    throw e;
  }
}

/** The analytics compilers' options for a cell narrowed to `name` (none for all customers). */
export function segmentFilterOptions(nb: Pick<NotebookState, 'doc'>, ws: Workspace, name: string | null | undefined): AnalyticsOptions {
  const segment = segmentFilterSql(nb, ws, name);
  return segment ? { segment } : {};
}
