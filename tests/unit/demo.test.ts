/**
 * The demo retailer generator: determinism, schema, referential integrity, value sanity, how the
 * real engine reads it, and statistics against the true parameters (fixed seeds: never flaky).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  generateRetailer,
  lineValue,
  DEMO_TRUE_PARAMETERS,
  CSV_HEADERS,
  COLUMN_TYPES,
  TimeWarp,
  Rng,
  type RetailerCsv,
  type SimulatedCustomer,
  type TableName,
} from '../../src/lib/demo';
import { gamma, beta, poisson, exponential, categorical, cumulative } from '../../src/lib/demo/distributions';
import { ByteWriter } from '../../src/lib/demo/bytes';
import { formatCents } from '../../src/lib/demo/csv';
import { openTestDb, type TestDb } from './helpers/duckdb';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d+\.\d{2}$/;
const WEEK_S = 7 * 86400;

function rowsOf(csv: string): string[][] {
  const lines = csv.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  return lines.slice(1).map((l) => l.split(','));
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Gauss hypergeometric 2F1(a, b; c; z) by its series, for 0 ≤ z < 1. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-14 * Math.abs(sum)) break;
  }
  return sum;
}

/** E[X(t)], expected repeat purchases in (0, t]: Fader, Hardie & Lee (2005), eq. 9. */
function bgnbdExpected(t: number): number {
  const { r, alpha, a, b } = DEMO_TRUE_PARAMETERS.bgnbd;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

describe('random numbers and samplers', () => {
  it('keyed streams are reproducible and distinct', () => {
    const draw = (seed: number, ...keys: number[]) => {
      const rng = Rng.keyed(seed, ...keys);
      return [rng.uint32(), rng.uint32(), rng.uint32()];
    };
    expect(draw(1, 2, 3)).toEqual(draw(1, 2, 3));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 2, 4));
    expect(draw(1, 2, 3)).not.toEqual(draw(2, 2, 3));
    expect(draw(2 ** 40 + 1, 0)).not.toEqual(draw(1, 0));
    const rng = Rng.keyed(9);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.float();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('samplers have the right moments', () => {
    const rng = Rng.keyed(123);
    const n = 100_000;
    const sample = (f: () => number) => Array.from({ length: n }, f);
    const moments = (xs: number[]) => {
      const m = mean(xs);
      return [m, mean(xs.map((x) => (x - m) ** 2))];
    };
    // Gamma(shape, rate): mean k/θ, variance k/θ²; both the boosted (k < 1) and direct branches.
    for (const [k, rate] of [[0.75, 8], [3, 0.05], [6, 2]]) {
      const [m, v] = moments(sample(() => gamma(rng, k, rate)));
      expect(m / (k / rate)).toBeGreaterThan(0.98);
      expect(m / (k / rate)).toBeLessThan(1.02);
      expect(v / (k / rate ** 2)).toBeGreaterThan(0.95);
      expect(v / (k / rate ** 2)).toBeLessThan(1.05);
    }
    const [bm] = moments(sample(() => beta(rng, 0.6, 2.5)));
    expect(bm).toBeGreaterThan(0.6 / 3.1 - 0.005);
    expect(bm).toBeLessThan(0.6 / 3.1 + 0.005);
    for (const lam of [0.6, 4, 45]) {
      const [pm, pv] = moments(sample(() => poisson(rng, lam)));
      expect(Math.abs(pm / lam - 1)).toBeLessThan(0.02);
      expect(Math.abs(pv / lam - 1)).toBeLessThan(0.05);
    }
    const [em] = moments(sample(() => exponential(rng, 0.25)));
    expect(Math.abs(em / 4 - 1)).toBeLessThan(0.02);
    const cum = cumulative([1, 2, 7]);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[categorical(rng, cum)]++;
    expect(counts[2] / n).toBeGreaterThan(0.69);
    expect(counts[2] / n).toBeLessThan(0.71);
  });

  it('formats money and integers without floating-point noise', () => {
    const w = new ByteWriter(4); // tiny, so it has to grow
    w.cents(1234).comma().cents(-5).comma().cents(0).comma().int(-3).comma().uint(7, 3).comma().token('Müller').newline();
    expect(w.takeText()).toBe('12.34,-0.05,0.00,-3,007,Müller\n');
    expect(formatCents(-123456)).toBe('-1234.56');
  });
});

describe('time-warp (seasonality)', () => {
  const start = Date.UTC(2023, 0, 1) / 1000;
  const end = Date.UTC(2025, 6, 1) / 1000;

  it('is the identity at amplitude 0 and invertible otherwise', () => {
    const id = new TimeWarp(start, end, 0);
    expect(id.toOperational(start + 12345.5)).toBe(start + 12345.5);
    expect(id.toCalendar(start + 12345.5)).toBe(start + 12345.5);
    const warp = new TimeWarp(start, end, 1);
    for (const t of [start, start + 1, start + 86400 * 100.3, end - 1, end + 5000]) {
      expect(warp.toCalendar(warp.toOperational(t))).toBeCloseTo(t, 3);
    }
  });

  it('keeps a year’s expected purchases and peaks in December', () => {
    const warp = new TimeWarp(start, end, 1);
    const year2024 = [Date.UTC(2024, 0, 1) / 1000, Date.UTC(2025, 0, 1) / 1000];
    const ratio = (warp.toOperational(year2024[1]) - warp.toOperational(year2024[0])) / (year2024[1] - year2024[0]);
    expect(Math.abs(ratio - 1)).toBeLessThan(0.005);
    const monthWeight = (m: number) =>
      (warp.toOperational(Date.UTC(2024, m + 1, 1) / 1000) - warp.toOperational(Date.UTC(2024, m, 1) / 1000)) / (Date.UTC(2024, m + 1, 1) / 1000 - Date.UTC(2024, m, 1) / 1000);
    expect(monthWeight(11)).toBeGreaterThan(1.5);
    expect(monthWeight(2)).toBeLessThan(1);
  });
});

describe('generateRetailer', () => {
  let small: RetailerCsv;
  beforeAll(() => {
    small = generateRetailer({ customers: 1500, seed: 7 }).toCsvStrings();
  });

  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    const again = generateRetailer({ customers: 1500, seed: 7 }).toCsvStrings();
    expect(again).toEqual(small);
    const other = generateRetailer({ customers: 1500, seed: 8 }).toCsvStrings();
    expect(other.customers).not.toBe(small.customers);
    expect(other.orderLines).not.toBe(small.orderLines);
    expect(other.events).not.toBe(small.events);
  });

  it('streams each table separately, in any chunk size, to the same bytes', () => {
    const r = generateRetailer({ customers: 1500, seed: 7, chunkCustomers: 333 });
    const chunks = [...r.customersCsv()];
    expect(chunks.length).toBe(5);
    expect(chunks[0].startsWith(`${CSV_HEADERS.customers}\n`)).toBe(true);
    expect(chunks.join('')).toBe(small.customers);
    expect([...r.orderLinesCsv()].join('')).toBe(small.orderLines);
    expect([...r.eventsCsv()].join('')).toBe(small.events);
    const decoder = new TextDecoder();
    const bytes = [...r.byteChunks(['orderLines'])];
    expect(bytes.map((c) => decoder.decode(c.orderLines)).join('')).toBe(small.orderLines);
    expect(bytes.every((c) => c.customers.length === 0 && c.events.length === 0)).toBe(true);
    expect(bytes.reduce((n, c) => n + c.rows.orderLines, 0)).toBe(small.orderLines.split('\n').length - 2);
  });

  it('writes the documented headers and well-formed fields', () => {
    expect(small.customers.split('\n')[0]).toBe(CSV_HEADERS.customers);
    expect(small.orderLines.split('\n')[0]).toBe(CSV_HEADERS.orderLines);
    expect(small.events.split('\n')[0]).toBe(CSV_HEADERS.events);
    const customers = rowsOf(small.customers);
    expect(customers.length).toBe(1500);
    // Collect offending rows and compare once: per-field expect() calls make this test slow.
    const bad: string[][] = [];
    const check = (ok: boolean, row: string[]) => {
      if (!ok) bad.push(row);
    };
    for (const row of customers) {
      const [id, first, last, email, signup, channel, country, tier] = row;
      check(
        row.length === 8 &&
          /^C\d{7}$/.test(id) &&
          Boolean(first && last && country) &&
          /^[a-z.]+\d+@[a-z.]+$/.test(email) &&
          DATE.test(signup) &&
          ['web', 'store', 'app'].includes(channel) &&
          ['none', 'silver', 'gold'].includes(tier),
        row,
      );
    }
    expect(new Set(customers.map((r) => r[0])).size).toBe(1500);
    expect(new Set(customers.map((r) => r[3])).size).toBe(1500);
    for (const row of rowsOf(small.orderLines)) {
      const [orderId, , at, channel, product, category, qty, price, discount] = row;
      check(
        row.length === 9 &&
          /^[OR]\d{8}$/.test(orderId) &&
          TIMESTAMP.test(at) &&
          ['web', 'store', 'app'].includes(channel) &&
          Boolean(product && category) &&
          /^-?[1-9]\d*$/.test(qty) &&
          MONEY.test(price) &&
          MONEY.test(discount) &&
          Number(discount) >= 0 &&
          Number(price) > 0 &&
          Number(qty) < 0 === orderId.startsWith('R'),
        row,
      );
    }
    const eventChannel: Record<string, string[]> = {
      email_sent: ['email'], email_open: ['email'], email_click: ['email'], site_visit: ['web', 'app'], support_ticket: ['service'],
    };
    for (const row of rowsOf(small.events)) {
      check(row.length === 4 && TIMESTAMP.test(row[1]) && (eventChannel[row[2]] ?? []).includes(row[3]), row);
    }
    expect(bad).toEqual([]);
    expect(small.orderLines + small.events + small.customers).not.toMatch(/NaN|undefined|null|Infinity|"/);
  });

  it('keeps references intact: customers exist, returns follow a purchase of theirs', () => {
    const customers = new Set(rowsOf(small.customers).map((r) => r[0]));
    const period = { start: '2023-01-01 00:00:00', end: '2025-07-01 00:00:00' };
    type Line = { customer: string; at: string; product: string; qty: number; net: number };
    const orders = new Map<string, Line[]>();
    const outside: string[][] = [];
    for (const row of rowsOf(small.orderLines)) {
      const [orderId, customer, at, , product, , qty, price, discount] = row;
      if (!customers.has(customer) || !(at >= period.start && at < period.end)) outside.push(row);
      const net = Math.round(Number(qty) * Number(price) * 100) - Math.round(Number(discount) * 100);
      const lines = orders.get(orderId) ?? [];
      lines.push({ customer, at, product, qty: Number(qty), net });
      orders.set(orderId, lines);
    }
    expect(outside).toEqual([]);
    let returns = 0;
    const problems: string[] = [];
    for (const [orderId, lines] of orders) {
      if (new Set(lines.map((l) => `${l.customer}|${l.at}`)).size !== 1) problems.push(`${orderId}: lines differ in customer or time`);
      const total = lines.reduce((s, l) => s + l.net, 0);
      if (orderId.startsWith('O')) {
        if (total <= 0) problems.push(`${orderId}: net ${total}`);
        continue;
      }
      returns++;
      const purchase = orders.get(`O${orderId.slice(1)}`);
      if (!purchase) {
        problems.push(`${orderId}: no purchase`);
        continue;
      }
      if (purchase[0].customer !== lines[0].customer) problems.push(`${orderId}: another customer's purchase`);
      if (!(purchase[0].at < lines[0].at)) problems.push(`${orderId}: returned before it was bought`);
      for (const l of lines) {
        const bought = purchase.filter((p) => p.product === l.product).reduce((s, p) => s + p.qty, 0);
        if (-l.qty > bought) problems.push(`${orderId}: returns ${-l.qty} ${l.product}, bought ${bought}`);
      }
      const paid = purchase.reduce((s, p) => s + p.net, 0);
      if (-total > paid) problems.push(`${orderId}: refunds ${-total}, paid ${paid}`);
    }
    for (const [customer, at] of rowsOf(small.events)) {
      if (!customers.has(customer)) problems.push(`event of unknown ${customer}`);
      if (!(at >= period.start && at < period.end)) problems.push(`event at ${at}`);
    }
    expect(problems).toEqual([]);
    expect(returns).toBeGreaterThan(100);
  });

  it('rejects bad options with a plain message', () => {
    expect(() => generateRetailer({ customers: 0 })).toThrow(/customers/);
    expect(() => generateRetailer({ seasonality: 2 })).toThrow(/seasonality/);
    expect(() => generateRetailer({ end: '2025-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => generateRetailer({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generateRetailer({ gammaGamma: { q: 1 } })).toThrow(/q/);
    expect(() => generateRetailer({ bgnbd: { r: -1 } })).toThrow(/bgnbd\.r/);
  });

  it('generates the default 20 000 customers quickly', () => {
    const t0 = performance.now();
    const csv = generateRetailer().toCsvStrings();
    const ms = performance.now() - t0;
    expect(csv.customers.split('\n').length - 2).toBe(20_000);
    // Generous bound for loaded CI machines; typically well under 1.5 s.
    expect(ms).toBeLessThan(10_000);
  });
});

describe('the engine reads the CSVs with the right types', () => {
  let db: TestDb;
  let csv: RetailerCsv;
  const files: Record<TableName, string> = { customers: 'customers.csv', orderLines: 'order_lines.csv', events: 'events.csv' };
  beforeAll(async () => {
    db = await openTestDb();
    csv = generateRetailer({ customers: 1000, seed: 11 }).toCsvStrings();
    for (const t of Object.keys(files) as TableName[]) db.registerText(files[t], csv[t]);
  });
  afterAll(() => db?.close());

  it('detects timestamps, dates and numbers', () => {
    for (const t of Object.keys(files) as TableName[]) {
      const described = db.query(`DESCRIBE SELECT * FROM read_csv('${files[t]}')`);
      const types = Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)]));
      expect(Object.keys(types)).toEqual(Object.keys(COLUMN_TYPES[t]));
      for (const [column, expected] of Object.entries(COLUMN_TYPES[t])) {
        if (expected === 'INTEGER') expect(['INTEGER', 'BIGINT']).toContain(types[column]);
        else if (expected === 'DOUBLE') expect(types[column]).toMatch(/^(DOUBLE|DECIMAL)/);
        else expect(types[column]).toBe(expected);
      }
    }
  });

  it('loads every row, with intact keys', () => {
    const count = (f: string) => Number(db.query(`SELECT count(*) AS n FROM read_csv('${f}')`)[0].n);
    expect(count(files.customers)).toBe(1000);
    expect(count(files.orderLines)).toBe(csv.orderLines.split('\n').length - 2);
    expect(count(files.events)).toBe(csv.events.split('\n').length - 2);
    const orphans = db.query(`
      SELECT count(*) AS n FROM (
        SELECT customer_id FROM read_csv('${files.orderLines}') UNION ALL SELECT customer_id FROM read_csv('${files.events}')
      ) a ANTI JOIN read_csv('${files.customers}') c USING (customer_id)`);
    expect(Number(orphans[0].n)).toBe(0);
    const revenue = db.query(`SELECT sum(quantity * unit_price - discount) AS net, min(discount) AS d FROM read_csv('${files.orderLines}')`);
    expect(Number(revenue[0].net)).toBeGreaterThan(0);
    expect(Number(revenue[0].d)).toBeGreaterThanOrEqual(0);
  });
});

