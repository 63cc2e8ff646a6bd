import { describe, expect, it } from 'vitest';
import '../../../src/lib/notebook/kinds';
import { cellKind } from '../../../src/lib/notebook/registry';
import { NotebookError } from '../../../src/lib/notebook/errors';
import { DEFAULT_COHORT_SPEC, DEFAULT_JOURNEY_SPEC, DEFAULT_LIFECYCLE_SPEC, DEFAULT_RFM_SPEC } from '../../../src/lib/analytics';
import { cohortRunner, journeyRunner, lifecycleRunner, NEEDS_MODEL, rfmRunner } from '../../../src/ui/state/analyticsRunners';
import type { Workspace } from '../../../src/ui/state/workspace.svelte';
import type { NotebookCell } from '../../../src/lib/notebook/document';
import type { NotebookState } from '../../../src/ui/state/notebook.svelte';

describe('analysis cell kinds', () => {
  it.each([
    ['rfm', 'RFM', DEFAULT_RFM_SPEC],
    ['cohort', 'Cohorts', DEFAULT_COHORT_SPEC],
    ['journey', 'Journeys', DEFAULT_JOURNEY_SPEC],
    ['lifecycle', 'Lifecycle', DEFAULT_LIFECYCLE_SPEC],
  ])('%s is registered with its label, the library default, and reads the data model', (kind, label, defaults) => {
    const k = cellKind(kind);
    expect(k.label).toBe(label);
    expect(k.defaultSpec()).toEqual({ ...defaults, segment: null });
    expect(k.parse({})).toEqual({ ...defaults, segment: null });
    expect(k.references?.(k.defaultSpec())).toEqual(['activity', 'as_of_date', 'customer_features', 'order_days']);
  });

  it.each(['rfm', 'cohort', 'journey', 'lifecycle'])('%s may be narrowed to a saved segment, and then depends on it', (kind) => {
    const k = cellKind(kind);
    const spec = k.parse({ segment: 'Big Spenders' });
    expect(spec).toMatchObject({ segment: 'Big Spenders' });
    expect(k.references?.(spec)).toEqual(['activity', 'as_of_date', 'customer_features', 'order_days', 'big spenders']);
    expect(() => k.parse({ segment: 42 })).toThrow(/segment: must be the name of a saved segment/);
    expect(() => k.parse({ segment: '  ' })).toThrow(NotebookError);
  });

  it('reports a bad spec as a notebook error at the path of the problem', () => {
    try {
      cellKind('lifecycle').parse({ atRiskDays: 400, lapsedDays: 300 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotebookError);
      expect((e as NotebookError).message).toMatch(/at risk before they lapse/);
    }
    expect(() => cellKind('cohort').parse({ metric: 'nope' })).toThrow(NotebookError);
  });
});

describe('analysis runners', () => {
  const cell = (kind: string, spec: unknown): NotebookCell => ({ id: 'c1', kind, name: 'rfm_1', spec, collapsed: false }) as unknown as NotebookCell;
  const nb = {} as NotebookState;

  it('need the built customer view', async () => {
    const ws = { dm: { built: null } } as unknown as Workspace;
    for (const runner of [rfmRunner, cohortRunner, journeyRunner, lifecycleRunner]) {
      await expect(runner(ws)(cell('rfm', {}), nb)).rejects.toMatchObject({ kind: 'query', message: NEEDS_MODEL });
    }
  });

  it('RFM keeps the scores as the cell table and returns segments and grid', async () => {
    const calls: string[] = [];
    const ws = {
      dm: { built: {} },
      engine: {
        execute: async (texts: string[]) => {
          calls.push(`execute ${texts.length}`);
          expect(texts.at(-1)).toMatch(/UPDATE "customer_features" SET "rfm_recency" = s\.r/);
        },
        materialize: async (name: string, text: string) => {
          calls.push(`materialize ${name}`);
          expect(text).toMatch(/FROM scored ORDER BY customer_id/);
          return { relation: name, columns: [], totalRows: 2, elapsedMs: 1 };
        },
        queryRows: async (text: string) => {
          calls.push('rows');
          expect(text).toMatch(/WITH scored AS \(SELECT \* FROM "rfm_1"\)/);
          return text.includes('names(segment, ordinal)') ? [{ segment: 'Champions', customers: 2, revenue: 5 }] : [{ r: 5, fm: 5, segment: 'Champions', customers: 2, revenue: 5 }];
        },
      },
    } as unknown as Workspace;
    const out = await rfmRunner(ws)(cell('rfm', DEFAULT_RFM_SPEC), nb);
    // Scored once: the segments and the grid are summaries of the cell's table; then the traits are written.
    expect(calls).toEqual(['materialize rfm_1', 'rows', 'rows', 'execute 7']);
    expect(out.result?.relation).toBe('rfm_1');
    expect(out.data).toMatchObject({ segments: [{ segment: 'Champions', customers: 2 }], grid: [{ r: 5, fm: 5 }] });
  });

  it('turns a spec problem into a plain error', async () => {
    const ws = { dm: { built: {} } } as unknown as Workspace;
    await expect(lifecycleRunner(ws)(cell('lifecycle', { atRiskDays: 400, lapsedDays: 300 }), nb)).rejects.toMatchObject({ kind: 'query', message: expect.stringMatching(/lapse/) });
  });
});
