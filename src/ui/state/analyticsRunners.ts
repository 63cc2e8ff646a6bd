/**
 * Runners of the analysis cells (RFM, cohorts, journeys, lifecycle): each needs the built
 * data model, compiles its spec with src/lib/analytics and asks the engine. RFM keeps the
 * per-customer scores as the cell's table, so later cells (and segments) can read them.
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
} from '../../lib/analytics';
import type { EngineErrorInfo } from '../../lib/engine/api';
import type { Sql } from '../../lib/sql';
import { rfmSql } from '../../lib/analytics';
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
import type { CellRunner } from './notebook.svelte';
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
    throw e;
  }
}

async function rows(ws: Workspace, q: Sql) {
  return ws.engine.queryRows(q.text, 100_000);
}

export function rfmRunner(ws: Workspace): CellRunner {
  return async (cell) => {
    requireModel(ws);
    const q = compile(() => rfmSql(parseRfmSpec(cell.spec)));
    const result = await ws.engine.materialize(cell.name, q.scores.text);
    const [segments, grid] = [await rows(ws, q.segments), await rows(ws, q.grid)];
    const data: RfmData = { segments: rfmSegmentRows(segments), grid: rfmGridRows(grid) };
    return { result, rows: null, data };
  };
}

export function cohortRunner(ws: Workspace): CellRunner {
  return async (cell) => {
    requireModel(ws);
    const q = compile(() => cohortSql(parseCohortSpec(cell.spec)));
    const data: CohortData = { rows: cohortRows(await rows(ws, q)) };
    return { result: null, rows: null, data };
  };
}

export function journeyRunner(ws: Workspace): CellRunner {
  return async (cell) => {
    requireModel(ws);
    const q = compile(() => journeySql(parseJourneySpec(cell.spec)));
    const nodes = await rows(ws, q.nodes);
    const links = await rows(ws, q.links);
    const data: JourneyData = { nodes: journeyNodeRows(nodes), links: journeyLinkRows(links) };
    return { result: null, rows: null, data };
  };
}

export function lifecycleRunner(ws: Workspace): CellRunner {
  return async (cell) => {
    requireModel(ws);
    const q = compile(() => lifecycleSql(parseLifecycleSpec(cell.spec)));
    const stages = await rows(ws, q.stages);
    const transitions = await rows(ws, q.transitions);
    const data: LifecycleData = { stages: stageRows(stages), transitions: transitionRows(transitions) };
    return { result: null, rows: null, data };
  };
}
