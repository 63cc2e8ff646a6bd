/**
 * Runs a lifetime-value cell: the purchases (of a saved segment's customers, if chosen) are
 * read once into purchase days and summarised per customer in one pass (calibration summary,
 * holdout counts, summary as of the as-of date); the columns go to the models worker as typed
 * arrays, which fits, checks against the holdout, refits to the as-of date and predicts;
 * meanwhile the engine counts the repeat purchase days for the tracking plot. Then the
 * per-customer table becomes the cell's relation and p_alive, expected_purchases,
 * predicted_clv are written onto customer_features (NULL for customers outside the segment).
 *
 * Cancel (while reading or fitting) stops the engine query or the models worker and leaves
 * the previous results — view, table, customer_features — as they were.
 */
import { FIT_CANCELLED, ModelsClient } from '../../lib/clv/modelsClient';
import { mergeClvParts, withActualRepeats, type ClvAnalysis, type ClvAnalysisOptions, type ClvPredictions, type ClvRun } from '../../lib/clv/cell/analysis';
import {
  CALIBRATION_COLUMNS,
  CURRENT_COLUMNS,
  customerSummarySql,
  orderPurchaseDaysSql,
  purchaseSpanSql,
  repeatDaysSql,
  calibrationCustomers,
  type SummaryColumns,
} from '../../lib/clv/cell/summaryTables';
import { clvByChannelSql } from '../../lib/clv/cell/channelSql';
import type { CohortClv } from '../../lib/clv/cell/cohorts';
import type { EngineErrorInfo } from '../../lib/engine/api';
import { clvCell, type ClvCellSpec } from '../../lib/notebook/kinds/clvCell';
import { ident, join, sql } from '../../lib/sql';
import type { CellOutput, CellRunner } from './notebook.svelte';
import type { Workspace } from './workspace.svelte';
import { clvProgress, type ClvCancels } from './clvProgress.svelte';
import { segmentFilterSql } from './segmentFilter';

/** What the cell's view shows besides the per-customer table. */
export interface ClvCellData {
  analysis: ClvAnalysis;
  calibrationEnd: string;
  holdoutEnd: string | null;
  asOf: string;
  /** The saved segment the model was restricted to; null for all customers. */
  segment: string | null;
  /** Milliseconds by step, for the curious and the benchmark. */
  timings: Record<string, number>;
  /** Set when a later run was cancelled and these are the previous results, kept. */
  cancelled?: boolean;
}

/** Progress of running cells, by cell id (the view shows a progress bar). */
export type ClvProgress = (cellId: string, phase: string, fraction: number) => void;

const DAY = 86_400_000;

function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}
function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function userError(message: string, hint?: string): EngineErrorInfo {
  return { kind: 'query', message, hint };
}

function isCancelled(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'cancelled';
}

/** Calibration end and holdout end ('YYYY-MM-DD') for the spec, as of `asOf`. */
export function clvPeriods(spec: ClvCellSpec, asOf: string, firstPurchase: string): { calibrationEnd: string; holdoutEnd: string | null } {
  const end = dayOf(asOf);
  if (spec.holdout === null) return { calibrationEnd: asOf, holdoutEnd: null };
  if (spec.holdout === 'last-quarter') {
    const span = end - dayOf(firstPurchase);
    const held = Math.round(span / 4);
    if (held < 1) throw userError('The data covers too short a period to hold a quarter of it out.', 'Choose “No holdout”, or load a longer history.');
    return { calibrationEnd: isoOf(end - held), holdoutEnd: asOf };
  }
  const cal = dayOf(spec.holdout.calibrationEnd);
  if (!(cal < end)) throw userError(`The calibration end ${spec.holdout.calibrationEnd} is not before the as-of date ${asOf}.`, 'Choose an earlier calibration end, or no holdout.');
  return { calibrationEnd: spec.holdout.calibrationEnd, holdoutEnd: asOf };
}

