/**
 * The layout of a journey Sankey: columns are journey levels, node heights are customers,
 * links carry the customers from one level's node to the next's. Computed with d3-sankey
 * (Vega-Lite has no Sankey), then drawn as plain SVG by the view so it exports as itself.
 * Pure: no DOM.
 */
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { OTHER_COLOR, PALETTE } from './theme';

export type SankeyNodeKind = 'step' | 'other' | 'start' | 'end';

export interface SankeyInputNode {
  /** 1-based column. */
  readonly level: number;
  /** Unique within its level. */
  readonly node: string;
  readonly label: string;
  readonly kind: SankeyNodeKind;
  readonly customers: number;
}

export interface SankeyInputLink {
  /** The source's level; the target is at level + 1. */
  readonly level: number;
  readonly source: string;
  readonly target: string;
  readonly customers: number;
}

export interface SankeyOptions {
  readonly width: number;
  readonly height: number;
  readonly nodeWidth?: number;
  readonly nodePadding?: number;
}

export interface SankeyBox {
  /** `level|node`: unique in the chart. */
  readonly id: string;
  readonly level: number;
  readonly node: string;
  readonly label: string;
  readonly kind: SankeyNodeKind;
  readonly customers: number;
  /** Of the customers at its level (0–1). */
  readonly share: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly color: string;
  /** Where its label goes: right of the node, or left of it in the last column. */
  readonly labelX: number;
  readonly labelAnchor: 'start' | 'end';
}

export interface SankeyPath {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly customers: number;
  readonly width: number;
  /** SVG path data of the link's centre line, to be stroked `width` wide. */
  readonly d: string;
  readonly color: string;
}

export interface SankeyChartLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly SankeyBox[];
  readonly links: readonly SankeyPath[];
  /** Customers per level, in level order: equal at every level when the journey data is whole. */
  readonly levels: readonly { level: number; customers: number }[];
}

/** Padding steps ("End", "Start") are drawn lighter than "Other", which is lighter than real steps. */
export const PADDING_COLOR = '#D1D5DB';

const KIND_RANK: Record<SankeyNodeKind, number> = { step: 0, other: 1, start: 2, end: 2 };

export function nodeId(level: number, node: string): string {
  return `${level}|${node}`;
}

/** Colours by label, the most common label first, so a step keeps its colour at every level. */
export function stepColors(nodes: readonly SankeyInputNode[]): Map<string, string> {
  const totals = new Map<string, number>();
  for (const n of nodes) if (n.kind === 'step') totals.set(n.label, (totals.get(n.label) ?? 0) + n.customers);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Map(ranked.map(([label], i) => [label, PALETTE[i % PALETTE.length]]));
}

function colorOf(n: SankeyInputNode, colors: Map<string, string>): string {
  if (n.kind === 'other') return OTHER_COLOR;
  if (n.kind !== 'step') return PADDING_COLOR;
  return colors.get(n.label) ?? PALETTE[0];
}

interface NodeExtra {
  id: string;
  input: SankeyInputNode;
  fixedValue: number;
}
interface LinkExtra {
  input: SankeyInputLink;
}

export function levelTotals(nodes: readonly SankeyInputNode[]): { level: number; customers: number }[] {
  const totals = new Map<number, number>();
  for (const n of nodes) totals.set(n.level, (totals.get(n.level) ?? 0) + n.customers);
  return [...totals.entries()].sort((a, b) => a[0] - b[0]).map(([level, customers]) => ({ level, customers }));
}

export function sankeyLayout(
  nodes: readonly SankeyInputNode[],
  links: readonly SankeyInputLink[],
  options: SankeyOptions,
): SankeyChartLayout {
  const { width, height } = options;
  const nodeWidth = options.nodeWidth ?? 18;
  const nodePadding = options.nodePadding ?? 12;
  const levels = levelTotals(nodes);
  if (nodes.length === 0) return { width, height, nodes: [], links: [], levels };
  const ids = new Set(nodes.map((n) => nodeId(n.level, n.node)));
  const graphNodes: NodeExtra[] = nodes.map((n) => ({ id: nodeId(n.level, n.node), input: n, fixedValue: n.customers }));
  const graphLinks = links
    .filter((l) => l.customers > 0 && ids.has(nodeId(l.level, l.source)) && ids.has(nodeId(l.level + 1, l.target)))
    .map((l) => ({ source: nodeId(l.level, l.source), target: nodeId(l.level + 1, l.target), value: l.customers, input: l }));
  const first = levels[0].level;
  const columns = levels[levels.length - 1].level - first + 1;
  const byRank = (a: SankeyNode<NodeExtra, LinkExtra>, b: SankeyNode<NodeExtra, LinkExtra>): number =>
    KIND_RANK[a.input.kind] - KIND_RANK[b.input.kind] || b.input.customers - a.input.customers || a.input.label.localeCompare(b.input.label);
  const layout = sankey<NodeExtra, LinkExtra>()
    .nodeId((n) => n.id)
    .nodeAlign((n) => n.input.level - first)
    .nodeWidth(nodeWidth)
    .nodePadding(nodePadding)
    .nodeSort(byRank)
    .extent([
      [0, 0],
      [width, height],
    ]);
  const graph = layout({ nodes: graphNodes, links: graphLinks as unknown as SankeyLink<NodeExtra, LinkExtra>[] });
  const colors = stepColors(nodes);
  const totals = new Map(levels.map((l) => [l.level, l.customers]));
  const lastLevel = levels[levels.length - 1].level;
  const boxes: SankeyBox[] = graph.nodes.map((n) => {
    const input = n.input;
    // d3-sankey divides by (columns − 1): a single column would have no x.
    const x0 = columns === 1 ? 0 : (n.x0 ?? 0);
    const x1 = columns === 1 ? nodeWidth : (n.x1 ?? nodeWidth);
    const last = columns > 1 && input.level === lastLevel;
    return {
      id: n.id,
      level: input.level,
      node: input.node,
      label: input.label,
      kind: input.kind,
      customers: input.customers,
      share: input.customers / (totals.get(input.level) || 1),
      x0,
      x1,
      y0: n.y0 ?? 0,
      y1: n.y1 ?? 0,
      color: colorOf(input, colors),
      labelX: last ? x0 - 6 : x1 + 6,
      labelAnchor: last ? 'end' : 'start',
    };
  });
  const boxById = new Map(boxes.map((b) => [b.id, b]));
  const path = sankeyLinkHorizontal<NodeExtra, LinkExtra>();
  const paths: SankeyPath[] = graph.links.map((l) => {
    const source = (l.source as SankeyNode<NodeExtra, LinkExtra>).id;
    const target = (l.target as SankeyNode<NodeExtra, LinkExtra>).id;
    return {
      id: `${source}->${target}`,
      source,
      target,
      customers: l.value,
      width: Math.max(1, l.width ?? 1),
      d: path(l) ?? '',
      color: boxById.get(source)?.color ?? OTHER_COLOR,
    };
  });
  return { width, height, nodes: boxes, links: paths, levels };
}
