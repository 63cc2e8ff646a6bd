import { describe, expect, it } from 'vitest';
import { LIMITS, validateSegment, type SegmentField, type SegmentIssue, type SegmentSpec } from '../../../src/lib/segments';
import type { FeatureField } from '../../../src/lib/model';
import { FIELDS } from './fixtures';
import { SAVED } from './cases';

function issues(json: unknown, fields: readonly SegmentField[] = FIELDS, segments: ReadonlyMap<string, unknown> = SAVED): readonly SegmentIssue[] {
  const result = validateSegment(json, fields, { segments });
  return result.issues;
}

function only(json: unknown, fields?: readonly SegmentField[], segments?: ReadonlyMap<string, unknown>): SegmentIssue {
  const list = issues(json, fields, segments);
  expect(list, JSON.stringify(list)).toHaveLength(1);
  return list[0];
}

const rule = (r: unknown): unknown => ({ v: 1, match: { all: [{ field: 'revenue', op: '>=', value: 1 }, { field: 'country', op: '=', value: 'France' }, r] } });

describe('validateSegment: fields, operators and values', () => {
  it('accepts a valid segment and says what it reads', () => {
    const result = validateSegment({ v: 1, name: 'Big', match: { all: [{ field: 'revenue', op: '>=', value: 500 }, { segment: 'Lapsed' }] } }, FIELDS, { segments: SAVED });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.segment.name).toBe('Big');
    expect(result.segment.fields.sort()).toEqual(['last_order_at', 'revenue']);
    expect(result.segment.segments).toEqual(['Lapsed']);
    expect(result.segment.depth).toBe(1);
  });

  it('names an unknown field with a path, the name, and a guess', () => {
    const issue = only(rule({ field: 'revenu', op: '>=', value: 1 }));
    expect(issue).toMatchObject({ path: 'match.all[2].field', code: 'unknown-field', field: 'revenu' });
    expect(issue.message).toContain('Did you mean "revenue"?');
  });

  it('says where a computed trait comes from when the data lacks it', () => {
    const fields = FIELDS.filter((f) => f.name !== 'p_alive');
    expect(only(rule({ field: 'p_alive', op: '>', value: 0.5 }), fields).message).toMatch(/lifetime-value model/);
    expect(only(rule({ field: 'rfm_score', op: '>', value: 3 }), fields).message).toMatch(/RFM/);
  });

  it('refuses an operator the field type does not take, listing the ones it does', () => {
    const issue = only(rule({ field: 'revenue', op: 'contains', value: 'x' }));
    expect(issue).toMatchObject({ path: 'match.all[2].op', code: 'wrong-operator' });
    expect(issue.message).toContain('=, !=, <, <=, >, >=, between, is_empty, is_not_empty');
    expect(only(rule({ field: 'country', op: '>', value: 'x' })).code).toBe('wrong-operator');
    expect(only(rule({ field: 'last_order_at', op: '=', value: '2024-01-01' })).code).toBe('wrong-operator');
    expect(only(rule({ field: 'channels', op: 'in', value: ['web'] })).code).toBe('wrong-operator');
    expect(only(rule({ field: 'vip', op: 'contains', value: 'true' })).code).toBe('wrong-operator');
  });

  it('refuses malformed values at the value path', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ field: 'revenue', op: '>=', value: '500' }, 'match.all[2].value', /must be a number/],
      [{ field: 'revenue', op: '>=', value: Number.NaN }, 'match.all[2].value', /must be a number, not NaN/],
      [{ field: 'revenue', op: '>=', value: Infinity }, 'match.all[2].value', /must be a number, not Infinity/],
      [{ field: 'revenue', op: 'between', value: [900, 100] }, 'match.all[2].value', /low end \(900\) is larger/],
      [{ field: 'revenue', op: 'between', value: [1] }, 'match.all[2].value', /two numbers/],
      [{ field: 'revenue', op: '>=' }, 'match.all[2].value', /needs a value/],
      [{ field: 'email', op: 'is_empty', value: 'x' }, 'match.all[2].value', /takes no value/],
      [{ field: 'country', op: 'in', value: [] }, 'match.all[2].value', /empty list/],
      [{ field: 'country', op: 'in', value: ['a', 2] }, 'match.all[2].value[1]', /must be text/],
      [{ field: 'email', op: 'contains', value: '' }, 'match.all[2].value', /is empty/],
      [{ field: 'country', op: '=', value: 'a\u0000b' }, 'match.all[2].value', /NUL/],
      [{ field: 'last_order_at', op: 'before', value: '2024-02-30' }, 'match.all[2].value', /YYYY-MM-DD/],
      [{ field: 'last_order_at', op: 'before', value: '0000-01-01' }, 'match.all[2].value', /year 1000/],
      [{ field: 'last_order_at', op: 'before', value: { daysAgo: -1 } }, 'match.all[2].value.daysAgo', /between 0 and/],
      [{ field: 'last_order_at', op: 'in_last', value: { days: 0 } }, 'match.all[2].value.days', /between 1 and/],
      [{ field: 'last_order_at', op: 'in_last', value: 90 }, 'match.all[2].value', /"days": N/],
      [{ field: 'last_order_at', op: 'between', value: ['2024-02-01', '2024-01-01'] }, 'match.all[2].value', /swap/],
      [{ field: 'vip', op: '=', value: 'true' }, 'match.all[2].value', /true or false/],
    ];
    for (const [r, path, message] of cases) {
      const issue = only(rule(r));
      expect(issue.path, JSON.stringify(r)).toBe(path);
      expect(issue.message, JSON.stringify(r)).toMatch(message);
    }
  });

  it('refuses a field of a kind segments cannot filter on', () => {
    expect(only(rule({ field: 'blob', op: '=', value: 'x' })).code).toBe('unsupported-field');
  });

  it('reports keys it does not know (typos) and every problem at once', () => {
    const list = issues({ v: 1, mach: 1, match: { all: [{ field: 'revenue', op: '>=', value: 1, vaule: 2 }, { field: 'x', op: '=', value: 1 }, { all: 'no' }] } });
    expect(list.map((i) => [i.path, i.code])).toEqual([
      ['mach', 'unknown-key'],
      ['match.all[0].vaule', 'unknown-key'],
      ['match.all[1].field', 'unknown-field'],
      ['match.all[2].all', 'bad-shape'],
    ]);
  });

  it('caps the list of problems', () => {
    const many = { v: 1, match: { all: Array.from({ length: 200 }, () => ({ field: 'nope', op: '=', value: 1 })) } };
    const list = issues(many);
    expect(list).toHaveLength(LIMITS.issues + 1);
    expect(list[LIMITS.issues].message).toBe('…and 150 more problems not listed.');
  });

  it('accepts FeatureField lists from the data model as they are', () => {
    const fromModel: FeatureField[] = [{ name: 'revenue', kind: 'number', label: 'Revenue', computed: true }];
    expect(validateSegment({ v: 1, match: { field: 'revenue', op: '>', value: 1 } }, fromModel).ok).toBe(true);
  });
});