/** The models worker's input: calibration customers for the calibration fit, and with a holdout every customer for the refit and predictions. */
export function clvRunner(ws: Workspace, onProgress: ClvProgress = clvProgress.set, cancels: ClvCancels = clvProgress): CellRunner {
  // Two models workers: with a holdout the calibration fit and the final fit run at once.
  const clients: (ModelsClient | null)[] = [null, null];
  const models = (k: 0 | 1): ModelsClient =>
    (clients[k] ??= new ModelsClient(() => new Worker(new URL('../../../workers/models.worker.ts', import.meta.url), { type: 'module', name: `arkwright-models-${k + 1}` })));
  /** Each cell's last results: what a cancelled run leaves in place. */
  const previous = new Map<string, CellOutput>();

  return async (cell, nb) => {
    const built = ws.dm.built;
    if (!built) throw userError('Build the customer view first', 'Map your columns in the Data model panel and build the customer view; the lifetime value model reads its purchases.');
    const spec = clvCell.parse(cell.spec);
    const segment = segmentFilterSql(nb, ws, spec.segment);
    const timings: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string): void => {
      const t = performance.now();
      timings[name] = Math.round(t - t0);
      t0 = t;
    };
    const progress = (phase: string, fraction: number): void => onProgress(cell.id, phase, fraction);
    const abort = new AbortController();
    let engineBusy = false;
    cancels.onCancel(cell.id, () => {
      abort.abort();
      if (engineBusy) void ws.engine.cancel();
    });
    const checkpoint = (): void => {
      if (abort.signal.aborted) throw FIT_CANCELLED;
    };
    const engine = async <T>(work: () => Promise<T>): Promise<T> => {
      checkpoint();
      engineBusy = true;
      try {
        return await work();
      } finally {
        engineBusy = false;
        checkpoint();
      }
    };

    progress('Reading purchases', 0.02);
    // The models workers load their code while the engine summarises.
    models(0).start();
    if (spec.holdout !== null) models(1).start();
    const days = `${cell.name}__days`;
    const summary = `${cell.name}__summary`;
    const predTable = `${cell.name}__predictions`;
    const asOfDay = dayOf(built.asOf);
    const unitDays = spec.unit === 'week' ? 7 : 1;
    try {
      await engine(() => ws.engine.execute([orderPurchaseDaysSql({ table: days, segment }).text]));
      lap('summaryDays');
      const [span] = await engine(() => ws.engine.queryColumns(purchaseSpanSql(days).text));
      if (!span || !Number.isFinite(span[0])) {
        throw userError('There are no purchases to model.', spec.segment ? `Check that the segment “${spec.segment}” has customers with purchases.` : 'Check that an event or amount column marks purchases.');
      }
      const { calibrationEnd, holdoutEnd } = clvPeriods(spec, built.asOf, isoOf(span[0]));
      const calDay = dayOf(calibrationEnd);
      progress('Summarising customers', 0.12);
      await engine(() =>
        ws.engine.execute([customerSummarySql({ days, table: summary, calibrationEnd: calDay, asOf: asOfDay, unitDays }).text]),
      );
      lap('summaryCustomers');
      // One read gives each models worker its own columns (`first` and `n` twice over with a holdout:
      // copying them on the page's thread would block it), and the workers turn them into model inputs.
      const withHoldout = holdoutEnd !== null;
      const wanted: (keyof SummaryColumns)[] = [...CALIBRATION_COLUMNS, ...(withHoldout ? CURRENT_COLUMNS : [])];
      const got = await engine(() => ws.engine.queryColumns(sql`SELECT ${join(wanted.map((name) => ident(name)), ', ')} FROM ${ident(summary)}`.text));
      const pick = <K extends keyof SummaryColumns>(names: readonly K[], from: number): Pick<SummaryColumns, K> =>
        Object.fromEntries(names.map((name, k) => [name, got[from + k]])) as Pick<SummaryColumns, K>;
      const calibrationColumns = pick(CALIBRATION_COLUMNS, 0);
      if (calibrationCustomers(calibrationColumns.first, calDay) === 0) {
        throw userError('No customer bought before the calibration end.', 'Choose a later calibration end, or no holdout.');
      }
      lap('summaryTransfer');

      // Both fits at once, each in its own worker, while the engine counts the tracking plot's repeat days.
      progress('Fitting', 0.2);
      const options: ClvAnalysisOptions = { model: spec.model, unit: spec.unit, horizon: spec.horizon, discountRate: spec.discountRate, margin: spec.margin, penalizer: spec.penalizer };
      const onFit = (phase: string, fraction: number): void => progress(phase, 0.2 + 0.6 * fraction);
      const frame = { calibrationEnd: calDay, asOf: asOfDay, unitDays };
      const fitting: Promise<ClvRun> = withHoldout
        ? Promise.all([
            models(0).calibrate({ ...frame, part: 'calibration', columns: calibrationColumns }, options, abort.signal),
            models(1).conclude({ ...frame, part: 'final', columns: pick(CURRENT_COLUMNS, CALIBRATION_COLUMNS.length) }, options, onFit, abort.signal),
          ]).then(([cal, final]) => mergeClvParts(options, cal, final, true))
        : models(0).analyze({ ...frame, part: 'all', columns: calibrationColumns }, options, onFit, abort.signal);
      fitting.catch(() => undefined);
      const repeats = ws.engine.queryColumns(repeatDaysSql({ days, summary, calibrationEnd: calDay }).text);
      repeats.catch(() => undefined);
      const run = await fitting;
      lap('fit');
      const [repeatDay, repeatCount] = await engine(() => repeats);
      const analysis: ClvAnalysis = { ...run.analysis, tracking: withActualRepeats(run.analysis.tracking, { day: repeatDay, count: repeatCount }) };
      lap('tracking');

      // From here on the old results are replaced: no more cancelling.
      cancels.onCancel(cell.id, null);
      progress('Saving per-customer values', 0.85);
      await writePredictions(ws, predTable, run.predictions);
      lap('saveUpload');
      // The predictions are in the summary table's row order: they pair up row by row.
      const result = await ws.engine.materialize(
        cell.name,
        sql`SELECT s.customer_id, s.n - 1 AS x, (s.last - s.first) / ${unitDays} AS t_x, (${asOfDay} - s.first) / ${unitDays} AS "T", s.m AS mean_spend,
  p.p_alive, p.expected_purchases, p.expected_spend, p.predicted_clv
FROM ${ident(summary)} s POSITIONAL JOIN ${ident(predTable)} p`.text,
      );
      lap('saveTable');
      await writeOntoFeatures(ws, cell.name, spec.segment !== null);
      lap('saveFeatures');
      progress('Done', 1);
      const data: ClvCellData = {
        analysis,
        calibrationEnd,
        holdoutEnd,
        asOf: built.asOf,
        segment: spec.segment,
        timings: { ...timings, ...totals(timings), ...prefixed(run.analysis.timings) },
      };
      const output: CellOutput = { result, rows: null, data };
      previous.set(cell.id, output);
      return output;
    } catch (e) {
      if (abort.signal.aborted || isCancelled(e)) {
        const kept = previous.get(cell.id);
        if (kept) return { ...kept, data: { ...(kept.data as ClvCellData), cancelled: true } };
        throw FIT_CANCELLED;
      }
      throw e;
    } finally {
      cancels.onCancel(cell.id, null);
      await ws.engine
        .execute([
          sql`DROP VIEW IF EXISTS ${ident(days)}`.text,
          sql`DROP TABLE IF EXISTS ${ident(summary)}`.text,
          sql`DROP TABLE IF EXISTS ${ident(predTable)}`.text,
        ])
        .catch(() => undefined);
      onProgress(cell.id, '', -1);
    }
  };
}

