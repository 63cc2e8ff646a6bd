/**
 * The rest of what the customer page reads: the customer's row of a relation (customers for
 * the attributes, customer_features for the figures and computed traits) and their purchase
 * days (for the P(alive) history), plus the `#customer=` link that opens the page.
 */
import { ident, sql, type Sql } from '../sql';
import { ACTIVITY, AS_OF_DATE } from '../model/relations';
import { IDENTITY_RECORDS } from '../identity/relations';

/** Every column of `relation` for the customer (at most one row). */
export function customerRowSql(relation: string, customerId: string): Sql {
  return sql`SELECT * FROM ${ident(relation)} WHERE customer_id = ${customerId} LIMIT 1`;
}

/**
 * The customer's purchase days (days since 1970-01-01, ascending) up to the end of the as-of
 * date: purchases merged per calendar day, as the lifetime-value cell counts them.
 */
export function purchaseDaysOfSql(customerId: string): Sql {
  return sql`SELECT DISTINCT CAST(date_diff('day', DATE '1970-01-01', CAST(occurred_at AS DATE)) AS INTEGER) AS day
FROM ${ident(ACTIVITY)}
WHERE customer_id = ${customerId} AND event = 'purchase'
  AND occurred_at < (SELECT as_of + INTERVAL 1 DAY FROM ${ident(AS_OF_DATE)})
ORDER BY day`;
}

/** One row, `present`: whether identity stitching has run (its records relation exists). */
export function stitchedSql(): Sql {
  return sql`SELECT count(*) > 0 AS present FROM information_schema.tables WHERE table_name = ${IDENTITY_RECORDS}`;
}

/**
 * The source records stitched into this customer (when customers are stitched people): each
 * source with its record count and up to `perSource` record ids. Run only when `stitchedSql`
 * says the relation exists.
 */
export function stitchedRecordsSql(customerId: string, perSource = 20): Sql {
  return sql`SELECT source, count(*) AS records, list(record_id ORDER BY record_id)[1:${Math.max(1, Math.floor(perSource))}] AS ids
FROM (SELECT CAST(source AS VARCHAR) AS source, CAST(record_id AS VARCHAR) AS record_id FROM ${ident(IDENTITY_RECORDS)} WHERE person_id = ${customerId})
GROUP BY source
ORDER BY records DESC, source`;
}

export interface StitchedSource {
  readonly source: string;
  readonly records: number;
  /** Up to the first record ids, sorted. */
  readonly ids: string[];
}

export function readStitchedRecords(rows: readonly Record<string, unknown>[]): StitchedSource[] {
  return rows.map((r) => ({
    source: String(r.source),
    records: typeof r.records === 'bigint' ? Number(r.records) : Number(r.records ?? 0),
    ids: Array.isArray(r.ids) ? r.ids.map(String) : [],
  }));
}

export const CUSTOMER_HASH = '#customer=';

/** The hash that opens a customer's page: only the id, never any of their data. */
export function customerHash(customerId: string): string {
  return `${CUSTOMER_HASH}${encodeURIComponent(customerId)}`;
}

/** The customer id of a `#customer=` hash; null for any other hash or a malformed one. */
export function parseCustomerHash(hash: string): string | null {
  if (!hash.startsWith(CUSTOMER_HASH)) return null;
  try {
    const id = decodeURIComponent(hash.slice(CUSTOMER_HASH.length));
    return id === '' || id.includes('\u0000') ? null : id;
  } catch {
    return null;
  }
}

/** A result column that holds customer ids (grids link its values to the customer's page). */
export function isCustomerIdColumn(name: string): boolean {
  return name.toLowerCase() === 'customer_id';
}

/** A grid or engine value as a customer id (ids are text in the canonical relations). */
export function customerIdOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // The model trims text ids (src/lib/model/expressions.ts keySql): so does the link.
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint') return value.toString();
  return null;
}
