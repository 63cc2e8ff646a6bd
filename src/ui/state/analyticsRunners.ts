/**
 * Runners of the analysis cells (RFM, cohorts, journeys, lifecycle): each needs the built
 * data model, compiles its spec with src/lib/analytics — narrowed to the cell's saved
 * segment, if any — and asks the engine. RFM keeps the per-customer scores as the cell's
 * table (later cells and segments can read them), summarises that table instead of scoring
 * again, and writes the scores onto customer_features.
 */
import {
  AnalyticsError,
  cohortSql,
  journeySql,
  lifecycleSql,
  parseCohortSpec,
  parseJourneySpec,
  parseLifecycleSpec,
  parseRfmSpec,
  rfmSql,
  rfmSummarySql,
  rfmTraitsSql,
  type AnalyticsOptions,
} from '../../lib/analytics';
import type { EngineErrorInfo } from '../../lib/engine/api';
import type { Row } from '../../lib/engine/rows';
import { NotebookError } from '../../lib/notebook/errors';
import { splitSegment } from '../../lib/notebook/kinds/analyticsCells';
import type { NotebookCell } from '../../lib/notebook/document';
import type { Sql } from '../../lib/sql';
import {
  cohortRows,
  journeyLinkRows,
  journeyNodeRows,
  rfmGridRows,
  rfmSegmentRows,
  stageRows,
  transitionRows,
  type CohortData,
  type JourneyData,
  type LifecycleData,
  type RfmData,
} from '../components/analytics/rows';
import type { CellRunner, NotebookState } from './notebook.svelte';
import { segmentFilterOptions } from './segmentFilter';
import type { Workspace } from './workspace.svelte';

export const NEEDS_MODEL = 'Build the customer view first (Data → Customer data model)';

function requireModel(ws: Workspace): void {
  if (!ws.dm.built) {
    throw { kind: 'query', message: NEEDS_MODEL, hint: 'The analyses read the activity and customer_features views it creates.' } satisfies EngineErrorInfo;
  }
}

/** A spec problem as the plain error a cell shows. */
function compile<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof AnalyticsError) throw { kind: 'query', message: e.message, hint: e.hint } satisfies EngineErrorInfo;
    if (e instanceof NotebookError) throw { kind: 'query', message: e.message, hint: e.hint } satisfies EngineErrorInfo;
    throw e;
  }
}

/** The cell's library spec (parsed by `parse`) and its options: the saved segment as a filter. */
function prepare<S>(cell: NotebookCell, nb: NotebookState, ws: Workspace, parse: (input: unknown) => S): { spec: S; options: AnalyticsOptions } {
  const { segment, analysis } = compile(() => splitSegment(cell.spec));
  const spec = compile(() => parse(analysis));
  return { spec, options: segmentFilterOptions(nb, ws, segment) };
}

async function rows(ws: Workspace, q: Sql) {
  return ws.engine.queryRows(q.text, 100_000);
}

/** Rows of a combined query's part (its `part` column), without that column. */
function part(all: Row[], name: string): Row[] {
  return all.filter((r) => r.part === name);
}

export function rfmRunner(ws: Workspace): CellRunner {
  return async (cell, nb) => {
    requireModel(ws);
    const { spec, options } = prepare(cell, nb, ws, parseRfmSpec);
    const q = compile(() => rfmSql(spec, options));
    const result = await ws.engine.materialize(cell.name, q.scores.text);
    const summary = rfmSummarySql(spec, cell.name);
    const [segments, grid] = [await rows(ws, summary.segments), await rows(ws, summary.grid)];
    await ws.engine.execute(rfmTraitsSql(cell.name).map((s) => s.text));
    const data: RfmData = { segments: rfmSegmentRows(segments), grid: rfmGridRows(grid) };
    return { result, rows: null, data };
  };
}

export function cohortRunner(ws: Workspace): CellRunner {
  return async (cell, nb) => {
    requireModel(ws);
    const { spec, options } = prepare(cell, nb, ws, parseCohortSpec);
    const q = compile(() => cohortSql(spec, options));
    const data: CohortData = { rows: cohortRows(await rows(ws, q)) };
    return { result: null, rows: null, data };
  };
}

export function journeyRunner(ws: Workspace): CellRunner {
  return async (cell, nb) => {
    requireModel(ws);
    const { spec, options } = prepare(cell, nb, ws, parseJourneySpec);
    const q = compile(() => journeySql(spec, options));
    const all = await rows(ws, q.both);
    const data: JourneyData = { nodes: journeyNodeRows(part(all, 'node')), links: journeyLinkRows(part(all, 'link')) };
    return { result: null, rows: null, data };
  };
}

export function lifecycleRunner(ws: Workspace): CellRunner {
  return async (cell, nb) => {
    requireModel(ws);
    const { spec, options } = prepare(cell, nb, ws, parseLifecycleSpec);
    const q = compile(() => lifecycleSql(spec, options));
    const all = await rows(ws, q.both);
    const stages = part(all, 'stage').map((r) => ({ ...r, stage: r.to_stage }));
    const data: LifecycleData = { stages: stageRows(stages), transitions: transitionRows(part(all, 'transition')) };
    return { result: null, rows: null, data };
  };
}
