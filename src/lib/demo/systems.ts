/**
 * Demo data for identity stitching: the same people seen by four systems that never shared a
 * customer key — web orders (account id, email, sometimes a delivery phone), store tills
 * (loyalty card, phone, sometimes an e-receipt email), an email platform (email + events) and a
 * service desk (email or phone + tickets) — with the true person behind every record known.
 *
 * Noise a real export has: emails in other cases and with spaces; phones as +44 7700 900123,
 * 07700900123, 0044 …, (07700) 900-123, +44 (0)…, 447700…; loyalty cards with spaces or dashes;
 * placeholders ("n/a", "unknown", "test@test.com", "00000 000000"); a few households sharing a
 * landline or a loyalty card (true over-merges: they cost precision); and the flagship store's
 * own phone number typed on many till receipts (an implausibly shared identifier).
 *
 * Each person's records are connected through their own identifiers (an e-receipt or a
 * delivery phone bridges systems), so recall measures the stitching, not missing data.
 * Deterministic: same options, same bytes. See docs/identity.md.
 */
import { Rng } from './random';
import { COUNTRIES, EMAIL_DOMAINS } from './catalog';
import { TimestampFormatter, parseIsoDate, DAY } from './time';
import { formatCents } from './csv';

export interface SystemsOptions {
  /** People behind the records (default 5000); about 8 records each. */
  people?: number;
  /** Any integer (default 42). */
  seed?: number;
  /** Share of people who share a landline or a loyalty card with the person before them (default 0.005). */
  householdShare?: number;
  /** Share of identified till receipts carrying the flagship store's phone number (default 0.04). */
  storePhoneShare?: number;
}

export const SYSTEM_TABLES = ['web_orders', 'store_tills', 'email_events', 'service_tickets'] as const;
export type SystemTable = (typeof SYSTEM_TABLES)[number];

export const SYSTEM_HEADERS: Readonly<Record<SystemTable, readonly string[]>> = {
  web_orders: ['order_id', 'account_id', 'email', 'delivery_phone', 'ordered_at', 'amount'],
  store_tills: ['receipt_id', 'store', 'loyalty_card', 'phone', 'ereceipt_email', 'purchased_at', 'amount'],
  email_events: ['event_id', 'email', 'event', 'occurred_at'],
  service_tickets: ['ticket_id', 'email', 'phone', 'topic', 'opened_at'],
};

/** The flagship store's phone number (Ofcom's drama range: never a real line). */
export const STORE_PHONE = '020 7946 0000';
export const DEMO_COUNTRY_CODE = '44';

export interface SystemsExport {
  /** CSV text of each system's export: UTF-8, header row, comma delimiter, nothing quoted. */
  readonly tables: Readonly<Record<SystemTable, string>>;
  /** CSV `source,record_id,person`: the true person behind every record (for tests only). */
  readonly truth: string;
  readonly rows: Readonly<Record<SystemTable, number>>;
  /** People with at least one record. */
  readonly people: number;
}

/**
 * The identity spec that stitches the export (plain JSON, the shape of IdentitySpecInput in
 * src/lib/identity): every record is a row, named by its own id column.
 */
export const SYSTEMS_IDENTITY_SPEC = {
  v: 1 as const,
  sources: [
    {
      table: 'web_orders',
      recordId: 'order_id',
      identifiers: [
        { column: 'account_id', type: 'customer_id' as const },
        { column: 'email', type: 'email' as const },
        { column: 'delivery_phone', type: 'phone' as const },
      ],
    },
    {
      table: 'store_tills',
      recordId: 'receipt_id',
      identifiers: [
        { column: 'loyalty_card', type: 'loyalty_card' as const },
        { column: 'phone', type: 'phone' as const },
        { column: 'ereceipt_email', type: 'email' as const },
      ],
    },
    { table: 'email_events', recordId: 'event_id', identifiers: [{ column: 'email', type: 'email' as const }] },
    {
      table: 'service_tickets',
      recordId: 'ticket_id',
      identifiers: [
        { column: 'email', type: 'email' as const },
        { column: 'phone', type: 'phone' as const },
      ],
    },
  ],
  options: { defaultCountryCode: DEMO_COUNTRY_CODE, maxRecordsPerIdentifier: 50 },
};