/** summary, fit and save in all: the sums of their steps. */
function totals(t: Record<string, number>): Record<string, number> {
  const sum = (prefix: string): number => Object.entries(t).reduce((s, [k, v]) => (k.startsWith(prefix) ? s + v : s), 0);
  return { summary: sum('summary') + (t.arrays ?? 0), fit: (t.fit ?? 0) + (t.tracking ?? 0), save: sum('save') };
}

function prefixed(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [`worker.${k}`, v]));
}

/** Per-customer predictions into a table, in the summary's row order, as Arrow columns (no SQL text). */
async function writePredictions(ws: Workspace, table: string, p: ClvPredictions): Promise<void> {
  await ws.engine.insertColumns(table, [
    // Copies: the arrays are transferred to the engine worker, and the cell's view keeps its own.
    { name: 'p_alive', values: p.pAlive.slice() },
    { name: 'expected_purchases', values: p.expectedPurchases.slice() },
    { name: 'expected_spend', values: p.expectedSpend.slice() },
    { name: 'predicted_clv', values: p.clv.slice() },
  ]);
}

/**
 * p_alive, expected_purchases, predicted_clv onto customer_features: the cell's values, NULL
 * for everyone else. Without a segment every customer with a purchase gets a value and the
 * others never had one, so the reset is only needed for a segment.
 */
async function writeOntoFeatures(ws: Workspace, relation: string, segment: boolean): Promise<void> {
  const f = ident('customer_features');
  const c = ident(relation);
  await ws.engine.execute([
    sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS p_alive DOUBLE`.text,
    sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS expected_purchases DOUBLE`.text,
    sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS predicted_clv DOUBLE`.text,
    ...(segment ? [sql`UPDATE ${f} SET p_alive = NULL, expected_purchases = NULL, predicted_clv = NULL`.text] : []),
    sql`UPDATE ${f} SET p_alive = c.p_alive, expected_purchases = c.expected_purchases, predicted_clv = c.predicted_clv
FROM ${c} c WHERE ${f}.customer_id = c.customer_id`.text,
  ]);
}

/** Predicted CLV by acquisition channel for a fitted cell's table (asked for by its cohort chart). */
export async function clvByChannel(ws: Workspace, relation: string, asOf: string): Promise<CohortClv[]> {
  const rows = await ws.engine.queryRows(clvByChannelSql({ relation, asOf }).text);
  return rows.map((r) => ({ cohort: String(r.cohort), customers: Number(r.customers), totalClv: Number(r.total_clv), meanClv: Number(r.mean_clv) }));
}
