/**
 * Candidate roles for each column, from its name, its type and (when given) sample values.
 * A name match counts only as far as the type agrees: "date" holding text scores lower
 * than "date" holding DATE, and "amount" holding dates not at all.
 */
import { typeFamily, type ColumnInfo, type TypeFamily } from '../engine/schema';
import type { DateFormat } from './datamodel';
import { compactName } from './names';
import { looksLikeEmail, looksLikeYyyymmdd } from './samples';
import { nameMatches } from './vocabulary';
import type { Role } from './roles';

export interface Candidate {
  role: Role;
  score: number;
  reason: string;
  format?: DateFormat;
}

export interface ColumnCandidates {
  column: ColumnInfo;
  family: TypeFamily;
  candidates: Candidate[];
  /** Sample values say this column holds dates written as 19970101. */
  yyyymmdd: boolean;
}

export interface TableHints {
  customerTableName: boolean;
  orderTableName: boolean;
}

const KEY_ROLES: readonly Role[] = ['customer_id', 'order_id'];
const TIME_ROLES: readonly Role[] = ['occurred_at', 'signup_date'];
const NUMBER_ROLES: readonly Role[] = ['amount', 'quantity', 'unit_price', 'discount'];

/** How far the column's type agrees with a role: 1 fits, 0 cannot be. */
function typeFit(role: Role, family: TypeFamily, yyyymmdd: boolean): number {
  if (KEY_ROLES.includes(role)) return family === 'text' || family === 'integer' ? 1 : family === 'number' ? 0.9 : 0;
  if (TIME_ROLES.includes(role)) {
    if (family === 'date' || family === 'timestamp' || yyyymmdd) return 1;
    return family === 'text' ? 0.7 : 0;
  }
  if (NUMBER_ROLES.includes(role)) return family === 'integer' || family === 'number' ? 1 : family === 'text' ? 0.5 : 0;
  if (role === 'attribute') return 1;
  if (role === 'product') return family === 'text' || family === 'integer' ? 1 : 0.3;
  return family === 'text' ? 1 : 0.3;
}

export function columnCandidates(column: ColumnInfo, samples: readonly string[], hints: TableHints): ColumnCandidates {
  const family = typeFamily(column.type);
  const yyyymmdd = (family === 'integer' || family === 'text') && looksLikeYyyymmdd(samples);
  const candidates: Candidate[] = [];
  for (const match of nameMatches(column.name)) {
    const fit = typeFit(match.role, family, yyyymmdd);
    if (fit === 0) continue;
    const c: Candidate = { role: match.role, score: match.score * fit, reason: match.reason };
    if (TIME_ROLES.includes(match.role) && yyyymmdd) c.format = 'yyyymmdd';
    candidates.push(c);
  }
  const compact = compactName(column.name);
  if (compact === 'id' && (family === 'text' || family === 'integer')) {
    if (hints.customerTableName) candidates.push({ role: 'customer_id', score: 0.75, reason: `"${column.name}" in a table of customers is the customer id` });
    else if (hints.orderTableName) candidates.push({ role: 'order_id', score: 0.7, reason: `"${column.name}" in a table of orders is the order id` });
  }
  if (family === 'text' && looksLikeEmail(samples) && !candidates.some((c) => c.role === 'email')) {
    candidates.push({ role: 'email', score: 0.8, reason: `The values of "${column.name}" are email addresses` });
  }
  if (yyyymmdd && !candidates.some((c) => c.role === 'occurred_at')) {
    candidates.push({ role: 'occurred_at', score: 0.5, reason: `The values of "${column.name}" look like dates written as yyyymmdd`, format: 'yyyymmdd' });
  }
  candidates.sort((a, b) => b.score - a.score);
  return { column, family, candidates, yyyymmdd };
}

export function bestScore(c: ColumnCandidates, role: Role): number {
  return c.candidates.find((x) => x.role === role)?.score ?? 0;
}
