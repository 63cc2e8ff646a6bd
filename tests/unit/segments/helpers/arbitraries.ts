/**
 * fast-check arbitraries for segment documents: adversarial text (SQL injection, NUL,
 * unicode, prototype keys), malformed values, well-typed rules for the given fields (so that
 * a good share reach the compiler), nested groups, hostile shapes (1,500-deep, 50,000-wide)
 * and share links, whole or damaged.
 */
import fc from 'fast-check';
import type { SegmentField } from '../../../../src/lib/segments';

export const ATTACKS = [
  "'; DROP TABLE secrets; --",
  '"; DROP TABLE secrets; --',
  "COPY customer_features TO '/tmp/leak.csv'",
  "ATTACH 'evil.db' AS evil",
  "read_csv('https://evil.example/x.csv')",
  "') UNION SELECT * FROM secrets --",
  "x' OR '1'='1",
  "\\'; DROP TABLE secrets; --",
  '\\',
  "E'\\''",
  '*/ DROP TABLE secrets /*',
  '--',
  '$$; DROP TABLE secrets; $$',
  'a\u0000b',
  '\u202e\u0000',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ünï 🎉 İ ß',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'x'.repeat(1001),
  'NULL',
  '1; SELECT 1',
  '%27%3B',
];

const DATA_WORDS = ['web', 'store', 'France', 'purchase', 'Mug', 'Home', 'email_click', 'example', "o'b"];

export interface ArbitraryOptions {
  fields: readonly SegmentField[];
  savedNames: readonly string[];
  /** Only printable ASCII and the data's own words: for comparing engines, whose case folding differs beyond ASCII. */
  plain?: boolean;
}

