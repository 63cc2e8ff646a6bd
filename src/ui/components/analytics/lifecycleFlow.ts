/** The lifecycle transitions of one period as a two-column flow (previous stage → stage). Pure. */
import { LIFECYCLE_STAGES, STAGE_LABELS } from '../../../lib/analytics';
import type { SankeyInputLink, SankeyInputNode } from '../../../lib/charts/sankeyLayout';
import type { TransitionRow } from './rows';

export const NEW_LABEL = 'Not yet a customer';

/** The period whose transitions are shown first: the latest complete one, else the latest. */
export function defaultPeriod(rows: readonly TransitionRow[]): string | null {
  const complete = rows.filter((r) => r.complete).map((r) => r.period);
  const all = rows.map((r) => r.period);
  const pick = complete.length ? complete : all;
  return pick.length ? pick.reduce((a, b) => (a > b ? a : b)) : null;
}

export function periodsOf(rows: readonly TransitionRow[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort();
}

/** Level 1: where customers were at the end of the period before; level 2: where they are at its end. */
export function transitionFlow(rows: readonly TransitionRow[], period: string): { nodes: SankeyInputNode[]; links: SankeyInputLink[] } {
  const these = rows.filter((r) => r.period === period && r.customers > 0);
  const from = new Map<string, number>();
  const to = new Map<string, number>();
  const links: SankeyInputLink[] = [];
  for (const r of these) {
    const source = r.from ?? 'new';
    const f = r.from === null ? `start:${source}` : `step:${source}`;
    from.set(f, (from.get(f) ?? 0) + r.customers);
    to.set(`step:${r.to}`, (to.get(`step:${r.to}`) ?? 0) + r.customers);
    links.push({ level: 1, source: f, target: `step:${r.to}`, customers: r.customers });
  }
  const label = (key: string): string => {
    const [kind, stage] = key.split(':');
    if (kind === 'start') return NEW_LABEL;
    return STAGE_LABELS[stage as (typeof LIFECYCLE_STAGES)[number]] ?? stage;
  };
  const nodes: SankeyInputNode[] = [
    ...[...from.entries()].map(([node, customers]) => ({ level: 1, node, label: label(node), kind: node.startsWith('start:') ? ('start' as const) : ('step' as const), customers })),
    ...[...to.entries()].map(([node, customers]) => ({ level: 2, node, label: label(node), kind: 'step' as const, customers })),
  ];
  return { nodes, links };
}
