import { describe, expect, it } from 'vitest';
import { segmentCell, segmentReferences } from '../../../src/lib/notebook/kinds/segmentCell';
import { readComparison, aov } from '../../../src/ui/components/segments/comparison';
import { suggestionSql } from '../../../src/ui/components/segments/builder';

describe('segment cell kind', () => {
  it('keeps the document, checks its envelope, and names what it reads', () => {
    const doc = { v: 1, name: 'Big', asOf: null, match: { all: [{ segment: 'Lapsed' }, { not: { segment: 'VIP' } }] } };
    expect(segmentCell.parse(doc)).toEqual(doc);
    expect(segmentCell.references?.(segmentCell.parse(doc))).toEqual(['customer_features', 'activity', 'Lapsed', 'VIP']);
    expect(() => segmentCell.parse({ v: 2, match: {} })).toThrow(/newer/);
    expect(() => segmentCell.parse({ v: 1, match: 3 })).toThrow();
    expect(() => segmentCell.parse({ v: 1, match: {}, sql: 'DROP' })).toThrow();
    expect(segmentReferences({ any: [{ segment: 'A' }, { segment: 'A' }] })).toEqual(['A']);
  });
});

describe('builder helpers', () => {
  it('reads the comparison rows', () => {
    const c = readComparison([
      { who: 'members', channel: null, customers: 2n, revenue: 300, orders: 3, days: 10 },
      { who: 'all', channel: null, customers: 10n, revenue: 1000, orders: 20, days: 50 },
      { who: 'all', channel: 'web', customers: 6n },
      { who: 'members', channel: 'web', customers: 1n },
    ]);
    expect(c.members.customers).toBe(2);
    expect(aov(c.members)).toBe(100);
    expect(c.all.channels).toEqual([{ channel: 'web', customers: 6 }]);
  });

  it('builds suggestion queries with quoted names', () => {
    const q = suggestionSql({ relation: 'customer_features', column: 'we"ird' });
    expect(q).toContain('"we""ird"');
    expect(q).toContain('LIMIT 20');
  });
});
