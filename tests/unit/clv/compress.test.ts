import { describe, expect, it } from 'vitest';
import { compressRows, perCustomer } from '../../../src/lib/clv';
import { factorize } from '../../../src/lib/clv/compress';

describe('row compression', () => {
  it('collapses identical rows, sums weights and maps every row back', () => {
    const x = [0, 1, 0, 1, 2, 1, -0];
    const t = [5, 2, 5, 2, 2, 3, 5];
    const c = compressRows([x, t], [1, 2, 3, 4, 5, 6, 7]);
    expect(c.weights.length).toBe(4); // (0,5) (1,2) (2,2) (1,3); −0 and 0 are the same
    for (let i = 0; i < x.length; i++) {
      expect(c.columns[0][c.index[i]]).toBe(x[i] === 0 ? 0 : x[i]);
      expect(c.columns[1][c.index[i]]).toBe(t[i]);
    }
    expect(Array.from(c.weights)).toEqual([1 + 3 + 7, 2 + 4, 5, 6]);
  });

  it('handles many rows and evaluates once per unique row', () => {
    const n = 100000;
    const x = Float64Array.from({ length: n }, (_, i) => i % 7);
    const tx = Float64Array.from({ length: n }, (_, i) => (i % 7) * 0.5);
    const T = Float64Array.from({ length: n }, (_, i) => 10 + (i % 3));
    let calls = 0;
    const out = perCustomer({ x, tx, T }, (a, b, c) => {
      calls++;
      return a + b * c;
    });
    expect(calls).toBe(21);
    for (let i = 0; i < n; i += 997) expect(out[i]).toBe(x[i] + tx[i] * T[i]);
  });

  it('factorizes a column into distinct values and codes', () => {
    const f = factorize([3, 1, 3, 2, 1]);
    expect(Array.from(f.values)).toEqual([3, 1, 2]);
    expect(Array.from(f.codes)).toEqual([0, 1, 0, 2, 1]);
  });
});
