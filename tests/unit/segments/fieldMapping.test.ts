import { describe, expect, it } from 'vitest';
import { renameSegmentFields, suggestFieldMapping, validateSegment } from '../../../src/lib/segments';
import { nameMatches } from '../../../src/lib/model/vocabulary';
import { FIELDS } from './fixtures';

// The app's role lookup: the data model's vocabulary, confident matches only, plain attributes excluded.
const roleOf = (name: string): string | null => {
  const best = nameMatches(name)[0];
  return best && best.score >= 0.7 && best.role !== 'attribute' ? best.role : null;
};

describe('mapping a shared segment onto other data', () => {
  it('matches a field written another way, and one that plays the same role', () => {
    const m = suggestFieldMapping(['Revenue', 'E_Mail', 'country_name', 'loyalty_tier'], FIELDS, roleOf);
    expect(m.get('Revenue')).toEqual({ field: 'revenue', reason: 'same-name' });
    expect(m.get('E_Mail')).toEqual({ field: 'email', reason: 'same-name' });
    expect(m.get('country_name')).toEqual({ field: 'country', reason: 'same-role' });
    expect(m.get('loyalty_tier')).toEqual({ field: null, reason: null });
  });

  it('makes a segment from other data valid once renamed, leaving activity filters alone', () => {
    const spec = {
      v: 1,
      match: { all: [
        { field: 'Country_Name', op: '=', value: 'France' },
        { activity: { where: [{ field: 'channel', op: '=', value: 'store' }] } },
      ] },
    };
    const before = validateSegment(spec, FIELDS);
    expect(before.ok).toBe(false);
    const m = suggestFieldMapping(['Country_Name'], FIELDS, roleOf);
    const renamed = renameSegmentFields(spec, new Map([['Country_Name', m.get('Country_Name')!.field!]]));
    expect(validateSegment(renamed, FIELDS).ok).toBe(true);
    expect(JSON.stringify(renamed)).toContain('"field":"channel"');
  });

  it('leaves an ambiguous role for the person to choose', () => {
    const fields = [...FIELDS, { name: 'billing_country', kind: 'text' }];
    expect([roleOf('country_code'), roleOf('billing_country'), roleOf('country')]).toEqual(['country', 'country', 'country']);
    expect(suggestFieldMapping(['country_code'], fields, roleOf).get('country_code')).toEqual({ field: null, reason: null });
  });
});