describe('the process matches its true parameters', () => {
  let exact: SimulatedCustomer[];
  beforeAll(() => {
    exact = [...generateRetailer({ customers: 20_000, seed: 2024, seasonality: 0 }).customers()];
  });

  it('draws λ, p and ν from their mixing distributions', () => {
    const { r, alpha, a, b } = DEMO_TRUE_PARAMETERS.bgnbd;
    const { q, gamma: g } = DEMO_TRUE_PARAMETERS.gammaGamma;
    expect(mean(exact.map((c) => c.truth.lambda)) / (r / alpha)).toBeCloseTo(1, 1);
    expect(mean(exact.map((c) => c.truth.p)) / (a / (a + b))).toBeCloseTo(1, 1);
    expect(mean(exact.map((c) => c.truth.nu)) / (q / g)).toBeCloseTo(1, 1);
  });

  it('repeat purchases per customer match the BG/NBD expectation E[X(T)]', () => {
    const observed = mean(exact.map((c) => c.truth.purchases - 1));
    const expected = mean(exact.map((c) => bgnbdExpected(c.truth.observationWeeks)));
    expect(observed / expected).toBeGreaterThan(0.96);
    expect(observed / expected).toBeLessThan(1.04);
    // Exact mode: operational time is calendar time.
    for (const c of exact.slice(0, 200)) {
      const first = c.orders[0].at;
      expect(c.truth.acquiredAt).toBe(first);
      expect(c.truth.observationWeeks).toBeCloseTo((Date.UTC(2025, 6, 1) / 1000 - first) / WEEK_S, 6);
    }
  });

  it('places at most one purchase per customer per day, and rarely has to move one', () => {
    let moved = 0;
    let repeats = 0;
    const problems: number[] = [];
    for (const c of exact) {
      const purchases = c.orders.filter((o) => o.kind === 'purchase');
      const days = purchases.map((o) => Math.floor(o.at / 86400));
      if (days.some((d, k) => k > 0 && d <= days[k - 1]) || days.length !== c.truth.purchases) problems.push(c.index);
      if (!c.truth.alive && c.truth.dropoutAt !== purchases[purchases.length - 1].at) problems.push(c.index);
      moved += c.truth.movedPurchases;
      repeats += c.truth.purchases - 1;
    }
    expect(problems).toEqual([]);
    expect(moved / repeats).toBeLessThan(0.03);
  });

  it('order values follow Gamma-Gamma: mean p·γ/(q − 1), net of lines', () => {
    const values = exact.flatMap((c) => c.orders.filter((o) => o.kind === 'purchase').map((o) => o.lines.reduce((s, l) => s + lineValue(l), 0) / 100));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.01);
    expect(mean(values) / DEMO_TRUE_PARAMETERS.expected.transactionValue).toBeGreaterThan(0.97);
    expect(mean(values) / DEMO_TRUE_PARAMETERS.expected.transactionValue).toBeLessThan(1.03);
    // Within a customer, z ~ Gamma(p, ν): E[z·ν] = p.
    const scaled = exact.flatMap((c) => c.orders.filter((o) => o.kind === 'purchase').map((o) => (o.lines.reduce((s, l) => s + lineValue(l), 0) / 100) * c.truth.nu));
    expect(mean(scaled) / DEMO_TRUE_PARAMETERS.gammaGamma.p).toBeCloseTo(1, 1);
  });

  it('gives the same customers, values and lifetimes with seasonality on; only times move', () => {
    const seasonal = [...generateRetailer({ customers: 300, seed: 2024, seasonality: 1 }).customers()];
    const plain = [...generateRetailer({ customers: 300, seed: 2024, seasonality: 0 }).customers()];
    for (let i = 0; i < 300; i++) {
      expect(seasonal[i].truth.lambda).toBe(plain[i].truth.lambda);
      expect(seasonal[i].truth.p).toBe(plain[i].truth.p);
      expect(seasonal[i].email).toBe(plain[i].email);
    }
  });
});

