/**
 * Segments over the fixtures with their members computed by hand (see fixtures.ts for the
 * story of each customer). Run against DuckDB and, when a server is available, PostgreSQL.
 */
import type { NodeSpec, SegmentSpec } from '../../../src/lib/segments';

export interface SegmentCase {
  name: string;
  spec: SegmentSpec;
  members: string[];
}

const seg = (match: NodeSpec, extra: Partial<SegmentSpec> = {}): SegmentSpec => ({ v: 1, ...extra, match });

/** Saved segments that rules refer to by name. */
export const SAVED = new Map<string, SegmentSpec>([
  ['Big spenders', seg({ field: 'revenue', op: '>=', value: 1000 }, { name: 'Big spenders' })],
  ['Lapsed', seg({ field: 'last_order_at', op: 'before', value: { daysAgo: 180 } }, { name: 'Lapsed' })],
  // Pinned to January: "bought in the last 31 days" as of 2024-01-31.
  ['January buyers', seg({ activity: { event: 'purchase' }, within: { days: 31 } }, { name: 'January buyers', asOf: '2024-01-31' })],
  ['Big or lapsed', seg({ any: [{ segment: 'Big spenders' }, { segment: 'Lapsed' }] }, { name: 'Big or lapsed' })],
]);

export const FIELD_CASES: SegmentCase[] = [
  { name: 'number >=', spec: seg({ field: 'revenue', op: '>=', value: 500 }), members: ['c1', 'c2', 'c5'] },
  { name: 'number between (inclusive)', spec: seg({ field: 'revenue', op: 'between', value: [100, 900] }), members: ['c1', 'c2', 'c3'] },
  { name: 'number <', spec: seg({ field: 'revenue', op: '<', value: 100 }), members: ['c4', 'c6'] },
  { name: 'number !=', spec: seg({ field: 'revenue', op: '!=', value: 500 }), members: ['c1', 'c3', 'c4', 'c5', 'c6'] },
  { name: 'number <= and > on integers', spec: seg({ all: [{ field: 'orders', op: '<=', value: 5 }, { field: 'orders', op: '>', value: 1 }] }), members: ['c1', 'c2'] },
  { name: 'number = with a fraction', spec: seg({ field: 'revenue', op: '=', value: 120.5 }), members: ['c3'] },
  { name: 'number is_empty', spec: seg({ field: 'p_alive', op: 'is_empty' }), members: ['c3', 'c4'] },
  { name: 'computed trait by name', spec: seg({ field: 'p_alive', op: '>', value: 0.5 }), members: ['c1', 'c5'] },
  { name: 'text =', spec: seg({ field: 'country', op: '=', value: 'France' }), members: ['c1', 'c5'] },
  { name: 'text != leaves out customers with no value', spec: seg({ field: 'country', op: '!=', value: 'France' }), members: ['c2', 'c3', 'c6'] },
  { name: 'not (text =) keeps customers with no value', spec: seg({ not: { field: 'country', op: '=', value: 'France' } }), members: ['c2', 'c3', 'c4', 'c6'] },
  { name: 'text in', spec: seg({ field: 'country', op: 'in', value: ['France', 'Germany'] }), members: ['c1', 'c2', 'c5'] },
  { name: 'text not_in', spec: seg({ field: 'country', op: 'not_in', value: ['France', 'Germany'] }), members: ['c3', 'c6'] },
  { name: 'text contains ignores case', spec: seg({ field: 'email', op: 'contains', value: 'EXAMPLE.COM' }), members: ['c1', 'c5', 'c6'] },
  { name: 'text not_contains', spec: seg({ field: 'email', op: 'not_contains', value: 'example' }), members: ['c4'] },
  { name: 'text starts_with a quote', spec: seg({ field: 'email', op: 'starts_with', value: "O'B" }), members: ['c6'] },
  { name: 'text starts_with is not contains', spec: seg({ field: 'email', op: 'starts_with', value: 'example' }), members: [] },
  { name: 'text is_empty (NULL or blank)', spec: seg({ field: 'email', op: 'is_empty' }), members: ['c3', 'c4'] },
  { name: 'text is_not_empty', spec: seg({ field: 'email', op: 'is_not_empty' }), members: ['c1', 'c2', 'c5', 'c6'] },
  { name: 'text with a backslash and quotes matches nothing', spec: seg({ field: 'email', op: '=', value: "\\'; DROP TABLE activity; --" }), members: [] },
  { name: 'computed segment name', spec: seg({ field: 'rfm_segment', op: '=', value: 'Champions' }), members: ['c1', 'c5'] },
  { name: 'date before N days ago', spec: seg({ field: 'last_order_at', op: 'before', value: { daysAgo: 180 } }), members: ['c2', 'c6'] },
  { name: 'date in the last 90 days leaves out day 90', spec: seg({ field: 'last_order_at', op: 'in_last', value: { days: 90 } }), members: ['c1', 'c5'] },
  { name: 'date in the last 91 days takes day 90', spec: seg({ field: 'last_order_at', op: 'in_last', value: { days: 91 } }), members: ['c1', 'c3', 'c5'] },
  { name: 'date in the last 1 day is the as-of day', spec: seg({ field: 'last_order_at', op: 'in_last', value: { days: 1 } }), members: ['c1'] },
  { name: 'date after (strictly)', spec: seg({ field: 'last_order_at', op: 'after', value: '2024-06-01' }), members: ['c1'] },
  { name: 'date on the as-of date', spec: seg({ field: 'last_order_at', op: 'on', value: { daysAgo: 0 } }), members: ['c1'] },
  { name: 'date between (inclusive, whole days)', spec: seg({ field: 'last_order_at', op: 'between', value: ['2024-01-01', '2024-04-01'] }), members: ['c2', 'c3'] },
  { name: 'date between relative dates', spec: seg({ field: 'last_order_at', op: 'between', value: [{ daysAgo: 181 }, { daysAgo: 90 }] }), members: ['c2', 'c3'] },
  { name: 'date is_empty', spec: seg({ field: 'last_order_at', op: 'is_empty' }), members: ['c4'] },
  { name: 'date field of DATE type', spec: seg({ field: 'signup_date', op: 'before', value: '2023-01-01' }), members: ['c5'] },
  { name: 'boolean = true', spec: seg({ field: 'vip', op: '=', value: true }), members: ['c1', 'c4'] },
  { name: 'boolean != true leaves out unknown', spec: seg({ field: 'vip', op: '!=', value: true }), members: ['c2', 'c5'] },
  { name: 'boolean is_empty', spec: seg({ field: 'vip', op: 'is_empty' }), members: ['c3', 'c6'] },
  { name: 'list contains', spec: seg({ field: 'channels', op: 'contains', value: 'store' }), members: ['c1', 'c2', 'c5'] },
  { name: 'list contains_any', spec: seg({ field: 'channels', op: 'contains_any', value: ['app', 'email'] }), members: ['c5'] },
  { name: 'list contains_all', spec: seg({ field: 'channels', op: 'contains_all', value: ['web', 'store'] }), members: ['c1', 'c5'] },
  { name: 'list is_empty (NULL or [])', spec: seg({ field: 'channels', op: 'is_empty' }), members: ['c4', 'c6'] },
  { name: 'list is_not_empty', spec: seg({ field: 'channels', op: 'is_not_empty' }), members: ['c1', 'c2', 'c3', 'c5'] },
  { name: 'field names ignore case when unambiguous', spec: seg({ field: 'Country', op: '=', value: 'Spain' }), members: ['c3'] },
];

