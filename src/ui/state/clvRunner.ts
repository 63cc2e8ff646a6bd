/**
 * Runs a lifetime-value cell: per-customer summaries of the purchases in the engine (a
 * calibration summary with its holdout, and one as of the as-of date), the fit and
 * predictions in the models worker, then the per-customer table as the cell's relation and
 * p_alive, expected_purchases, predicted_clv written onto customer_features.
 */
import { summarySql } from '../../lib/clv';
import type { ClvAnalysis, ClvPredictions } from '../../lib/clv/cell/analysis';
import { ModelsClient } from '../../lib/clv/modelsClient';
import type { EngineErrorInfo } from '../../lib/engine/api';
import type { Row } from '../../lib/engine/rows';
import { clvCell, type ClvCellSpec } from '../../lib/notebook/kinds/clvCell';
import { ident, sql, type Sql } from '../../lib/sql';
import type { CellRunner } from './notebook.svelte';
import type { Workspace } from './workspace.svelte';
import { clvProgress } from './clvProgress.svelte';

/** What the cell's view shows besides the per-customer table. */
export interface ClvCellData {
  analysis: ClvAnalysis;
  calibrationEnd: string;
  holdoutEnd: string | null;
  asOf: string;
  /** Milliseconds by step, for the curious and the benchmark. */
  timings: Record<string, number>;
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

function numbers(v: unknown): Float64Array {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return new Float64Array(0);
  return Float64Array.from(v as ArrayLike<unknown>, (x) => (x === null || x === undefined ? 0 : Number(x)));
}

function userError(message: string, hint?: string): EngineErrorInfo {
  return { kind: 'query', message, hint };
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

export function clvRunner(ws: Workspace, onProgress: ClvProgress = clvProgress.set): CellRunner {
  let client: ModelsClient | null = null;
  const models = (): ModelsClient =>
    (client ??= new ModelsClient(() => new Worker(new URL('../../../workers/models.worker.ts', import.meta.url), { type: 'module', name: 'arkwright-models' })));

  return async (cell) => {
    const built = ws.dm.built;
    if (!built) throw userError('Build the customer view first', 'Map your columns in the Data model panel and build the customer view; the lifetime value model reads its purchases.');
    const spec = clvCell.parse(cell.spec);
    const timings: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string): void => {
      const t = performance.now();
      timings[name] = Math.round(t - t0);
      t0 = t;
    };
    const progress = (phase: string, fraction: number): void => onProgress(cell.id, phase, fraction);
    progress('Summarising purchases', 0.02);

    const purchases = `${cell.name}__purchases`;
    const calTable = `${cell.name}__calibration`;
    const curTable = `${cell.name}__current`;
    const predTable = `${cell.name}__predictions`;
    const segment = spec.segment ? sql` AND customer_id IN (SELECT customer_id FROM ${ident(spec.segment)})` : sql``;
    await ws.engine.execute([
      sql`CREATE OR REPLACE VIEW ${ident(purchases)} AS
SELECT customer_id, occurred_at, amount FROM ${ident('activity')}
WHERE event = 'purchase' AND CAST(occurred_at AS DATE) <= CAST(${built.asOf} AS DATE)${segment}`.text,
    ]);
    try {
      const [first] = await ws.engine.queryRows(sql`SELECT strftime(min(CAST(occurred_at AS DATE)), '%Y-%m-%d') AS first FROM ${ident(purchases)}`.text);
      if (!first || first.first === null) throw userError('There are no purchases to model.', 'Check that an event or amount column marks purchases, and that the segment is not empty.');
      const { calibrationEnd, holdoutEnd } = clvPeriods(spec, built.asOf, String(first.first));
      const withHoldout = holdoutEnd !== null;
      const indexed = (body: Sql, table: string) =>
        sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT (row_number() OVER (ORDER BY customer_id) - 1)::INTEGER AS i, * FROM (${body})`.text;
      await ws.engine.execute([
        indexed(summarySql({ table: purchases, calibrationEnd, holdoutEnd: holdoutEnd ?? undefined, unit: spec.unit }), calTable),
        ...(withHoldout ? [indexed(summarySql({ table: purchases, calibrationEnd: built.asOf, unit: spec.unit }), curTable)] : []),
      ]);
      const columns = (table: string, holdout: boolean): Promise<Row[]> =>
        ws.engine.queryRows(
          sql`SELECT list(x ORDER BY i) AS x, list(t_x ORDER BY i) AS tx, list("T" ORDER BY i) AS big_t, list(m ORDER BY i) AS m${
            holdout ? sql`, list(x_holdout ORDER BY i) AS xh, any_value(duration_holdout) AS dh` : sql``
          } FROM ${ident(table)}`.text,
        );
      const [cal] = await columns(calTable, withHoldout);
      const [cur] = withHoldout ? await columns(curTable, false) : [undefined];
      // Repeat purchase days of the calibration cohort, by day relative to the calibration end.
      const repeat = await ws.engine.queryRows(
        sql`WITH d AS (SELECT DISTINCT customer_id, CAST(occurred_at AS DATE) AS day FROM ${ident(purchases)}),
f AS (SELECT customer_id, min(day) AS first FROM d GROUP BY 1 HAVING min(day) <= CAST(${calibrationEnd} AS DATE))
SELECT list(date_diff('day', CAST(${calibrationEnd} AS DATE), day) ORDER BY day) AS day, list(n ORDER BY day) AS n FROM (
  SELECT d.day, count(*) AS n FROM d JOIN f USING (customer_id) WHERE d.day > f.first GROUP BY 1)`.text,
      );
      lap('summary');

      const x = numbers(cal.x);
      const input = {
        x,
        tx: numbers(cal.tx),
        T: numbers(cal.big_t),
        m: numbers(cal.m),
        xHoldout: withHoldout ? numbers(cal.xh) : null,
        holdoutDuration: withHoldout ? Number(cal.dh) : null,
        repeatDays: { day: numbers(repeat[0]?.day), count: numbers(repeat[0]?.n) },
        current: cur ? { x: numbers(cur.x), tx: numbers(cur.tx), T: numbers(cur.big_t), m: numbers(cur.m) } : undefined,
      };
      const run = await models().analyze(
        input,
        { model: spec.model, unit: spec.unit, horizon: spec.horizon, discountRate: spec.discountRate, margin: spec.margin },
        (phase, fraction) => progress(phase, 0.1 + 0.7 * fraction),
      );
      lap('fit');

      progress('Saving per-customer values', 0.85);
      await writePredictions(ws, predTable, run.predictions);
      const source = withHoldout ? curTable : calTable;
      const result = await ws.engine.materialize(
        cell.name,
        sql`SELECT s.customer_id, s.x, s.t_x, s."T", s.m AS mean_spend, p.p_alive, p.expected_purchases, p.expected_spend, p.predicted_clv
FROM ${ident(source)} s JOIN ${ident(predTable)} p USING (i)
ORDER BY p.predicted_clv DESC NULLS LAST, s.customer_id`.text,
      );
      const f = ident('customer_features');
      const c = ident(cell.name);
      await ws.engine.execute([
        sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS p_alive DOUBLE`.text,
        sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS expected_purchases DOUBLE`.text,
        sql`ALTER TABLE ${f} ADD COLUMN IF NOT EXISTS predicted_clv DOUBLE`.text,
        sql`UPDATE ${f} SET p_alive = NULL, expected_purchases = NULL, predicted_clv = NULL`.text,
        sql`UPDATE ${f} SET p_alive = c.p_alive, expected_purchases = c.expected_purchases, predicted_clv = c.predicted_clv
FROM ${c} c WHERE ${f}.customer_id = c.customer_id`.text,
      ]);
      lap('save');
      progress('Done', 1);
      const data: ClvCellData = { analysis: run.analysis, calibrationEnd, holdoutEnd, asOf: built.asOf, timings: { ...timings, ...prefixed(run.analysis.timings) } };
      return { result, rows: null, data };
    } finally {
      await ws.engine
        .execute([
          sql`DROP VIEW IF EXISTS ${ident(purchases)}`.text,
          sql`DROP TABLE IF EXISTS ${ident(calTable)}`.text,
          sql`DROP TABLE IF EXISTS ${ident(curTable)}`.text,
          sql`DROP TABLE IF EXISTS ${ident(predTable)}`.text,
        ])
        .catch(() => undefined);
      onProgress(cell.id, '', -1);
    }
  };
}

function prefixed(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [`worker.${k}`, v]));
}

/** Per-customer predictions into a table keyed by row index, as Arrow columns (no SQL text). */
async function writePredictions(ws: Workspace, table: string, p: ClvPredictions): Promise<void> {
  const n = p.pAlive.length;
  await ws.engine.insertColumns(table, [
    { name: 'i', values: Int32Array.from({ length: n }, (_, k) => k) },
    // Copies: the arrays are transferred to the engine worker, and the cell's view keeps its own.
    { name: 'p_alive', values: p.pAlive.slice() },
    { name: 'expected_purchases', values: p.expectedPurchases.slice() },
    { name: 'expected_spend', values: p.expectedSpend.slice() },
    { name: 'predicted_clv', values: p.clv.slice() },
  ]);
}