describe('validateSegment: the envelope', () => {
  it('says a newer version made the segment, and nothing else', () => {
    const issue = only({ v: 2, match: { whatever: true } });
    expect(issue.code).toBe('newer-version');
    expect(issue.message).toMatch(/made by a newer version of Arkwright \(segment format 2\)/);
  });

  it('refuses a missing or odd version, a missing match, and non-objects', () => {
    expect(only({ match: { all: [] } })).toMatchObject({ path: 'v', code: 'bad-version' });
    expect(only({ v: '1', match: { all: [] } }).code).toBe('bad-version');
    expect(only({ v: 0, match: { all: [] } }).code).toBe('bad-version');
    expect(only({ v: 1 })).toMatchObject({ path: 'match', code: 'bad-shape' });
    for (const junk of [null, [], 'segment', 42, undefined]) expect(only(junk).code).toBe('bad-shape');
    expect(only({ v: 1, asOf: '2024-13-01', match: { all: [] } }).path).toBe('asOf');
    expect(only({ v: 1, name: 7, match: { all: [] } }).path).toBe('name');
  });

  it('refuses a node that is two things or nothing', () => {
    expect(only({ v: 1, match: { all: [], field: 'revenue' } }).message).toMatch(/has "all" and "field"/);
    expect(only({ v: 1, match: { foo: 1 } }).message).toMatch(/neither a rule nor a group/);
  });
});