export const ACTIVITY_CASES: SegmentCase[] = [
  { name: 'did a purchase (the default event), ever', spec: seg({ activity: {} }), members: ['c1', 'c2', 'c3', 'c5', 'c6'] },
  { name: 'did a purchase in the last 365 days', spec: seg({ activity: { event: 'purchase' }, within: { days: 365 } }), members: ['c1', 'c2', 'c3', 'c5'] },
  {
    name: 'in store at least twice in 365 days (DESIGN example)',
    spec: seg({ activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 2 }, within: { days: 365 } }),
    members: ['c1', 'c5'],
  },
  { name: 'did not purchase in the last 90 days', spec: seg({ activity: {}, count: { op: '=', value: 0 }, within: { days: 90 } }), members: ['c2', 'c3', 'c4', 'c6'] },
  { name: 'at most once (zero passes)', spec: seg({ activity: {}, count: { op: '<=', value: 1 } }), members: ['c3', 'c4', 'c6'] },
  { name: 'exactly twice', spec: seg({ activity: {}, count: { op: '=', value: 2 } }), members: ['c2'] },
  { name: 'count between', spec: seg({ activity: {}, count: { op: 'between', value: [2, 5] } }), members: ['c1', 'c2'] },
  { name: 'sum of amount at least 1,000', spec: seg({ activity: {}, sum: { op: '>=', value: 1000 } }), members: ['c5'] },
  { name: 'sum under 100 in 365 days (no activity sums to 0)', spec: seg({ activity: {}, sum: { op: '<', value: 100 }, within: { days: 365 } }), members: ['c4', 'c6'] },
  { name: 'average amount at least 250', spec: seg({ activity: {}, average: { op: '>=', value: 250 } }), members: ['c2', 'c5'] },
  { name: 'any event, 3 times in the last 30 days', spec: seg({ activity: { event: null }, count: { op: '>=', value: 3 }, within: { days: 30 } }), members: ['c1'] },
  { name: 'first purchase in the last 365 days', spec: seg({ activity: {}, first: { op: 'in_last', value: { days: 365 } } }), members: ['c3'] },
  { name: 'last purchase over 180 days ago ignores activity after the as-of date', spec: seg({ activity: {}, last: { op: 'before', value: { daysAgo: 180 } } }), members: ['c2', 'c6'] },
  { name: 'filtered by amount', spec: seg({ activity: { where: [{ field: 'amount', op: '>', value: 200 }] } }), members: ['c1', 'c2', 'c5'] },
  {
    name: 'filtered by product and category',
    spec: seg({ activity: { where: [{ field: 'product', op: 'in', value: ['Mug'] }, { field: 'category', op: '=', value: 'Kitchen' }] } }),
    members: ['c1', 'c3', 'c5', 'c6'],
  },
  { name: 'between dates (whole end day)', spec: seg({ activity: {}, within: { from: '2023-12-01', to: '2024-01-01' } }), members: ['c1', 'c2', 'c5'] },
  { name: 'from a date only', spec: seg({ activity: {}, within: { from: '2024-06-02' } }), members: ['c1'] },
  { name: 'a return event', spec: seg({ activity: { event: 'return' } }), members: ['c3'] },
  { name: 'the 90-day window starts 89 days before the as-of date', spec: seg({ activity: { event: 'return' }, within: { days: 90 } }), members: ['c3'] },
  { name: 'the 89-day window leaves that day out', spec: seg({ activity: { event: 'return' }, within: { days: 89 } }), members: [] },
  { name: 'in the last 1 day: the as-of day only', spec: seg({ activity: {}, within: { days: 1 } }), members: ['c1'] },
];