describe('the retailer looks like a retailer', () => {
  let customers: SimulatedCustomer[];
  beforeAll(() => {
    customers = [...generateRetailer({ customers: 6000, seed: 5 }).customers({ events: true })];
  });

  it('has a December peak and a channel mix drifting from store to app', () => {
    const byMonth = new Map<string, number>();
    const byYear = new Map<number, Record<string, number>>();
    for (const c of customers) {
      for (const o of c.orders) {
        if (o.kind !== 'purchase') continue;
        const d = new Date(o.at * 1000);
        const key = d.toISOString().slice(0, 7);
        byMonth.set(key, (byMonth.get(key) ?? 0) + 1);
        const y = byYear.get(d.getUTCFullYear()) ?? { web: 0, store: 0, app: 0 };
        y[o.channel]++;
        byYear.set(d.getUTCFullYear(), y);
      }
    }
    expect(byMonth.get('2024-12') ?? 0).toBeGreaterThan(1.5 * (byMonth.get('2024-10') ?? 0));
    const share = (y: number, ch: string) => {
      const v = byYear.get(y) ?? {};
      return (v[ch] ?? 0) / Object.values(v).reduce((a, b) => a + b, 0);
    };
    expect(share(2025, 'store')).toBeLessThan(share(2023, 'store') - 0.05);
    expect(share(2025, 'app')).toBeGreaterThan(share(2023, 'app') + 0.05);
  });

  it('signs customers up on or just before their first purchase', () => {
    const wrong = customers.filter((c) => {
      const firstDay = Math.floor(c.orders[0].at / 86400);
      return c.signupDay > firstDay || c.signupDay < firstDay - 30 || c.orders[0].channel !== c.signupChannel;
    });
    expect(wrong.map((c) => c.id)).toEqual([]);
  });

  it('clusters site visits before web orders and tickets after returns', () => {
    let online = 0;
    let visited = 0;
    let returns = 0;
    let ticketed = 0;
    let sent = 0;
    let opened = 0;
    let unsorted = 0;
    for (const c of customers) {
      const visits = c.events.filter((e) => e.event === 'site_visit').map((e) => e.at);
      const tickets = c.events.filter((e) => e.event === 'support_ticket').map((e) => e.at);
      sent += c.events.filter((e) => e.event === 'email_sent').length;
      opened += c.events.filter((e) => e.event === 'email_open').length;
      if (c.events.some((e, k) => k > 0 && e.at < c.events[k - 1].at)) unsorted++;
      for (const o of c.orders) {
        if (o.kind === 'purchase' && o.channel !== 'store') {
          online++;
          if (visits.some((v) => v < o.at && v > o.at - 3600)) visited++;
        } else if (o.kind === 'return') {
          returns++;
          if (tickets.some((t) => t >= o.at && t < o.at + 21 * 86400)) ticketed++;
        }
      }
    }
    expect(unsorted).toBe(0);
    expect(visited / online).toBeGreaterThan(0.99);
    expect(ticketed / returns).toBeGreaterThan(0.25);
    expect(opened / sent).toBeGreaterThan(0.1);
    expect(opened / sent).toBeLessThan(0.5);
  });
});
