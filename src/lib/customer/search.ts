/**
 * Finding a customer by id, email or name: a type-ahead over customer_features (a table, so
 * it stays quick on large exports). The typed text is only ever a literal LIKE pattern, with
 * `%`, `_` and `\` escaped, so "50%_off" matches itself.
 *
 * Ranking: the exact id or email first, then ids, emails and names that start with the text,
 * then those that merely contain it; ties by customer id.
 */
import { ident, join, raw, sql, type Sql } from '../sql';
import { CUSTOMER_FEATURES } from '../model/relations';
import { cellNumber } from '../engine/cells';

/** Columns searched besides customer_id, when the data has them. */
export const SEARCH_COLUMNS = ['email', 'first_name', 'last_name'] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

export const SEARCH_LIMIT = 10;

export interface CustomerSearchOptions {
  /** Which of SEARCH_COLUMNS customer_features has (see `searchColumns`). */
  readonly columns: readonly SearchColumn[];
  readonly limit?: number;
}

export interface CustomerMatch {
  readonly customerId: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly orders: number | null;
  readonly revenue: number | null;
}

/** The SEARCH_COLUMNS among a relation's column names (case-insensitive, as DuckDB is). */
export function searchColumns(columnNames: readonly string[]): SearchColumn[] {
  const have = new Set(columnNames.map((c) => c.toLowerCase()));
  return SEARCH_COLUMNS.filter((c) => have.has(c));
}

/** `text` as a LIKE pattern matching itself literally (escape character `\`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const ESCAPE = raw(`ESCAPE '\\'`);

/** Null when the text is blank (nothing to search for). */
export function customerSearchSql(text: string, options: CustomerSearchOptions): Sql | null {
  const q = text.trim();
  if (q === '') return null;
  const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? SEARCH_LIMIT)));
  const prefix = `${likeEscape(q)}%`;
  const contains = `%${likeEscape(q)}%`;
  const has = (c: SearchColumn): boolean => options.columns.includes(c);
  const id = sql`c.${ident('customer_id')}`;
  const email = has('email') ? sql`c.${ident('email')}` : null;
  const first = has('first_name') ? sql`c.${ident('first_name')}` : null;
  const last = has('last_name') ? sql`c.${ident('last_name')}` : null;
  const nameParts = [first, last].filter((p): p is Sql => p !== null);
  const name = nameParts.length ? sql`nullif(concat_ws(' ', ${join(nameParts.map((p) => sql`CAST(${p} AS VARCHAR)`))}), '')` : null;
  const text_ = (e: Sql): Sql => sql`CAST(${e} AS VARCHAR)`;

  const starts: Sql[] = [sql`${id} ILIKE ${prefix} ${ESCAPE}`];
  const within: Sql[] = [sql`${id} ILIKE ${contains} ${ESCAPE}`];
  if (email) {
    starts.push(sql`${text_(email)} ILIKE ${prefix} ${ESCAPE}`);
    within.push(sql`${text_(email)} ILIKE ${contains} ${ESCAPE}`);
  }
  if (name) {
    starts.push(sql`${name} ILIKE ${prefix} ${ESCAPE}`);
    within.push(sql`${name} ILIKE ${contains} ${ESCAPE}`);
  }
  if (last) starts.push(sql`${text_(last)} ILIKE ${prefix} ${ESCAPE}`);
  const exact = [sql`${id} = ${q}`, ...(email ? [sql`lower(${text_(email)}) = lower(${q})`] : [])];

  return sql`SELECT ${id} AS customer_id,
  ${email ? text_(email) : raw('CAST(NULL AS VARCHAR)')} AS email,
  ${name ?? raw('CAST(NULL AS VARCHAR)')} AS name,
  c.${ident('orders')} AS orders,
  c.${ident('revenue')} AS revenue
FROM ${ident(CUSTOMER_FEATURES)} AS c
WHERE ${join(within, ' OR ')}
ORDER BY CASE WHEN ${join(exact, ' OR ')} THEN 0 WHEN ${join(starts, ' OR ')} THEN 1 ELSE 2 END, ${id}
LIMIT ${limit}`;
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function readCustomerMatches(rows: readonly Record<string, unknown>[]): CustomerMatch[] {
  return rows.map((r) => ({ customerId: String(r.customer_id), email: text(r.email), name: text(r.name), orders: cellNumber(r.orders), revenue: cellNumber(r.revenue) }));
}
