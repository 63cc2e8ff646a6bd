/**
 * Security: a shared link is untrusted input that becomes SQL. Over 10,000 random and
 * adversarial specs and links go through decode → validate → compile. Each must either be
 * rejected with a typed, worded error, or compile (in both dialects) to SQL whose every bare
 * word is the compiler's own, that reads only the canonical relations (DuckDB's binder says
 * which), and — for a sample of several hundred — that runs on the real engine, with
 * external access switched off, leaving every table as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileRuleCounts,
  compileValidSegment,
  decodeSegmentLink,
  encodeSegmentLink,
  SegmentError,
  ShareLinkError,
  validateSegment,
  type SegmentField,
  type SegmentSpec,
} from '../../../src/lib/segments';
import { ident, raw, sql } from '../../../src/lib/sql';
import { SAVED } from './cases';
import { FIELDS, fixtureSql } from './fixtures';
import { openTestDb, type TestDb as GuardedDb } from '../helpers/duckdb';
import { sqlShape } from './helpers/sqlShape';
import { segmentArbitraries } from './helpers/arbitraries';

const CANONICAL = ['activity', 'as_of_date', 'customer_features'];

/** Columns whose very names are attacks: they exist in the test table, so rules on them must compile and run. */
const HOSTILE_COLUMNS: (SegmentField & { type: string })[] = [
  { name: 'x"; DROP TABLE secrets; --', kind: 'text', type: 'VARCHAR' },
  { name: "'); ATTACH 'evil.db' AS evil; --", kind: 'number', type: 'DOUBLE' },
  { name: "read_csv('https://evil.example/x.csv')", kind: 'boolean', type: 'BOOLEAN' },
  { name: '__proto__', kind: 'text', type: 'VARCHAR' },
  { name: 'constructor', kind: 'integer', type: 'BIGINT' },
  { name: 'ünï 🎉', kind: 'date', type: 'DATE' },
  { name: 'tags', kind: 'list', type: 'VARCHAR[]' },
];
const FUZZ_FIELDS: SegmentField[] = [...FIELDS, ...HOSTILE_COLUMNS.map(({ name, kind }) => ({ name, kind }))];

const seg = (match: unknown, name?: string): SegmentSpec => ({ v: 1, ...(name ? { name } : {}), match }) as SegmentSpec;
const FUZZ_SAVED = new Map<string, unknown>([
  ...SAVED,
  ['loop a', seg({ segment: 'loop b' }, 'loop a')],
  ['loop b', seg({ not: { segment: 'loop a' } }, 'loop b')],
  ["'; DROP TABLE secrets; --", seg({ field: 'x"; DROP TABLE secrets; --', op: 'contains', value: "'" })],
  ['__proto__', seg({ field: 'constructor', op: '>', value: 1 })],
]);

const { spec, link } = segmentArbitraries({ fields: FUZZ_FIELDS, savedNames: [...FUZZ_SAVED.keys()] });

async function makeLink([value, how, at, digit]: [unknown, string, number, number]): Promise<string> {
  if (how === 'raw') return String(value);
  let encoded: string;
  try {
    encoded = await encodeSegmentLink(value as SegmentSpec);
  } catch {
    return `#segment=1.${String(at)}`;
  }
  const start = '#segment=1.'.length;
  const i = start + (at % Math.max(1, encoded.length - start));
  switch (how) {
    case 'cut':
      return encoded.slice(0, i);
    case 'flip':
      return encoded.slice(0, i) + (encoded[i] === 'A' ? 'B' : 'A') + encoded.slice(i + 1);
    case 'version':
      return encoded.replace('#segment=1.', `#segment=${digit}.`);
    case 'junk':
      return `${encoded}${"'; DROP TABLE secrets; --".slice(0, digit)}`;
    default:
      return encoded;
  }
}

function must(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`Expected: ${what}`);
}

const ALLOWED_IDENTIFIERS = new Set([...CANONICAL, 'as_of', 'customer_id', 'occurred_at', 'amount', 'order_id', 'channel', 'event', 'product', 'category', ...FUZZ_FIELDS.map((f) => f.name)]);

interface Tally {
  inputs: number;
  bound: number;
  rejected: number;
  compiled: number;
  executed: number;
  linkErrors: Record<string, number>;
  rejections: Record<string, number>;
}

