import { describe, expect, it } from 'vitest';
import { levelTotals, nodeId, sankeyLayout, stepColors, PADDING_COLOR, type SankeyInputLink, type SankeyInputNode } from '../../../src/lib/charts/sankeyLayout';
import { OTHER_COLOR, PALETTE } from '../../../src/lib/charts/theme';

// 10 customers: 6 visit → purchase, 3 visit → End, 1 rare path grouped into Other at both levels.
const nodes: SankeyInputNode[] = [
  { level: 1, node: 'step:visit', label: 'visit', kind: 'step', customers: 9 },
  { level: 1, node: 'other:Other', label: 'Other', kind: 'other', customers: 1 },
  { level: 2, node: 'step:purchase', label: 'purchase', kind: 'step', customers: 6 },
  { level: 2, node: 'end:End', label: 'End', kind: 'end', customers: 3 },
  { level: 2, node: 'other:Other', label: 'Other', kind: 'other', customers: 1 },
];
const links: SankeyInputLink[] = [
  { level: 1, source: 'step:visit', target: 'step:purchase', customers: 6 },
  { level: 1, source: 'step:visit', target: 'end:End', customers: 3 },
  { level: 1, source: 'other:Other', target: 'other:Other', customers: 1 },
];

describe('sankeyLayout', () => {
  const layout = sankeyLayout(nodes, links, { width: 600, height: 300, nodeWidth: 20, nodePadding: 10 });
  const box = (level: number, node: string) => layout.nodes.find((n) => n.id === nodeId(level, node))!;

  it('puts each level in its own column, first at the left edge and last at the right', () => {
    expect(box(1, 'step:visit').x0).toBe(0);
    expect(box(1, 'other:Other').x0).toBe(0);
    expect(box(2, 'step:purchase').x1).toBe(600);
    expect(box(2, 'end:End').x0).toBe(580);
  });

  it('makes node heights proportional to customers, and every level adds up to the customers', () => {
    const h = (b: { y0: number; y1: number }) => b.y1 - b.y0;
    const perCustomer = h(box(1, 'step:visit')) / 9;
    expect(h(box(1, 'other:Other'))).toBeCloseTo(perCustomer, 6);
    expect(h(box(2, 'step:purchase'))).toBeCloseTo(6 * perCustomer, 6);
    expect(h(box(2, 'end:End'))).toBeCloseTo(3 * perCustomer, 6);
    expect(layout.levels).toEqual([{ level: 1, customers: 10 }, { level: 2, customers: 10 }]);
    expect(box(2, 'step:purchase').share).toBeCloseTo(0.6);
  });

  it('draws links as stroked paths as wide as their customers, coloured by their source', () => {
    expect(layout.links).toHaveLength(3);
    const buy = layout.links.find((l) => l.target === nodeId(2, 'step:purchase'))!;
    expect(buy.customers).toBe(6);
    expect(buy.width).toBeCloseTo(box(2, 'step:purchase').y1 - box(2, 'step:purchase').y0, 6);
    expect(buy.d).toMatch(/^M[\d.]+,[\d.]+C/);
    expect(buy.color).toBe(box(1, 'step:visit').color);
  });

  it('orders real steps above Other and padding, and colours Other and padding neutrally', () => {
    expect(box(2, 'step:purchase').y0).toBeLessThan(box(2, 'other:Other').y0);
    expect(box(2, 'other:Other').y0).toBeLessThan(box(2, 'end:End').y0);
    expect(box(1, 'other:Other').color).toBe(OTHER_COLOR);
    expect(box(2, 'end:End').color).toBe(PADDING_COLOR);
    expect(box(1, 'step:visit').color).toBe(PALETTE[0]);
  });

  it('labels the last column on the left of its nodes, others on the right', () => {
    expect(box(1, 'step:visit').labelAnchor).toBe('start');
    expect(box(1, 'step:visit').labelX).toBeGreaterThan(20);
    expect(box(2, 'end:End').labelAnchor).toBe('end');
    expect(box(2, 'end:End').labelX).toBeLessThan(580);
  });

  it('lays out a single level (one step) and no data without NaN', () => {
    const one = sankeyLayout(nodes.slice(0, 2), [], { width: 400, height: 200 });
    for (const n of one.nodes) for (const v of [n.x0, n.x1, n.y0, n.y1]) expect(Number.isFinite(v)).toBe(true);
    expect(one.nodes[0].x0).toBe(0);
    expect(sankeyLayout([], [], { width: 400, height: 200 }).nodes).toEqual([]);
  });

  it('ignores links to nodes it does not know', () => {
    const extra = sankeyLayout(nodes, [...links, { level: 2, source: 'step:purchase', target: 'step:ghost', customers: 2 }], { width: 600, height: 300 });
    expect(extra.links).toHaveLength(3);
  });
});

describe('stepColors and levelTotals', () => {
  it('gives the most common step the first colour, the same at every level', () => {
    const colors = stepColors(nodes);
    expect(colors.get('visit')).toBe(PALETTE[0]);
    expect(colors.get('purchase')).toBe(PALETTE[1]);
    expect(colors.has('Other')).toBe(false);
  });
  it('sums customers per level in level order', () => {
    expect(levelTotals([...nodes].reverse())).toEqual([{ level: 1, customers: 10 }, { level: 2, customers: 10 }]);
  });
});
