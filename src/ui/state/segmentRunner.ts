/**
 * Runs a segment cell: validates the document against the loaded data's fields, materializes
 * the members as the cell's table (so the grid and downloads work), and counts the segment
 * and each of its rules in one query. Saved segments are the notebook's other segment cells,
 * looked up by their segment name.
 */
import type { EngineErrorInfo } from '../../lib/engine/api';
import type { NotebookCell } from '../../lib/notebook/document';
import { customerFeatureFields } from '../../lib/model';
import {
  SegmentError,
  compileRuleCounts,
  compileSegment,
  readRuleCounts,
  type SegmentCounts,
  type SegmentField,
} from '../../lib/segments';
import type { CellRunner, NotebookState } from './notebook.svelte';
import type { Workspace } from './workspace.svelte';
import { segmentRuleCache } from './segmentRuleCache';

/** What the segment view reads from a run. */
export interface SegmentCellData {
  counts: SegmentCounts;
  sql: { duckdb: string; postgres: string };
}

export const NO_MODEL_MESSAGE = 'Build the customer view first (Data → Customer data model)';

/** The fields a segment may use, or null before the customer view is built. */
export function segmentFields(ws: Workspace): SegmentField[] | null {
  const model = ws.dm.model;
  if (!model || !ws.dm.built) return null;
  return customerFeatureFields(model);
}

/** The notebook's other segment cells, by their segment name: what `{ segment: name }` rules refer to. */
export function savedSegments(doc: { cells: readonly NotebookCell[] }, exceptId: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const { cell, name } of namedSegmentCells(doc)) if (cell.id !== exceptId && !out.has(name)) out.set(name, cell.spec);
  return out;
}

/** The segment cells whose segment has a name (saved segments), in document order. */
export function namedSegmentCells(doc: { cells: readonly NotebookCell[] }): { cell: NotebookCell; name: string }[] {
  const out: { cell: NotebookCell; name: string }[] = [];
  for (const cell of doc.cells) {
    const name = cell.kind === 'segment' ? (cell.spec as { name?: unknown } | null)?.name : undefined;
    if (typeof name === 'string' && name.trim() !== '') out.push({ cell, name });
  }
  return out;
}

/** The segment's SELECT in both dialects (PostgreSQL with the data's as-of date written in). */
export function segmentSqlText(spec: unknown, fields: readonly SegmentField[], segments: Map<string, unknown>, asOf: string | undefined): SegmentCellData['sql'] {
  return {
    duckdb: compileSegment(spec, { fields, segments, dialect: 'duckdb' }).sql.text,
    postgres: compileSegment(spec, { fields, segments, dialect: 'postgres', asOf }).sql.text,
  };
}

/** The segment's size and each rule's count, in one query. */
export async function segmentCounts(ws: Workspace, spec: unknown, fields: readonly SegmentField[], segments: Map<string, unknown>): Promise<SegmentCounts> {
  const tables = await segmentRuleCache.prepare(ws, spec, { fields, segments });
  const query = compileRuleCounts(spec, { fields, segments, ruleRelation: (key) => tables.get(key) });
  const [row] = await ws.engine.queryRows(query.sql.text);
  return readRuleCounts(row ?? {}, query);
}

/** A SegmentError as the error a cell shows. */
export function segmentProblem(e: unknown): EngineErrorInfo | null {
  if (e instanceof SegmentError) return { kind: 'query', message: e.message, hint: e.hint };
  return null;
}

export function segmentRunner(ws: Workspace): CellRunner {
  return async (cell: NotebookCell, nb: NotebookState) => {
    const fields = segmentFields(ws);
    if (!fields) throw { kind: 'query', message: NO_MODEL_MESSAGE } satisfies EngineErrorInfo;
    const segments = savedSegments(nb.doc, cell.id);
    try {
      const tables = await segmentRuleCache.prepare(ws, cell.spec, { fields, segments });
      const members = compileSegment(cell.spec, { fields, segments, dialect: 'duckdb', ruleRelation: (key) => tables.get(key) });
      const sqlText = segmentSqlText(cell.spec, fields, segments, ws.dm.built?.asOf);
      const result = await ws.engine.materialize(cell.name, members.sql.text);
      const counts = await segmentCounts(ws, cell.spec, fields, segments);
      const data: SegmentCellData = { counts, sql: sqlText };
      return { result, rows: null, data };
    } catch (e) {
      const problem = segmentProblem(e);
      if (problem) throw problem;
      throw e;
    }
  };
}
