/** RFM scores the obvious way: measures per customer, then rank-based quintiles with ties equal. */
import { segmentForScores, type RfmSpec } from '../../../../src/lib/analytics';
import type { ActivityRow } from '../fixtures';
import { dayOf } from './random';

export interface RfmRow {
  readonly customer_id: string;
  readonly recency_days: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: string | null;
}

/** score = 1 + ⌊5 (rank − 1) / n⌋, rank = 1 + customers with a worse value. */
function scores(values: number[], lowerIsBetter: boolean): number[] {
  const worse = (a: number, b: number): boolean => (lowerIsBetter ? b > a : b < a);
  return values.map((v) => 1 + Math.floor((5 * values.filter((w) => worse(v, w)).length) / values.length));
}

export function rfmReference(rows: readonly ActivityRow[], asOf: string, spec: RfmSpec): RfmRow[] {
  const asOfDay = dayOf(asOf);
  const from = spec.windowDays === null ? -Infinity : asOfDay - spec.windowDays + 1;
  const per = new Map<string, { last: number; orders: Set<string>; revenue: number }>();
  for (const [c, at, amount, order, , event] of rows) {
    const day = dayOf(at);
    if (day > asOfDay || day < from || (event !== 'purchase' && event !== 'return')) continue;
    const m = per.get(c) ?? { last: -Infinity, orders: new Set<string>(), revenue: 0 };
    m.revenue += amount ?? 0;
    if (event === 'purchase') {
      m.last = Math.max(m.last, day);
      m.orders.add(order ?? at.slice(0, 10));
    }
    per.set(c, m);
  }
  const ids = [...per.keys()].filter((c) => per.get(c)!.orders.size > 0).sort();
  const measures = ids.map((c) => {
    const m = per.get(c)!;
    const revenue = Math.round(m.revenue * 100) / 100;
    const monetary = spec.monetary === 'total' ? revenue : Math.round((revenue / m.orders.size) * 100) / 100;
    return { customer_id: c, recency_days: asOfDay - m.last, frequency: m.orders.size, monetary };
  });
  const r = scores(measures.map((x) => x.recency_days), true);
  const f = scores(measures.map((x) => x.frequency), false);
  const m = scores(measures.map((x) => x.monetary), false);
  return measures.map((x, i) => ({ ...x, r: r[i], f: f[i], m: m[i], segment: segmentForScores(spec.segments, r[i], f[i], m[i]) }));
}
