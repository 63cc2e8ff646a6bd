/**
 * Which of the notebook's saved segments a customer belongs to: every saved segment compiled
 * (with the others, so a segment may refer to another by name), and membership of the one id
 * in each tested in a single query. A segment that does not fit the data is reported, not
 * fatal.
 */
import { ident, join, sql, type Sql } from '../sql';
import { SegmentError, compileSegment, type SegmentField } from '../segments';

export interface MembershipQuery {
  /** One boolean column per checked segment; null when there is none to check. */
  readonly sql: Sql | null;
  /** Segments checked, with their result column. */
  readonly checked: readonly { readonly name: string; readonly column: string }[];
  /** Segments that could not be compiled for this data, with why. */
  readonly problems: readonly { readonly name: string; readonly message: string }[];
}

export interface Membership {
  readonly name: string;
  readonly member: boolean;
}

export function segmentMembershipQuery(customerId: string, saved: ReadonlyMap<string, unknown>, fields: readonly SegmentField[]): MembershipQuery {
  const checked: { name: string; column: string }[] = [];
  const problems: { name: string; message: string }[] = [];
  const columns: Sql[] = [];
  const segments = new Map(saved);
  for (const [name, spec] of saved) {
    try {
      const compiled = compileSegment(spec, { fields, segments, dialect: 'duckdb' });
      const column = `m${checked.length}`;
      columns.push(sql`EXISTS (SELECT 1 FROM (${compiled.sql}) AS s WHERE s.customer_id = ${customerId}) AS ${ident(column)}`);
      checked.push({ name, column });
    } catch (e) {
      if (!(e instanceof SegmentError)) throw e;
      problems.push({ name, message: e.message });
    }
  }
  return { sql: columns.length ? sql`SELECT ${join(columns, ',\n  ')}` : null, checked, problems };
}

export function readMembership(row: Record<string, unknown> | undefined, query: MembershipQuery): Membership[] {
  return query.checked.map(({ name, column }) => ({ name, member: row?.[column] === true }));
}
