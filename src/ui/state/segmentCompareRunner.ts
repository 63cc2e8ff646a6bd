/**
 * Runs a segment comparison cell: the named saved segments (the notebook's segment cells)
 * compiled together, two small queries (per-segment figures, pairwise overlap).
 */
import type { EngineErrorInfo } from '../../lib/engine/api';
import { segmentCompareCell } from '../../lib/notebook/kinds/segmentCompareCell';
import { compareSegmentsSql, readSegmentComparison, type SegmentComparison } from '../../lib/segments';
import type { CellRunner } from './notebook.svelte';
import { NO_MODEL_MESSAGE, savedSegments, segmentFields, segmentProblem } from './segmentRunner';
import type { Workspace } from './workspace.svelte';

export function segmentCompareRunner(ws: Workspace): CellRunner {
  return async (cell, nb) => {
    const fields = segmentFields(ws);
    if (!fields) throw { kind: 'query', message: NO_MODEL_MESSAGE, hint: 'Segments read the customer_features view it creates.' } satisfies EngineErrorInfo;
    const spec = segmentCompareCell.parse(cell.spec);
    try {
      const q = compareSegmentsSql(spec.segments, { fields, segments: savedSegments(nb.doc, '') });
      const stats = await ws.engine.queryRows(q.stats.text);
      const overlap = await ws.engine.queryRows(q.overlap.text);
      const data: SegmentComparison = readSegmentComparison(q, stats, overlap);
      return { result: null, rows: null, data };
    } catch (e) {
      throw segmentProblem(e) ?? e;
    }
  };
}