export const SEQUENCE_CASES: SegmentCase[] = [
  { name: 'clicked then purchased within 7 days', spec: seg({ sequence: { first: { event: 'email_click' }, then: {}, withinDays: 7 } }), members: ['c1'] },
  { name: 'clicked then purchased within 14 days', spec: seg({ sequence: { first: { event: 'email_click' }, then: { event: 'purchase' }, withinDays: 14 } }), members: ['c1', 'c3'] },
  { name: 'clicked then did not purchase within 7 days', spec: seg({ sequence: { first: { event: 'email_click' }, thenNot: {}, withinDays: 7 } }), members: ['c2', 'c3', 'c4'] },
  { name: 'clicked then purchased, any time later', spec: seg({ sequence: { first: { event: 'email_click' }, then: {} } }), members: ['c1', 'c3'] },
  { name: 'clicked in the last 30 days then purchased within 14', spec: seg({ sequence: { first: { event: 'email_click' }, then: {}, withinDays: 14 }, within: { days: 30 } }), members: ['c1'] },
  {
    name: 'bought in store then on the web',
    spec: seg({ sequence: { first: { where: [{ field: 'channel', op: '=', value: 'store' }] }, then: { where: [{ field: 'channel', op: '=', value: 'web' }] } } }),
    members: ['c1', 'c5'],
  },
];