describe('fuzz: decode → validate → compile', () => {
  let db: GuardedDb;
  const tally: Tally = { inputs: 0, bound: 0, rejected: 0, compiled: 0, executed: 0, linkErrors: {}, rejections: {} };
  const tablesBefore: string[] = [];

  beforeAll(async () => {
    db = await openTestDb();
    for (const statement of fixtureSql('duckdb')) db.query(statement);
    for (const c of HOSTILE_COLUMNS) db.query(sql`ALTER TABLE customer_features ADD COLUMN ${ident(c.name)} ${raw(c.type)}`);
    db.query(`CREATE TABLE secrets AS SELECT 'the crown jewels' AS secret`);
    db.lockDown();
    tablesBefore.push(...db.query('SELECT table_name FROM duckdb_tables() ORDER BY 1').map((r) => String(r.table_name)));
  });

  afterAll(() => {
    console.info(`segment fuzz: ${JSON.stringify(tally)}`);
    db.close();
  });

  /** The whole path after decoding; throws (failing the property) when a rule above is broken. */
  function checkSpec(input: unknown): void {
    tally.inputs++;
    const result = validateSegment(input, FUZZ_FIELDS, { segments: FUZZ_SAVED });
    if (!result.ok) {
      tally.rejected++;
      const code = result.issues[0]?.code ?? 'none';
      tally.rejections[code] = (tally.rejections[code] ?? 0) + 1;
      must(result.issues.length > 0, 'a rejection lists its issues');
      for (const issue of result.issues) must(typeof issue.path === 'string' && issue.message.length > 5, `issue is worded: ${JSON.stringify(issue)}`);
      try {
        compileRuleCounts(input, { fields: FUZZ_FIELDS, segments: FUZZ_SAVED });
        must(false, 'the compiler refuses what validation refuses');
      } catch (e) {
        must(e instanceof SegmentError, `the compiler throws a SegmentError, not ${String(e)}`);
      }
      return;
    }
    tally.compiled++;
    const duck = String(compileValidSegment(result.segment).sql);
    const counts = String(compileRuleCounts(input, { fields: FUZZ_FIELDS, segments: FUZZ_SAVED }).sql);
    const pg = String(compileValidSegment(result.segment, { dialect: 'postgres', asOf: '2024-06-30' }).sql);
    for (const text of [duck, counts, pg]) {
      const shape = sqlShape(text);
      must(shape.strangers.length === 0, `only the compiler's own words: ${shape.strangers.join(' ')} in ${text}`);
      must(shape.semicolons === 0, `one statement: ${text}`);
      for (const id of shape.identifiers) must(ALLOWED_IDENTIFIERS.has(id) || /^[rn]\d+$|^members$/.test(id), `identifier ${id} is a known relation or field`);
    }
    // The binder's own list of relations read, for a quarter of them (it costs a few ms).
    if (tally.compiled % 4 === 0) {
      for (const text of [duck, counts]) {
        const names = db.tableNames(text);
        must(names.every((t) => CANONICAL.includes(t)), `reads only canonical relations: ${names.join(', ')}`);
        tally.bound++;
      }
    }
    // Run a sample on the engine: every valid segment must also be runnable SQL.
    if (tally.compiled % 10 === 1) {
      db.query(duck);
      db.query(counts);
      tally.executed += 2;
    }
  }

  it('holds for 7,000 specs', () => {
    fc.assert(
      fc.property(spec, (input) => {
        checkSpec(input);
      }),
      { numRuns: 7_000, seed: 4_2024 },
    );
  });

  it('holds for 3,000 links', async () => {
    await fc.assert(
      fc.asyncProperty(link, async (parts) => {
        const text = await makeLink(parts);
        let decoded: unknown;
        try {
          decoded = await decodeSegmentLink(text);
        } catch (e) {
          must(e instanceof ShareLinkError, `a link fails with a ShareLinkError, not ${String(e)}`);
          const err = e;
          must(err.message.length > 10 && err.hint.length > 10, 'a link error is worded');
          tally.linkErrors[err.problem] = (tally.linkErrors[err.problem] ?? 0) + 1;
          tally.inputs++;
          return;
        }
        checkSpec(decoded);
      }),
      { numRuns: 3_000, seed: 7_2024 },
    );
  });

  it('ran over 10,000 inputs, several hundred on the engine, and left every table as it was', () => {
    expect(tally.inputs).toBeGreaterThanOrEqual(10_000);
    expect(tally.compiled).toBeGreaterThan(2_000);
    expect(tally.rejected).toBeGreaterThan(3_000);
    expect(tally.executed).toBeGreaterThanOrEqual(300);
    expect(tally.bound).toBeGreaterThanOrEqual(1_000);
    expect(Object.keys(tally.linkErrors).sort()).toEqual(['corrupted', 'newer-version', 'not-a-link', 'too-large', 'truncated']);
    expect(db.query('SELECT table_name FROM duckdb_tables() ORDER BY 1').map((r) => String(r.table_name))).toEqual(tablesBefore);
    expect(db.query('SELECT secret FROM secrets')).toEqual([{ secret: 'the crown jewels' }]);
    expect(db.query(`SELECT database_name FROM duckdb_databases() WHERE NOT internal`).map((r) => r.database_name)).toEqual(['memory']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
