import { describe, expect, it } from 'vitest';
import { clvCell, defaultClvSpec } from '../../../src/lib/notebook/kinds/clvCell';
import { cellKind } from '../../../src/lib/notebook/registry';
import '../../../src/lib/notebook/kinds';

describe('lifetime value cell spec', () => {
  it('is registered with its label and defaults', () => {
    expect(cellKind('clv').label).toBe('Lifetime value');
    expect(defaultClvSpec()).toEqual({ model: 'bgnbd', unit: 'week', holdout: 'last-quarter', horizon: 52, discountRate: 0.1, margin: 0.3, penalizer: 0, segment: null });
  });

  it('parses saved specs, fills defaults, and names the bad setting', () => {
    expect(clvCell.parse({ model: 'paretonbd', holdout: { calibrationEnd: '2025-01-31' }, segment: 'vip' })).toMatchObject({
      model: 'paretonbd',
      unit: 'week',
      holdout: { calibrationEnd: '2025-01-31' },
      segment: 'vip',
    });
    expect(clvCell.parse({ holdout: null }).holdout).toBeNull();
    expect(() => clvCell.parse({ model: 'bg' })).toThrow(/model/);
    expect(() => clvCell.parse({ margin: 2 })).toThrow(/between/);
    expect(() => clvCell.parse({ holdout: { calibrationEnd: '31/01/2025' } })).toThrow(/YYYY-MM-DD/);
    expect(() => clvCell.parse({ horizon: 52, extra: 1 })).toThrow(/not a known setting/);
    expect(clvCell.references?.({ ...defaultClvSpec(), segment: 'VIP' })).toEqual(['vip']);
    expect(clvCell.references?.(defaultClvSpec())).toEqual([]);
  });

  it('carries the penalizer and the segment filter', () => {
    expect(clvCell.parse({ penalizer: 0.01 }).penalizer).toBe(0.01);
    expect(clvCell.parse({}).penalizer).toBe(0);
    expect(() => clvCell.parse({ penalizer: -1 })).toThrow(/penalizer/);
    expect(() => clvCell.parse({ penalizer: 'a lot' })).toThrow(/penalizer/);
    expect(clvCell.parse({ segment: null }).segment).toBeNull();
    expect(clvCell.parse({}).segment).toBeNull();
    expect(() => clvCell.parse({ segment: '' })).toThrow(/segment/);
    expect(() => clvCell.parse({ segment: 3 })).toThrow(/segment/);
  });
});