export const GROUP_CASES: SegmentCase[] = [
  {
    name: 'nested all / not any / activity',
    spec: seg({
      all: [
        { field: 'revenue', op: '>=', value: 500 },
        { not: { any: [{ field: 'country', op: 'in', value: ['Germany'] }] } },
        { activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 2 }, within: { days: 365 } },
      ],
    }),
    members: ['c1', 'c5'],
  },
  {
    name: 'the DESIGN.md example',
    spec: seg({
      all: [
        { field: 'revenue', op: '>=', value: 500 },
        { field: 'last_order_at', op: 'before', value: { daysAgo: 180 } },
        { not: { any: [{ field: 'country', op: 'in', value: ['France', 'Germany'] }] } },
        { activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 2 }, within: { days: 365 } },
      ],
    }),
    members: [],
  },
  { name: 'any of two rules', spec: seg({ any: [{ field: 'country', op: '=', value: 'Spain' }, { field: 'vip', op: '=', value: true }] }), members: ['c1', 'c3', 'c4'] },
  { name: 'triple not', spec: seg({ not: { not: { not: { field: 'country', op: '=', value: 'France' } } } }), members: ['c2', 'c3', 'c4', 'c6'] },
  { name: 'empty all is everyone', spec: seg({ all: [] }), members: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'] },
  { name: 'empty any is no one', spec: seg({ any: [] }), members: [] },
  { name: 'not of an activity rule (never bought)', spec: seg({ not: { activity: {} } }), members: ['c4'] },
  { name: 'saved segments by name', spec: seg({ any: [{ segment: 'Big spenders' }, { segment: 'Lapsed' }] }), members: ['c2', 'c5', 'c6'] },
  { name: 'a saved segment of saved segments, negated', spec: seg({ not: { segment: 'Big or lapsed' } }), members: ['c1', 'c3', 'c4'] },
  { name: 'a saved segment pinned to its own as-of date', spec: seg({ segment: 'January buyers' }), members: ['c2'] },
  {
    name: 'a pinned segment: nothing after its as-of date counts',
    spec: seg({ all: [{ activity: {}, within: { days: 1 } }] }, { asOf: '2024-06-29' }),
    members: [],
  },
  { name: 'a pinned segment: its as-of day counts', spec: seg({ activity: {}, within: { days: 1 } }, { asOf: '2024-06-22' }), members: ['c1'] },
  {
    name: 'a pinned segment: the later purchase is unseen',
    spec: seg({ sequence: { first: { event: 'email_click' }, then: {}, withinDays: 7 } }, { asOf: '2024-06-21' }),
    members: [],
  },
  { name: 'a pinned segment: counts stop at its as-of date', spec: seg({ activity: {}, count: { op: '=', value: 4 } }, { asOf: '2024-06-29' }), members: ['c1'] },
];

export const ALL_CASES: SegmentCase[] = [...FIELD_CASES, ...ACTIVITY_CASES, ...SEQUENCE_CASES, ...GROUP_CASES];