const STREAM_PERSON = 101;
const NAMES = COUNTRIES[0].names;
const EMAIL_PLACEHOLDERS = ['unknown', 'n/a', 'test@test.com', 'noemail@shop.example', 'none'];
const PHONE_PLACEHOLDERS = ['n/a', '00000 000000', '-', '0'];
const TOPICS = ['delivery', 'return', 'refund', 'product', 'account'];
const EVENTS = ['email_sent', 'email_open', 'email_click'];

/** Canonical identity of a person; formatting noise is applied per record. */
interface Person {
  readonly key: string;
  readonly email: string;
  readonly workEmail: string | null;
  /** National significant number and country code of the phone. */
  readonly phone: { readonly cc: string; readonly nsn: string };
  readonly card: string | null;
}

/** A record before it is written: its identifier slots hold canonical tokens or raw noise. */
interface Draft {
  table: SystemTable;
  id: string;
  cells: string[];
  /** Canonical identifiers on this record (for the connectivity check): 'e:…', 'p:…', 'c:…', 'a:…'. */
  tokens: string[];
  /** Index in `cells` where an email can be written to bridge this record. */
  emailCell: number;
}

function geometric(rng: Rng, mean: number): number {
  // Number of failures before a success, mean `mean`.
  const p = 1 / (1 + mean);
  return Math.floor(Math.log(rng.floatOpenLow()) / Math.log(1 - p));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Bijections on [0, 10^k) (multipliers coprime to 10), so numbers never collide between people. */
function uniqueDigits(i: number, mult: number, add: number, width: number): string {
  const mod = 10 ** width;
  return pad(Number((BigInt(i) * BigInt(mult) + BigInt(add)) % BigInt(mod)), width);
}

function makePerson(seed: number, i: number, prev: Person | null, opts: Required<SystemsOptions>): { person: Person; rng: Rng } {
  const rng = Rng.keyed(seed, i, STREAM_PERSON);
  const fi = rng.int(NAMES.first.length);
  const li = rng.int(NAMES.last.length);
  const domain = EMAIL_DOMAINS[rng.int(EMAIL_DOMAINS.length)];
  const email = `${NAMES.firstSlug[fi]}.${NAMES.lastSlug[li]}${i + 1}@${domain}`;
  const workEmail = rng.chance(0.15) ? `${NAMES.firstSlug[fi]}${i + 1}@work.example.org` : null;
  const irish = rng.chance(0.1);
  let phone = irish ? { cc: '353', nsn: `8${uniqueDigits(i, 43_046_721, 4242, 8)}` } : { cc: '44', nsn: `7${uniqueDigits(i, 387_420_489, 12_345, 9)}` };
  let card = rng.chance(0.6) ? `6337${uniqueDigits(i, 14_348_907, 1000, 8)}` : null;
  // A household: the same landline, or one loyalty card used by both.
  if (prev && rng.chance(opts.householdShare)) {
    if (rng.chance(0.5)) phone = prev.phone;
    else if (prev.card) card = prev.card;
  }
  return { person: { key: `H${pad(i + 1, 7)}`, email, workEmail, phone, card }, rng };
}

function noisyEmail(rng: Rng, email: string): string {
  const u = rng.float();
  if (u < 0.06) return email.toUpperCase();
  if (u < 0.12) return email.replace(/^(.)|\.(.)/g, (m) => m.toUpperCase());
  if (u < 0.17) return ` ${email} `;
  return email;
}

function noisyPhone(rng: Rng, phone: { cc: string; nsn: string }): string {
  const { cc, nsn } = phone;
  if (cc !== DEMO_COUNTRY_CODE) return rng.chance(0.5) ? `+${cc} ${nsn.slice(0, 2)} ${nsn.slice(2)}` : `00${cc}${nsn}`;
  const a = nsn.slice(0, 4);
  const b = nsn.slice(4);
  switch (rng.int(8)) {
    case 0: return `+44 ${a} ${b}`;
    case 1: return `0${a} ${b}`;
    case 2: return `0${nsn}`;
    case 3: return `+44${nsn}`;
    case 4: return `0044 ${a} ${b}`;
    case 5: return `(0${a}) ${b.slice(0, 3)}-${b.slice(3)}`;
    case 6: return `+44 (0)${a} ${b}`;
    default: return `44${nsn}`;
  }
}

function noisyCard(rng: Rng, card: string): string {
  const u = rng.float();
  if (u < 0.2) return `${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8)}`;
  if (u < 0.3) return `${card.slice(0, 4)}-${card.slice(4, 8)}-${card.slice(8)}`;
  return card;
}

const phoneToken = (p: { cc: string; nsn: string }): string => `p:${p.cc}${p.nsn}`;

/** Makes the person's records one connected group: each other group gets the email on one record. */
function connect(drafts: Draft[], person: Person): void {
  if (drafts.length < 2) return;
  const parent = drafts.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const owner = new Map<string, number>();
  drafts.forEach((d, k) => {
    for (const t of d.tokens) {
      const o = owner.get(t);
      if (o === undefined) owner.set(t, k);
      else parent[find(k)] = find(o);
    }
  });
  const roots = new Set(drafts.map((_, k) => find(k)));
  if (roots.size === 1) return;
  const emailToken = `e:${person.email}`;
  const first = owner.get(emailToken);
  const emailRoot = first === undefined ? -1 : find(first);
  const done = new Set<number>();
  drafts.forEach((d, k) => {
    const root = find(k);
    if (root === emailRoot || done.has(root)) return;
    done.add(root);
    d.cells[d.emailCell] = person.email;
    d.tokens.push(emailToken);
  });
}

/** Generates the four exports and the truth table. */
export function generateSystems(options: SystemsOptions = {}): SystemsExport {
  const opts: Required<SystemsOptions> = {
    people: options.people ?? 5000,
    seed: options.seed ?? 42,
    householdShare: options.householdShare ?? 0.005,
    storePhoneShare: options.storePhoneShare ?? 0.04,
  };
  if (!Number.isInteger(opts.people) || opts.people < 1) throw new RangeError(`people must be a whole number of at least 1 (got ${opts.people})`);
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer (got ${opts.seed})`);
  const startDay = parseIsoDate('2024-01-01');
  const fmt = new TimestampFormatter(startDay, startDay + 366);
  const when = (rng: Rng): string => fmt.timestamp(startDay * DAY + rng.float() * 365 * DAY);
  const out: Record<SystemTable, string[]> = { web_orders: [], store_tills: [], email_events: [], service_tickets: [] };
  for (const t of SYSTEM_TABLES) out[t].push(SYSTEM_HEADERS[t].join(','));
  const truth: string[] = ['source,record_id,person'];
  const counters = { order: 0, account: 0, receipt: 0, event: 0, ticket: 0 };
  let people = 0;
  let prev: Person | null = null;

  for (let i = 0; i < opts.people; i++) {
    const { person, rng } = makePerson(opts.seed, i, prev, opts);
    prev = person;
    const drafts: Draft[] = [];
    const emailTok = `e:${person.email}`;

    if (rng.chance(0.6)) {
      // Web: one account (3%: a second one registered with the same address typed differently).
      const accounts = rng.chance(0.03) ? 2 : 1;
      for (let a = 0; a < accounts; a++) {
        const account = `W${pad(++counters.account, 7)}`;
        const orders = 1 + geometric(rng, 1.5);
        for (let k = 0; k < orders; k++) {
          const withPhone = rng.chance(0.35);
          drafts.push({
            table: 'web_orders',
            id: `WO${pad(++counters.order, 8)}`,
            cells: [account, noisyEmail(rng, person.email), withPhone ? noisyPhone(rng, person.phone) : '', when(rng), formatCents(500 + rng.int(20_000))],
            tokens: [`a:${account}`, emailTok, ...(withPhone ? [phoneToken(person.phone)] : [])],
            emailCell: 1,
          });
        }
      }
    }

    if (rng.chance(0.5)) {
      // Store: members show their card; others give a phone number for the receipt.
      const receipts = 1 + geometric(rng, 2.5);
      for (let k = 0; k < receipts; k++) {
        const tokens: string[] = [];
        let card = '';
        let phone = '';
        let email = '';
        if (person.card && rng.chance(0.95)) {
          card = noisyCard(rng, person.card);
          tokens.push(`c:${person.card}`);
        }
        if (!card || rng.chance(0.3)) {
          phone = noisyPhone(rng, person.phone);
          tokens.push(phoneToken(person.phone));
        } else if (rng.chance(opts.storePhoneShare)) {
          phone = rng.chance(0.5) ? STORE_PHONE : '+44 20 7946 0000'; // typed by the cashier: not the customer's
        } else if (rng.chance(0.03)) {
          phone = PHONE_PLACEHOLDERS[rng.int(PHONE_PLACEHOLDERS.length)];
        }
        if (rng.chance(0.2)) {
          email = noisyEmail(rng, person.email);
          tokens.push(emailTok);
        }
        const store = `S${pad(1 + rng.int(12), 2)}`;
        drafts.push({
          table: 'store_tills',
          id: `R${pad(++counters.receipt, 8)}`,
          cells: [store, card, phone, email, when(rng), formatCents(300 + rng.int(15_000))],
          tokens,
          emailCell: 3,
        });
      }
    }

    if (rng.chance(0.7)) {
      const events = 1 + geometric(rng, 4);
      for (let k = 0; k < events; k++) {
        drafts.push({
          table: 'email_events',
          id: `E${pad(++counters.event, 9)}`,
          cells: [noisyEmail(rng, person.email), EVENTS[rng.int(EVENTS.length)], when(rng)],
          tokens: [emailTok],
          emailCell: 0,
        });
      }
    }

    if (rng.chance(0.15)) {
      const tickets = 1 + rng.int(3);
      for (let k = 0; k < tickets; k++) {
        // A ticket comes by email (sometimes from the work address) or by phone; the other field is often filled with junk.
        const byEmail = rng.chance(0.6);
        const address = person.workEmail && rng.chance(0.3) ? person.workEmail : person.email;
        const email = byEmail ? noisyEmail(rng, address) : rng.chance(0.15) ? EMAIL_PLACEHOLDERS[rng.int(EMAIL_PLACEHOLDERS.length)] : '';
        // Writing from work, people leave a phone number too.
        const withPhone = !byEmail || address !== person.email;
        const phone = withPhone ? noisyPhone(rng, person.phone) : rng.chance(0.1) ? PHONE_PLACEHOLDERS[rng.int(PHONE_PLACEHOLDERS.length)] : '';
        drafts.push({
          table: 'service_tickets',
          id: `T${pad(++counters.ticket, 7)}`,
          cells: [email, phone, TOPICS[rng.int(TOPICS.length)], when(rng)],
          tokens: [...(byEmail ? [`e:${address}`] : []), ...(withPhone ? [phoneToken(person.phone)] : [])],
          emailCell: 0,
        });
      }
    }

    if (drafts.length === 0) continue;
    people++;
    connect(drafts, person);
    for (const d of drafts) {
      out[d.table].push(`${d.id},${d.cells.join(',')}`);
      truth.push(`${d.table},${d.id},${person.key}`);
    }
  }

  const tables = Object.fromEntries(SYSTEM_TABLES.map((t) => [t, `${out[t].join('\n')}\n`])) as Record<SystemTable, string>;
  const rows = Object.fromEntries(SYSTEM_TABLES.map((t) => [t, out[t].length - 1])) as Record<SystemTable, number>;
  return { tables, truth: `${truth.join('\n')}\n`, rows, people };
}
