import { describe, expect, it } from 'vitest';
import { cohortRows, isoDay, journeyNodeRows, rfmGridRows, stageRows, transitionRows } from '../../../src/ui/components/analytics/rows';
import { cohortCurvesSpec, cohortHeatmapSpec, COMPLETE_LABEL, INCOMPLETE_LABEL, lifecycleStackSpec, rfmGridSpec } from '../../../src/ui/components/analytics/vegaSpecs';
import { defaultPeriod, NEW_LABEL, periodsOf, transitionFlow } from '../../../src/ui/components/analytics/lifecycleFlow';
import { amount, optionalNumber, percent } from '../../../src/ui/components/analytics/autoRun';

describe('rows', () => {
  it('reads engine dates as epoch milliseconds, Date or text', () => {
    expect(isoDay(Date.UTC(2024, 2, 1))).toBe('2024-03-01');
    expect(isoDay(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(isoDay('2024-03-01 00:00:00')).toBe('2024-03-01');
    expect(isoDay(null)).toBe('');
  });
  it('types cohort, journey, grid and lifecycle rows', () => {
    const [c] = cohortRows([{ cohort: Date.UTC(2024, 0, 1), channel: null, period_index: 2, period_start: Date.UTC(2024, 2, 1), cohort_size: 10n, value: 0.5, complete: false }]);
    expect(c).toEqual({ cohort: '2024-01-01', channel: null, periodIndex: 2, periodStart: '2024-03-01', cohortSize: 10, value: 0.5, complete: false });
    expect(journeyNodeRows([{ level: 1, node: 'other:Other', label: 'Other', kind: 'other', customers: 3 }])[0].kind).toBe('other');
    expect(rfmGridRows([{ r: 5, fm: 4, segment: 'Champions', customers: 2, revenue: 10, customer_share: 0.2, revenue_share: null }])[0].revenueShare).toBeNull();
    expect(stageRows([{ period: Date.UTC(2024, 0, 1), stage: 'at_risk', customers: 4, complete: true }])[0]).toEqual({ period: '2024-01-01', stage: 'at_risk', customers: 4, complete: true });
    expect(transitionRows([{ period: '2024-02-01', from_stage: null, to_stage: 'new', customers: 1, complete: true }])[0].from).toBeNull();
  });
});

describe('chart specs', () => {
  it('draws the R × FM grid with R descending, one rect per cell, coloured by the chosen measure', () => {
    const grid = rfmGridRows([
      { r: 5, fm: 5, segment: 'Champions', customers: 3, revenue: 300 },
      { r: 1, fm: 1, segment: 'Lost', customers: 7, revenue: 20 },
    ]);
    const spec = rfmGridSpec(grid, 'revenue') as unknown as { data: { values: { count: string }[] }; encoding: { y: { sort: string } }; layer: { encoding: { color: { field?: string } } }[] };
    expect(spec.encoding.y.sort).toBe('descending');
    expect(spec.layer[0].encoding.color.field).toBe('revenue');
    expect(spec.data.values.map((v) => v.count)).toEqual(['300', '20']);
  });

  it('marks incomplete cohort periods with a lighter opacity and a legend, never as a value drop', () => {
    const rows = cohortRows([
      { cohort: '2024-01-01', channel: null, period_index: 0, period_start: '2024-01-01', cohort_size: 10, value: 1, complete: true },
      { cohort: '2024-01-01', channel: null, period_index: 1, period_start: '2024-02-01', cohort_size: 10, value: 0.1, complete: false },
    ]);
    const heat = cohortHeatmapSpec(rows, 'purchase_rate') as unknown as { data: { values: { cohort: string; value: number; completeness: string }[] }; encoding: { opacity: { scale: { domain: string[]; range: number[] } } } };
    expect(heat.encoding.opacity.scale).toEqual({ domain: [COMPLETE_LABEL, INCOMPLETE_LABEL], range: [1, 0.35] });
    expect(heat.data.values[0]).toMatchObject({ cohort: '2024-01-01 (10)', value: 100, completeness: COMPLETE_LABEL });
    expect(heat.data.values[1].completeness).toBe(INCOMPLETE_LABEL);
    // The line only joins complete periods; the incomplete one is a faint point.
    const curves = cohortCurvesSpec(rows, 'purchase_rate') as unknown as { layer: { transform?: { filter: { equal: string } }[] }[] };
    expect(curves.layer[0].transform?.[0].filter.equal).toBe(COMPLETE_LABEL);
  });

  it('stacks lifecycle stages in lifecycle order with their labels', () => {
    const spec = lifecycleStackSpec(stageRows([{ period: '2024-01-01', stage: 'at_risk', customers: 4, complete: true }])) as unknown as {
      data: { values: { stage: string; order: number }[] };
      encoding: { color: { scale: { domain: string[] } } };
    };
    expect(spec.data.values[0]).toMatchObject({ stage: 'At risk', order: 3 });
    expect(spec.encoding.color.scale.domain).toEqual(['New', 'Active', 'Returning', 'At risk', 'Lapsed']);
  });
});

describe('lifecycle flow', () => {
  const rows = transitionRows([
    { period: '2024-01-01', from_stage: null, to_stage: 'new', customers: 5, complete: true },
    { period: '2024-02-01', from_stage: 'new', to_stage: 'active', customers: 3, complete: true },
    { period: '2024-02-01', from_stage: 'new', to_stage: 'at_risk', customers: 2, complete: true },
    { period: '2024-02-01', from_stage: null, to_stage: 'new', customers: 1, complete: true },
    { period: '2024-03-01', from_stage: 'active', to_stage: 'at_risk', customers: 3, complete: false },
  ]);
  it('defaults to the latest complete period', () => {
    expect(defaultPeriod(rows)).toBe('2024-02-01');
    expect(defaultPeriod(rows.filter((r) => !r.complete))).toBe('2024-03-01');
    expect(defaultPeriod([])).toBeNull();
    expect(periodsOf(rows)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
  });
  it('makes a two-level flow whose levels add up to the same customers', () => {
    const { nodes, links } = transitionFlow(rows, '2024-02-01');
    const sum = (level: number) => nodes.filter((n) => n.level === level).reduce((s, n) => s + n.customers, 0);
    expect(sum(1)).toBe(6);
    expect(sum(2)).toBe(6);
    expect(nodes.find((n) => n.kind === 'start')?.label).toBe(NEW_LABEL);
    expect(links).toContainEqual({ level: 1, source: 'step:new', target: 'step:at_risk', customers: 2 });
  });
});

describe('format helpers', () => {
  it('formats shares, amounts and optional numbers', () => {
    expect(percent(0.1234)).toBe('12.3%');
    expect(percent(null)).toBe('–');
    expect(amount(1234.5, 1)).toBe('1,234.5');
    expect(optionalNumber(' ')).toBeNull();
    expect(optionalNumber('12')).toBe(12);
    expect(optionalNumber('x')).toBeUndefined();
  });
});