export function segmentArbitraries({ fields, savedNames, plain = false }: ArbitraryOptions) {
  const text: fc.Arbitrary<string> = plain
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DATA_WORDS, "x' OR '1'='1", "\\'; DROP TABLE secrets; --", '%') }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) })
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...ATTACKS) },
        { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
        { weight: 1, arbitrary: fc.constantFrom(...DATA_WORDS) },
      );
  const number = plain
    ? fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.constantFrom(0.5, 120.5, 250, 312.5))
    : fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, 5e-324));
  const date = fc.oneof(
    fc.constantFrom('2024-06-30', '2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31', '2024-6-1', "2024-01-01' OR '1'='1"),
    fc.record({ daysAgo: fc.oneof(fc.integer({ min: -2, max: 400 }), number) }),
  );
  const protoObject = fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
    JSON.parse('{"days": 5, "__proto__": null}') as unknown,
  );
  const value = fc.oneof(
    number,
    text,
    fc.boolean(),
    fc.constantFrom(null, undefined, new Array(5000).fill('x')),
    fc.array(text, { maxLength: 4 }),
    fc.tuple(number, number),
    fc.tuple(date, date),
    date,
    fc.record({ days: fc.oneof(fc.integer({ min: -1, max: 400 }), number) }),
    protoObject,
  );
  const ALL_OPS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'before', 'after', 'on', 'in_last', 'contains_any', 'contains_all', 'is_empty', 'is_not_empty'];
  const op = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ALL_OPS) }, { weight: 1, arbitrary: text });
  const fieldName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields.map((f) => f.name)) }, { weight: 1, arbitrary: text });

  /** Well-typed tests for each kind of field. */
  const texts = fc.array(text, { minLength: 1, maxLength: 3 });
  const dayRef = fc.oneof(fc.constantFrom('2023-01-01', '2024-01-01', '2024-06-30'), fc.record({ daysAgo: fc.integer({ min: 0, max: 400 }) }));
  const presence = fc.constantFrom({ op: 'is_empty' }, { op: 'is_not_empty' });
  const testsByFamily: Record<string, fc.Arbitrary<object>> = {
    text: fc.oneof(presence, fc.record({ op: fc.constantFrom('=', '!=', 'contains', 'not_contains', 'starts_with'), value: text }), fc.record({ op: fc.constantFrom('in', 'not_in'), value: texts })),
    number: fc.oneof(
      presence,
      fc.record({ op: fc.constantFrom('=', '!=', '<', '<=', '>', '>='), value: plain ? number : fc.double({ noNaN: true, noDefaultInfinity: true }) }),
      fc.record({ op: fc.constant('between'), value: fc.tuple(fc.integer({ min: -10, max: 100 }), fc.integer({ min: 100, max: 3000 })) }),
    ),
    date: fc.oneof(
      presence,
      fc.record({ op: fc.constantFrom('before', 'after', 'on'), value: dayRef }),
      fc.record({ op: fc.constant('in_last'), value: fc.record({ days: fc.integer({ min: 1, max: 400 }) }) }),
      fc.record({ op: fc.constant('between'), value: fc.constantFrom([{ daysAgo: 300 }, { daysAgo: 10 }], ['2023-06-01', '2024-04-01']) }),
    ),
    boolean: fc.oneof(presence, fc.record({ op: fc.constantFrom('=', '!='), value: fc.boolean() })),
    list: fc.oneof(presence, fc.record({ op: fc.constant('contains'), value: text }), fc.record({ op: fc.constantFrom('contains_any', 'contains_all'), value: texts })),
  };
  const FAMILY: Record<string, string> = { integer: 'number', timestamp: 'date' };
  const typedRule = (field: SegmentField): fc.Arbitrary<unknown> =>
    (testsByFamily[FAMILY[field.kind] ?? field.kind] ?? fc.record({ op, value })).map((test) => ({ field: field.name, ...test }));

  const randomRule = fc.record({ field: fieldName, op, value }, { requiredKeys: ['field', 'op'] });
  const wild = plain ? 0 : 1;
  const fieldRule = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...fields).chain(typedRule) }, { weight: wild, arbitrary: randomRule });
  const activityWhere = fc.oneof(
    { depthSize: 'small' },
    { weight: 3, arbitrary: fc.record({ field: fc.constantFrom('channel', 'product', 'category', 'order_id', 'event'), op: fc.constantFrom('=', '!=', 'contains', 'starts_with'), value: text }) },
    { weight: 2, arbitrary: fc.record({ field: fc.constantFrom('channel', 'product', 'category'), op: fc.constantFrom('in', 'not_in'), value: texts }) },
    { weight: 2, arbitrary: fc.record({ field: fc.constant('amount'), op: fc.constantFrom('>', '<=', '='), value: fc.integer({ min: -10, max: 500 }) }) },
    { weight: 1, arbitrary: fc.record({ field: fc.constant('amount'), op: fc.constantFrom('between', 'is_empty'), value: fc.oneof(number, fc.constant([0, 100])) }) },
    { weight: wild, arbitrary: randomRule },
  );
  const event = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(null, 'purchase', 'email_click', 'return') }, { weight: 1, arbitrary: text });
  const activityFilter = fc.record({ event, where: fc.array(activityWhere, { maxLength: 2 }) }, { requiredKeys: [] });
  const window = fc.oneof(
    { weight: 3, arbitrary: fc.record({ days: fc.integer({ min: 1, max: 400 }) }) },
    { weight: 2, arbitrary: fc.record({ from: fc.constantFrom('2023-06-01', { daysAgo: 200 }), to: fc.constantFrom('2024-06-30', '2024-01-01', { daysAgo: 0 }) }, { requiredKeys: [] }) },
    { weight: wild, arbitrary: fc.oneof(fc.record({ days: number }), fc.record({ from: date, to: date }, { requiredKeys: [] }), value) },
  );
  const countTest = fc.record({ op: fc.constantFrom('=', '!=', '<', '<=', '>', '>='), value: fc.integer({ min: 0, max: 5 }) });
  const amountTest = fc.record({ op: fc.constantFrom('<', '<=', '>', '>=', '='), value: fc.constantFrom(0, 60, 100, 250, 500, 1000) });
  const timeTest = fc.record({
    op: fc.constantFrom('before', 'after', 'on', 'in_last'),
    value: fc.constantFrom('2024-01-01', { daysAgo: 0 }, { daysAgo: 30 }, { days: 31 }, { days: 400 }),
  });
  const wildMeasure = fc.record({ op, value: fc.oneof(fc.integer({ min: 0, max: 5 }), value) });
  const measured = fc.oneof(
    fc.record({ count: countTest }),
    fc.record({ sum: amountTest }),
    fc.record({ average: amountTest }),
    fc.record({ first: timeTest }),
    fc.record({ last: timeTest }),
    fc.constant({}),
    { weight: wild, arbitrary: fc.record({ count: wildMeasure, sum: wildMeasure }, { requiredKeys: [] }) },
  );
  const activityRule = fc.tuple(activityFilter, measured, fc.option(window, { nil: undefined })).map(([activity, measure, within]) => ({
    activity,
    ...measure,
    ...(within === undefined || 'first' in measure || 'last' in measure ? {} : { within }),
  }));
  const gap = fc.integer({ min: 1, max: 30 });
  const sequenceRule = fc.record(
    {
      sequence: fc.oneof(
        { weight: 4, arbitrary: fc.record({ first: activityFilter, then: activityFilter, withinDays: gap }, { requiredKeys: ['first', 'then'] }) },
        { weight: 4, arbitrary: fc.record({ first: activityFilter, thenNot: activityFilter, withinDays: gap }, { requiredKeys: ['first', 'thenNot'] }) },
        { weight: wild, arbitrary: fc.record({ first: activityFilter, then: activityFilter, thenNot: activityFilter, withinDays: fc.oneof(gap, number) }, { requiredKeys: ['first'] }) },
      ),
      within: window,
    },
    { requiredKeys: ['sequence'] },
  );
  const segmentRef = fc.record({ segment: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...savedNames) }, { weight: wild, arbitrary: text }) });

  const { node } = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      { weight: 6, arbitrary: fieldRule },
      { weight: 3, arbitrary: activityRule },
      { weight: 1, arbitrary: sequenceRule },
      { weight: 1, arbitrary: segmentRef },
      { weight: 2, arbitrary: fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }) },
      { weight: 2, arbitrary: fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ not: tie('node') }) },
    ),
  }));

  const hostileShape = fc.oneof(
    fc.integer({ min: 30, max: 1500 }).map((d) => nest(d, { field: 'revenue', op: '>', value: 1 })),
    fc.integer({ min: 1001, max: 50_000 }).map((n) => ({ all: new Array(n).fill({ field: 'revenue', op: '>', value: 1 }) })),
    fc.jsonValue(),
    fc.anything({ withNullPrototype: true, withObjectString: true }),
    protoObject,
  );

  const wellFormed = fc.record(
    { v: fc.constant(1), name: fc.option(text, { nil: undefined }), asOf: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: plain ? fc.constant('2024-03-31') : date }), match: node },
    { requiredKeys: ['v', 'match'] },
  );
  const spec = plain
    ? wellFormed
    : fc.oneof(
        { weight: 8, arbitrary: wellFormed },
        { weight: 1, arbitrary: fc.record({ v: fc.oneof(fc.constant(1), fc.constant(2), number, text), match: fc.oneof(node, hostileShape) }) },
        { weight: 1, arbitrary: hostileShape },
      );

  /** [spec, how to damage its link, where, a digit]; 'raw' carries a string as the link itself. */
  const link = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(spec as fc.Arbitrary<unknown>, fc.constantFrom('whole', 'cut', 'flip', 'version', 'junk'), fc.nat(), fc.nat(9)) },
    { weight: 1, arbitrary: fc.tuple(fc.string().map((s): unknown => `#segment=1.${s}`), fc.constant('raw'), fc.nat(), fc.nat()) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary' }) as fc.Arbitrary<unknown>, fc.constant('raw'), fc.nat(), fc.nat()) },
  );

  return { spec, node, link };
}

function nest(depth: number, inner: unknown): unknown {
  let n = inner;
  for (let i = 0; i < depth; i++) n = i % 3 === 0 ? { not: n } : { [i % 2 ? 'all' : 'any']: [n] };
  return n;
}
