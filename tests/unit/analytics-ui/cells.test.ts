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
    expect(k.defaultSpec()).toEqual(defaults);
    expect(k.parse({})).toEqual(defaults);
    expect(k.references?.(k.defaultSpec())).toEqual(['activity', 'as_of_date', 'customer_features']);
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
        materialize: async (name: string, text: string) => {
          calls.push(`materialize ${name}`);
          expect(text).toMatch(/FROM scored ORDER BY customer_id/);
          return { relation: name, columns: [], totalRows: 2, elapsedMs: 1 };
        },
        queryRows: async (text: string) => {
          calls.push('rows');
          return text.includes('names(segment, ordinal)') ? [{ segment: 'Champions', customers: 2, revenue: 5 }] : [{ r: 5, fm: 5, segment: 'Champions', customers: 2, revenue: 5 }];
        },
      },
    } as unknown as Workspace;
    const out = await rfmRunner(ws)(cell('rfm', DEFAULT_RFM_SPEC), nb);
    expect(calls).toEqual(['materialize rfm_1', 'rows', 'rows']);
    expect(out.result?.relation).toBe('rfm_1');
    expect(out.data).toMatchObject({ segments: [{ segment: 'Champions', customers: 2 }], grid: [{ r: 5, fm: 5 }] });
  });

  it('turns a spec problem into a plain error', async () => {
    const ws = { dm: { built: {} } } as unknown as Workspace;
    await expect(lifecycleRunner(ws)(cell('lifecycle', { atRiskDays: 400, lapsedDays: 300 }), nb)).rejects.toMatchObject({ kind: 'query', message: expect.stringMatching(/lapse/) });
  });
});
