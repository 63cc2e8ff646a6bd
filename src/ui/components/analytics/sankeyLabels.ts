/**
 * Which Sankey node labels fit. A label is one line of 14 px text centred on its node; on a
 * node thinner than a line, labels of neighbouring nodes overlap, so such a node shows no
 * label (its full name stays in its tooltip and accessible name). A label wider than the
 * space to the next column is shortened with an ellipsis.
 */
import type { SankeyBox } from '../../../lib/charts/sankeyLayout';

/** Node height (px) below which the label is hidden. */
export const MIN_LABEL_HEIGHT = 12;
/** Average width of a character of 14 px sans-serif text, a little generous. */
const CHAR_WIDTH = 7.5;

export interface NodeLabel {
  /** Text to draw; null when the node is too thin for a label. */
  readonly text: string | null;
  /** Whether the count and share follow the name (only when the whole name fits). */
  readonly withCount: boolean;
}

/** Horizontal room (px) for labels: from a node's edge to the next column, less a margin. */
export function labelRoom(boxes: readonly SankeyBox[]): number {
  const columns = [...new Set(boxes.map((b) => b.x0))].sort((a, b) => a - b);
  const width = boxes.length > 0 ? boxes[0].x1 - boxes[0].x0 : 0;
  if (columns.length < 2) return Infinity;
  let gap = Infinity;
  for (let i = 1; i < columns.length; i++) gap = Math.min(gap, columns[i] - columns[i - 1]);
  return gap - width - 12;
}

/** The label of one node, given the room (labelRoom) and the count text that may follow it. */
export function nodeLabel(box: SankeyBox, room: number, countText: string): NodeLabel {
  if (box.y1 - box.y0 < MIN_LABEL_HEIGHT) return { text: null, withCount: false };
  const fits = (s: string): boolean => s.length * CHAR_WIDTH <= room;
  if (fits(`${box.label} ${countText}`)) return { text: box.label, withCount: true };
  if (fits(box.label)) return { text: box.label, withCount: false };
  const chars = Math.max(1, Math.floor(room / CHAR_WIDTH) - 1);
  return { text: `${box.label.slice(0, chars)}…`, withCount: false };
}
