/**
 * Journeys as the spec describes them, computed per customer in plain code: unique
 * (instant, label) touches, the anchor, the gap, collapsed repeats, N steps, rare prefixes
 * grouped into Other, padding.
 */
import type { JourneySpec } from '../../../../src/lib/analytics';
import type { ActivityRow } from '../fixtures';
import { dayOf, msOf } from './random';

interface Touch {
  readonly at: number;
  readonly label: string;
  anchor: boolean;
}

function labelOf(spec: JourneySpec, channel: string | null, event: string): string | null {
  if (spec.by === 'event') return event;
  if (spec.by === 'channel') return channel;
  return channel === null ? event : `${channel} ${event}`;
}

/** Steps from the anchor outwards (anchor first), at most spec.steps; null when no anchor. */
function journeyOf(spec: JourneySpec, touches: Touch[]): string[] | null {
  touches.sort((a, b) => a.at - b.at || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const anchors = touches.map((t, i) => (t.anchor ? i : -1)).filter((i) => i >= 0);
  if (anchors.length === 0) return null;
  const start = spec.anchor.at === 'start';
  const a = start ? anchors[0] : anchors[anchors.length - 1];
  const gap = spec.gapDays === null ? Infinity : Math.round(spec.gapDays * 86_400) * 1000;
  let lo = a;
  let hi = a;
  while (lo > 0 && touches[lo].at - touches[lo - 1].at <= gap) lo--;
  while (hi < touches.length - 1 && touches[hi + 1].at - touches[hi].at <= gap) hi++;
  let labels = (start ? touches.slice(a, hi + 1) : touches.slice(lo, a + 1).reverse()).map((t) => t.label);
  if (spec.collapseRepeats) labels = labels.filter((l, i) => i === 0 || l !== labels[i - 1]);
  return labels.slice(0, spec.steps);
}

/** 'level|node' → customers and 'level|source|target' → customers. */
export function journeyReference(rows: readonly ActivityRow[], asOf: string, spec: JourneySpec): { nodes: Map<string, number>; links: Map<string, number> } {
  const byCustomer = new Map<string, Map<string, Touch>>();
  for (const [c, at, , , channel, event] of rows) {
    const label = labelOf(spec, channel, event);
    if (label === null || dayOf(at) > dayOf(asOf) || (spec.events !== null && !spec.events.includes(event))) continue;
    const touches = byCustomer.get(c) ?? new Map<string, Touch>();
    const key = `${msOf(at)}|${label}`;
    const t = touches.get(key) ?? { at: msOf(at), label, anchor: false };
    t.anchor ||= spec.anchor.event === null || spec.anchor.event === event;
    touches.set(key, t);
    byCustomer.set(c, touches);
  }
  const paths = [...byCustomer.values()].map((t) => journeyOf(spec, [...t.values()])).filter((p): p is string[] => p !== null);
  const prefixCount = new Map<string, number>();
  for (const p of paths) for (let k = 1; k <= p.length; k++) prefixCount.set(JSON.stringify(p.slice(0, k)), (prefixCount.get(JSON.stringify(p.slice(0, k))) ?? 0) + 1);
  const n = spec.steps;
  const nodes = new Map<string, number>();
  const links = new Map<string, number>();
  const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of paths) {
    let rare = false;
    const byLevel: string[] = [];
    for (let pos = 1; pos <= n; pos++) {
      if (pos <= p.length && (prefixCount.get(JSON.stringify(p.slice(0, pos))) ?? 0) < spec.minShare * paths.length) rare = true;
      const node = rare ? 'other:Other' : pos <= p.length ? `step:${p[pos - 1]}` : spec.anchor.at === 'start' ? 'end:End' : 'start:Start';
      const level = spec.anchor.at === 'start' ? pos : n + 1 - pos;
      byLevel[level] = node;
      add(nodes, `${level}|${node}`);
    }
    for (let level = 1; level < n; level++) add(links, `${level}|${byLevel[level]}|${byLevel[level + 1]}`);
  }
  return { nodes, links };
}
