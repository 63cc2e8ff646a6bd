/** A seeded random CRM activity log, for comparing the SQL with plain reference code. */
import type { ActivityRow } from '../fixtures';

/** mulberry32: small, seeded, good enough for fixtures. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const stamp = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/**
 * Customers with 0–6 orders (some of two lines at one instant, some without an order id),
 * returns, email opens and site visits, spread over 2023-01-01 … 2024-07-10 in whole hours
 * (so equal instants happen), with channels web, store, email or none.
 */
export function randomActivity(seed: number, customers = 80): ActivityRow[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const start = Date.UTC(2023, 0, 1);
  const hours = Math.floor((Date.UTC(2024, 6, 10) - start) / 3_600_000);
  const at = (): number => start + Math.floor(rnd() * hours) * 3_600_000;
  const rows: ActivityRow[] = [];
  for (let c = 1; c <= customers; c++) {
    const id = `c${pad(c)}`;
    const orders = Math.floor(rnd() * 7);
    for (let o = 0; o < orders; o++) {
      const t = stamp(at());
      const order = rnd() < 0.2 ? null : `${id}-o${o}`;
      const channel = pick(['web', 'store', 'web', null] as const);
      const amount = Math.round(5 + rnd() * 195);
      rows.push([id, t, amount, order, channel, 'purchase']);
      if (rnd() < 0.25) rows.push([id, t, 10, order, channel, 'purchase']);
      if (rnd() < 0.15) rows.push([id, stamp(Date.parse(`${t}Z`) + 86_400_000 * Math.floor(1 + rnd() * 20)), -amount, order, channel, 'return']);
    }
    const events = Math.floor(rnd() * 6);
    for (let e = 0; e < events; e++) {
      rows.push([id, stamp(at()), null, null, pick(['email', 'web', null] as const), pick(['email_open', 'site_visit', 'email_open'] as const)]);
    }
  }
  return rows;
}

export const DAY = 86_400_000;

/** Day number (days since 1970-01-01) of 'YYYY-MM-DD…'. */
export function dayOf(s: string): number {
  return Math.floor(Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / DAY);
}

/** Milliseconds of 'YYYY-MM-DD HH:MM'. */
export function msOf(s: string): number {
  return Date.parse(`${s.replace(' ', 'T')}:00Z`);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