describe('validateSegment: hostile shapes', () => {
  it('refuses 1,000-deep nesting with one message, not a stack overflow', () => {
    let deep: unknown = { field: 'revenue', op: '>', value: 1 };
    for (let i = 0; i < 1000; i++) deep = i % 2 ? { not: deep } : { all: [deep] };
    const issue = only({ v: 1, match: deep });
    expect(issue.code).toBe('too-deep');
    expect(issue.path.length).toBeLessThan(400);
  });

  it('refuses huge arrays without walking them', () => {
    const wide = { v: 1, match: { any: new Array(100_000).fill({ field: 'revenue', op: '>', value: 1 }) } };
    const start = performance.now();
    expect(only(wide).code).toBe('too-large');
    expect(performance.now() - start).toBeLessThan(50);
    expect(only(rule({ field: 'country', op: 'in', value: new Array(5000).fill('x') })).code).toBe('too-large');
    expect(only(rule({ field: 'country', op: '=', value: 'x'.repeat(5000) })).code).toBe('too-large');
  });

  it('reads __proto__ and constructor as plain unknown names', () => {
    const parsed = JSON.parse('{"v":1,"match":{"all":[{"field":"constructor","op":"=","value":1},{"field":"revenue","op":"toString","value":1},{"field":"revenue","op":">","value":1,"__proto__":{"polluted":true}},{"segment":"__proto__"}]}}') as unknown;
    const list = issues(parsed);
    expect(list.map((i) => [i.path, i.code])).toEqual([
      ['match.all[0].field', 'unknown-field'],
      ['match.all[1].op', 'wrong-operator'],
      ['match.all[2].__proto__', 'unknown-key'],
      ['match.all[3].segment', 'unknown-segment'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(issues({ v: 1, match: { field: 'revenue', op: '>', value: 1 }, constructor: 1 })[0].code).toBe('unknown-key');
  });
});

describe('validateSegment: activity and sequence rules', () => {
  it('takes one measure, and no window on first/last', () => {
    expect(only(rule({ activity: {}, count: { op: '>=', value: 1 }, sum: { op: '>', value: 1 } })).code).toBe('bad-shape');
    expect(only(rule({ activity: {}, first: { op: 'in_last', value: { days: 7 } }, within: { days: 7 } })).path).toBe('match.all[2].within');
  });

  it('checks counts, filters and windows', () => {
    expect(only(rule({ activity: {}, count: { op: '>=', value: 1.5 } })).path).toBe('match.all[2].count.value');
    expect(only(rule({ activity: {}, count: { op: '>=', value: -1 } })).code).toBe('bad-value');
    expect(only(rule({ activity: {}, count: { op: 'contains', value: 1 } })).code).toBe('wrong-operator');
    expect(only(rule({ activity: {}, count: { op: 'is_empty' } })).code).toBe('wrong-operator');
    const where = only(rule({ activity: { where: [{ field: 'chanel', op: '=', value: 'web' }] } }));
    expect(where).toMatchObject({ path: 'match.all[2].activity.where[0].field', code: 'unknown-field' });
    expect(where.message).toMatch(/did you mean "channel"/);
    expect(only(rule({ activity: { where: [{ field: 'amount', op: '=', value: 'x' }] } })).path).toBe('match.all[2].activity.where[0].value');
    expect(only(rule({ activity: { event: '' } })).path).toBe('match.all[2].activity.event');
    expect(only(rule({ activity: {}, within: { days: 10, from: '2024-01-01' } })).path).toBe('match.all[2].within.from');
    expect(only(rule({ activity: {}, within: { from: '2024-02-01', to: '2024-01-01' } })).message).toMatch(/swap/);
    expect(only(rule({ activity: {}, within: {} })).code).toBe('bad-shape');
    expect(only(rule({ activity: {}, within: { days: 100_000 } })).path).toBe('match.all[2].within.days');
  });

  it('checks sequences', () => {
    expect(only(rule({ sequence: { first: {}, then: {}, thenNot: {} } })).code).toBe('bad-shape');
    expect(only(rule({ sequence: { first: {} } })).code).toBe('bad-shape');
    expect(only(rule({ sequence: { first: { event: 5 }, then: {} } })).path).toBe('match.all[2].sequence.first.event');
    expect(only(rule({ sequence: { first: {}, then: {}, withinDays: 0 } })).path).toBe('match.all[2].sequence.withinDays');
  });
});

describe('validateSegment: saved segments', () => {
  const doc = (match: unknown, name?: string): SegmentSpec => ({ v: 1, ...(name ? { name } : {}), match }) as SegmentSpec;

  it('reports a cycle with the loop named', () => {
    const saved = new Map<string, unknown>([
      ['A', doc({ all: [{ segment: 'B' }] }, 'A')],
      ['B', doc({ any: [{ field: 'revenue', op: '>', value: 1 }, { segment: 'C' }] }, 'B')],
      ['C', doc({ not: { segment: 'A' } }, 'C')],
    ]);
    const issue = only(doc({ segment: 'A' }), FIELDS, saved);
    expect(issue.code).toBe('segment-cycle');
    expect(issue.cycle).toEqual(['A', 'B', 'C', 'A']);
    expect(issue.message).toBe('Segment "A" contains itself: "A" → "B" → "C" → "A".');
    expect(issue.path).toBe('match.segment');
  });

  it('reports a segment that refers to itself by its own name', () => {
    const saved = new Map<string, unknown>([['Me', doc({ field: 'revenue', op: '>', value: 1 }, 'Me')]]);
    expect(only(doc({ all: [{ segment: 'Me' }] }, 'Me'), FIELDS, saved).cycle).toEqual(['Me', 'Me']);
  });

  it('reports an unknown or broken saved segment', () => {
    expect(only(doc({ segment: 'Nope' })).code).toBe('unknown-segment');
    expect(only(doc({ segment: 'Lapsed' }), FIELDS, new Map()).message).toBe('There is no saved segment named "Lapsed".');
    const broken = new Map<string, unknown>([['Old', doc({ field: 'gone', op: '=', value: 'x' })]]);
    const issue = only(doc({ segment: 'Old' }), FIELDS, broken);
    expect(issue.code).toBe('invalid-segment');
    expect(issue.message).toMatch(/"Old" cannot be used: This data has no field "gone".*match\.field/);
  });

  it('refuses a segment that doubles itself out to thousands of rules, quickly', () => {
    const saved = new Map<string, unknown>([['s0', doc({ field: 'revenue', op: '>', value: 1 })]]);
    for (let k = 1; k <= 30; k++) saved.set(`s${k}`, doc({ all: [{ segment: `s${k - 1}` }, { segment: `s${k - 1}` }] }));
    const start = performance.now();
    expect(only(doc({ segment: 's30' }), FIELDS, saved).code).toBe('invalid-segment');
    expect(performance.now() - start).toBeLessThan(100);
    // s7 expands to 1 + 2 × (1 + s6) … = 509 nodes; s8 would be 1,021.
    const ok = validateSegment(doc({ segment: 's7' }), FIELDS, { segments: saved });
    expect(ok.ok && ok.segment.size).toBe(510);
    expect(only(doc({ segment: 's8' }), FIELDS, saved).code).toBe('invalid-segment');
  });

  it('takes a lookup function', () => {
    const result = validateSegment(doc({ segment: 'x' }), FIELDS, { segments: (name) => (name === 'x' ? doc({ all: [] }) : undefined) });
    expect(result.ok).toBe(true);
  });
});

describe('renameSegmentFields', () => {
  it('maps the fields a link names onto the loaded data, leaving activity columns alone', async () => {
    const { renameSegmentFields } = await import('../../../src/lib/segments');
    const shared = {
      v: 1,
      match: { all: [{ field: 'land', op: '=', value: 'France' }, { not: { any: [{ field: 'land', op: 'is_empty' }] } }, { activity: { where: [{ field: 'channel', op: '=', value: 'web' }] } }] },
    };
    expect(issues(shared).map((i) => [i.path, i.field])).toEqual([
      ['match.all[0].field', 'land'],
      ['match.all[1].not.any[0].field', 'land'],
    ]);
    const renamed = renameSegmentFields(shared, new Map([['land', 'country'], ['channel', 'nope']]));
    expect(validateSegment(renamed, FIELDS).ok).toBe(true);
    expect(JSON.stringify(renamed)).toContain('"field":"channel"');
    expect(shared.match.all[0].field).toBe('land');
  });
});
