/**
 * An analysis cell narrowed to a saved segment: the runner compiles the notebook's segment
 * and the answer counts its customers only (hand-computed on a small fixture, real engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortRunner, rfmRunner } from '../../../src/ui/state/analyticsRunners';
import type { Workspace } from '../../../src/ui/state/workspace.svelte';
import type { NotebookState } from '../../../src/ui/state/notebook.svelte';
import type { NotebookCell } from '../../../src/lib/notebook/document';
import type { CohortData, RfmData } from '../../../src/ui/components/analytics/rows';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadCanonical, type ActivityRow } from '../analytics/fixtures';

// As of 2024-02-29. Net revenue: A 150, B 20, C 300 — the segment "Big spenders" (revenue ≥ 100) is A and C.
const ROWS: ActivityRow[] = [
  ['A', '2024-01-05 10:00', 100, 'a1', 'web', 'purchase'],
  ['A', '2024-02-10 10:00', 50, 'a2', 'web', 'purchase'],
  ['B', '2024-01-20 10:00', 20, 'b1', 'store', 'purchase'],
  ['C', '2024-02-03 10:00', 300, 'c1', 'web', 'purchase'],
];

const SEGMENT = { v: 1, name: 'Big spenders', asOf: null, match: { all: [{ field: 'revenue', op: '>=', value: 100 }] } };

let db: TestDb;
let ws: Workspace;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, '2024-02-29');
  ws = {
    dm: { built: { asOf: '2024-02-29' }, model: { v: 1, asOf: null, tables: [] } },
    engine: {
      queryRows: async (text: string) => db.query(text),
      materialize: async (name: string, text: string) => {
        db.query(`CREATE OR REPLACE TABLE "${name}" AS ${text}`);
        return { relation: name, columns: [], totalRows: 0, elapsedMs: 0 };
      },
      execute: async (texts: string[]) => {
        for (const t of texts) db.query(t);
      },
    },
  } as unknown as Workspace;
});
afterAll(() => db.close());

const notebook = (cells: Array<Pick<NotebookCell, 'kind' | 'name' | 'spec'>>): NotebookState =>
  ({ doc: { cells: cells.map((c, i) => ({ id: `c${i}`, collapsed: false, ...c })) } }) as unknown as NotebookState;
const cell = (kind: string, spec: unknown): NotebookCell => ({ id: 'x', kind, name: `${kind}_1`, spec, collapsed: false }) as unknown as NotebookCell;
const nb = notebook([{ kind: 'segment', name: 'segment_1', spec: SEGMENT }]);

describe('analysis cells narrowed to a saved segment', () => {
  it('cohorts count only the segment’s customers', async () => {
    const rate = (out: { data?: unknown }) => (out.data as CohortData).rows.map((r) => [r.cohort, r.periodIndex, r.cohortSize, r.value]);
    // All: January = A, B (A buys again in February); February = C.
    expect(rate(await cohortRunner(ws)(cell('cohort', { segment: null }), nb))).toEqual([
      ['2024-01-01', 0, 2, 1], ['2024-01-01', 1, 2, 0.5], ['2024-02-01', 0, 1, 1],
    ]);
    // Big spenders: January = A alone, who bought again.
    expect(rate(await cohortRunner(ws)(cell('cohort', { segment: 'Big spenders' }), nb))).toEqual([
      ['2024-01-01', 0, 1, 1], ['2024-01-01', 1, 1, 1], ['2024-02-01', 0, 1, 1],
    ]);
  });

  it('RFM scores only the segment’s customers, and writes scores for them alone', async () => {
    const out = await rfmRunner(ws)(cell('rfm', { segment: 'Big spenders' }), nb);
    expect((out.data as RfmData).segments.reduce((s, x) => s + x.customers, 0)).toBe(2);
    expect(db.query('SELECT customer_id FROM customer_features WHERE rfm_segment IS NOT NULL ORDER BY customer_id').map((r) => r.customer_id)).toEqual(['A', 'C']);
  });

  it('says so when the segment is gone', async () => {
    await expect(cohortRunner(ws)(cell('cohort', { segment: 'Nobody' }), nb)).rejects.toMatchObject({ kind: 'query', message: expect.stringMatching(/no saved segment “Nobody”/) });
  });
});
