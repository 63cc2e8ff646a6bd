import { describe, expect, it } from 'vitest';
import type { SankeyBox } from '../../../src/lib/charts/sankeyLayout';
import { labelRoom, MIN_LABEL_HEIGHT, nodeLabel } from '../../../src/ui/components/analytics/sankeyLabels';

const box = (x0: number, y0: number, y1: number, label: string): SankeyBox =>
  ({ id: `${x0}|${label}`, level: 1, node: `step:${label}`, label, kind: 'step', customers: 1, share: 0.1, x0, x1: x0 + 18, y0, y1, color: '#000', labelX: x0 + 24, labelAnchor: 'start' }) as unknown as SankeyBox;

describe('Sankey node labels', () => {
  // Columns 240 px apart, nodes 18 px wide: 210 px of room, 28 characters.
  const boxes = [box(0, 0, 100, 'site_visit'), box(240, 0, 100, 'purchase'), box(480, 0, 100, 'End')];
  const room = labelRoom(boxes);

  it('measures the room between columns', () => {
    expect(room).toBe(240 - 18 - 12);
    expect(labelRoom([boxes[0]])).toBe(Infinity);
  });

  it('shows the name and count on a node tall enough', () => {
    expect(nodeLabel(boxes[0], room, '1,234 (12.3%)')).toEqual({ text: 'site_visit', withCount: true });
  });

  it('hides the label of a node thinner than a line of text', () => {
    expect(nodeLabel(box(240, 50, 50 + MIN_LABEL_HEIGHT - 1, 'purchase'), room, '3 (0.1%)')).toEqual({ text: null, withCount: false });
    expect(nodeLabel(box(240, 50, 50 + MIN_LABEL_HEIGHT, 'purchase'), room, '3 (0.1%)').text).toBe('purchase');
  });

  it('drops the count, then shortens the name, when the label is too wide', () => {
    const long = 'web customer_service_ticket_escalated';
    expect(nodeLabel(box(0, 0, 40, 'web email_click_through'), room, '1,234,567 (12.3%)')).toEqual({ text: 'web email_click_through', withCount: false });
    const shortened = nodeLabel(box(0, 0, 40, long), room, '1 (0.1%)');
    expect(shortened.withCount).toBe(false);
    expect(shortened.text).toMatch(/^web customer_service_ticke?.*…$/);
    expect((shortened.text ?? '').length * 7.5).toBeLessThanOrEqual(room + 7.5);
  });
});
