/**
 * The lifecycle rules of src/lib/analytics/lifecycle/stages.ts, computed the slow, obvious
 * way: every customer, every period, days counted from the period's end.
 */
import type { LifecycleStage } from '../../../../src/lib/analytics';
import type { ActivityRow } from '../fixtures';
import { dayOf, isoOfDay } from './random';

type Unit = 'week' | 'month' | 'quarter';

function periodStart(unit: Unit, day: number): number {
  const d = new Date(day * 86_400_000);
  if (unit === 'week') return day - ((d.getUTCDay() + 6) % 7);
  const month = unit === 'month' ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
  return Date.UTC(d.getUTCFullYear(), month, 1) / 86_400_000;
}

function nextStart(unit: Unit, start: number): number {
  if (unit === 'week') return start + 7;
  const d = new Date(start * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'month' ? 1 : 3), 1) / 86_400_000;
}

export interface LifecycleOptions {
  readonly period: Unit;
  readonly periods: number | null;
  readonly atRiskDays: number;
  readonly lapsedDays: number;
}

/** 'period|stage' → customers, and 'period|from|to' → customers (from '∅' for new), for the shown periods. */
export function lifecycleReference(rows: readonly ActivityRow[], asOf: string, o: LifecycleOptions): { stages: Map<string, number>; moves: Map<string, number> } {
  const asOfDay = dayOf(asOf);
  const buys = new Map<string, number[]>();
  for (const [c, at, , , , event] of rows) {
    if (event !== 'purchase' || dayOf(at) > asOfDay) continue;
    buys.set(c, [...(buys.get(c) ?? []), dayOf(at)]);
  }
  const stages = new Map<string, number>();
  const moves = new Map<string, number>();
  if (buys.size === 0) return { stages, moves };
  const first = Math.min(...[...buys.values()].flat());
  const periods: number[] = [];
  for (let p = periodStart(o.period, first); p <= asOfDay; p = nextStart(o.period, p)) periods.push(p);
  const shownFrom = o.periods === null ? 0 : Math.max(0, periods.length - o.periods);
  const end = (i: number): number => Math.min(nextStart(o.period, periods[i]) - 1, asOfDay);

  const stageAt = (days: number[], i: number): LifecycleStage | null => {
    const p = periods[i];
    const firstDay = Math.min(...days);
    if (firstDay > end(i)) return null;
    if (firstDay >= p) return 'new';
    const before = Math.max(...days.filter((d) => d < p));
    if (days.some((d) => d >= p && d <= end(i))) {
      const lapsedBefore = before < periods[i - 1] && p - 1 - before >= o.lapsedDays;
      return lapsedBefore ? 'returning' : 'active';
    }
    const since = end(i) - before;
    return since < o.atRiskDays ? 'active' : since < o.lapsedDays ? 'at_risk' : 'lapsed';
  };

  for (const days of buys.values()) {
    for (let i = shownFrom; i < periods.length; i++) {
      const stage = stageAt(days, i);
      if (stage === null) continue;
      const k = `${isoOfDay(periods[i])}|${stage}`;
      stages.set(k, (stages.get(k) ?? 0) + 1);
      const from = i > 0 ? stageAt(days, i - 1) : null;
      const m = `${isoOfDay(periods[i])}|${from ?? '∅'}|${stage}`;
      moves.set(m, (moves.get(m) ?? 0) + 1);
    }
  }
  return { stages, moves };
}
