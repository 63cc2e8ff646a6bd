/**
 * detectRoles: a suggested data model for freshly loaded tables — which are activity
 * (orders, order lines, events), which list customers, and which column plays which role —
 * with a confidence and a reason for each choice, for the analyst to confirm.
 */
import type { TableInfo } from '../engine/schema';
import type { Assignment } from './assignment';
import { snakeCase, type ColumnMapping, type DataModel, type DateFormat, type TableMapping } from './datamodel';
import { bestScore, columnCandidates, type ColumnCandidates, type TableHints } from './detectColumns';
import { idAndAmountByType, timeByType } from './detectByType';
import { isUnnamed, nameTokens } from './names';
import { FEATURE_COLUMNS } from './relations';
import { isSingleColumnRole, NAMED_ATTRIBUTE_ROLES, rolesForKind, type Role, type TableKind } from './roles';
import { discountKindOf, sampleValues, type TableSamples } from './samples';
import { isCustomerTableName, isOrderTableName } from './vocabulary';

export interface RoleSuggestion {
  column: string;
  type: string;
  /** null: the column is not used. */
  role: Role | null;
  confidence: number;
  reason: string;
  format?: DateFormat;
}

export interface TableSuggestion {
  table: string;
  kind: TableKind;
  confidence: number;
  reason: string;
  columns: RoleSuggestion[];
}

export interface Detection {
  /** The suggested mapping, ready for modelSql once the analyst confirms it. */
  model: DataModel;
  tables: TableSuggestion[];
}

const MIN_SCORE = 0.3;
const ACTIVITY_SIGNS: readonly Role[] = ['amount', 'order_id', 'event', 'quantity', 'unit_price', 'product', 'category', 'channel'];
const CUSTOMER_SIGNS: readonly Role[] = ['email', 'first_name', 'last_name', 'signup_date'];

export function detectRoles(tables: readonly TableInfo[], samples?: TableSamples): Detection {
  const detected = tables.map((t) => detectTable(t, samples));
  const mappings = detected.map((d) => d.mapping);
  nameAttributes(mappings);
  return { model: { v: 1, tables: mappings, asOf: null }, tables: detected.map((d) => d.suggestion) };
}

interface KindDecision {
  kind: TableKind;
  confidence: number;
  reason: string;
}

function decideKind(table: TableInfo, cols: readonly ColumnCandidates[], hints: TableHints, unnamed: boolean): KindDecision {
  const signs = (roles: readonly Role[]): number => roles.filter((r) => cols.some((c) => bestScore(c, r) >= 0.6)).length;
  const activity = signs(ACTIVITY_SIGNS);
  const customer = signs(CUSTOMER_SIGNS) + (hints.customerTableName ? 1 : 0);
  const hasTime = cols.some((c) => bestScore(c, 'occurred_at') >= 0.5);
  const hasId = cols.some((c) => bestScore(c, 'customer_id') >= 0.5 || bestScore(c, 'email') >= 0.5);
  if (hasTime && (activity > 0 || customer === 0)) {
    return { kind: 'activity', confidence: activity > 0 ? 0.9 : 0.7, reason: `${table.name} has a date per row${activity > 0 ? ' and order or event columns' : ''}: it records activity` };
  }
  if (hasId && customer > 0) return { kind: 'customers', confidence: 0.85, reason: `${table.name} describes customers (${hints.customerTableName ? 'its name' : 'names, emails or signup dates'}) and has no order columns` };
  if (hasId) return { kind: 'customers', confidence: 0.6, reason: `${table.name} has a customer id but no date per row: read as a list of customers` };
  const dated = cols.some((c) => c.family === 'date' || c.family === 'timestamp' || c.yyyymmdd);
  if (dated) {
    const why = unnamed ? 'its columns have no names, but it has a date column' : 'it has a date column';
    return { kind: 'activity', confidence: 0.4, reason: `${table.name}: ${why}; read as activity by column types` };
  }
  return { kind: 'ignore', confidence: 0.5, reason: `No column of ${table.name} reads as a customer id or a date; map it by hand if it matters` };
}

/** Highest-scoring (column, role) pairs first; each column gets one role, each role one column. */
function assignByName(cols: readonly ColumnCandidates[], kind: TableKind): Map<string, Assignment> {
  const allowed = rolesForKind(kind);
  const options: { column: string; a: Assignment }[] = [];
  for (const c of cols) {
    for (const cand of c.candidates) {
      let a: Assignment = { role: cand.role, confidence: cand.score, reason: cand.reason, format: cand.format };
      if (kind === 'customers' && cand.role === 'occurred_at') {
        a = { ...a, role: 'signup_date', confidence: cand.score * 0.8, reason: `${cand.reason}; in a table of customers it is the signup date` };
      }
      if (allowed.includes(a.role) && a.confidence >= MIN_SCORE) options.push({ column: c.column.name, a });
    }
  }
  options.sort((x, y) => y.a.confidence - x.a.confidence);
  const assigned = new Map<string, Assignment>();
  const used = new Set<Role>();
  for (const { column, a } of options) {
    if (assigned.has(column) || (isSingleColumnRole(a.role) && used.has(a.role))) continue;
    assigned.set(column, a);
    used.add(a.role);
  }
  return assigned;
}

function roleColumn(assigned: ReadonlyMap<string, Assignment>, role: Role): string | undefined {
  for (const [column, a] of assigned) if (a.role === role) return column;
  return undefined;
}

/** Fixes that need the whole table in view. */
function refine(assigned: Map<string, Assignment>, kind: TableKind, cols: readonly ColumnCandidates[], unnamed: boolean): void {
  const price = roleColumn(assigned, 'unit_price');
  if (kind === 'activity' && price && !roleColumn(assigned, 'amount') && !roleColumn(assigned, 'quantity')) {
    const a = assigned.get(price);
    if (a) assigned.set(price, { ...a, role: 'amount', reason: `${a.reason}; with no quantity column the price is the amount` });
  }
  if (kind === 'activity') {
    timeByType(cols, assigned);
    if (unnamed) idAndAmountByType(cols, assigned);
  }
  const email = roleColumn(assigned, 'email');
  if (email && !roleColumn(assigned, 'customer_id')) {
    assigned.set(email, { role: 'customer_id', confidence: 0.6, reason: `There is no customer id column; the email address identifies the customer` });
  }
  if (kind === 'customers') {
    for (const c of cols) {
      if (!assigned.has(c.column.name)) assigned.set(c.column.name, { role: 'attribute', confidence: 0.5, reason: `Kept as a customer attribute` });
    }
  }
}

function detectTable(table: TableInfo, samples: TableSamples | undefined): { mapping: TableMapping; suggestion: TableSuggestion } {
  const hints: TableHints = { customerTableName: isCustomerTableName(table.name), orderTableName: isOrderTableName(table.name) };
  const cols = table.columns.map((c) => columnCandidates(c, sampleValues(samples, table.name, c.name), hints));
  const unnamed = table.columns.length > 0 && table.columns.every((c) => isUnnamed(c.name));
  const decision = decideKind(table, cols, hints, unnamed);
  const assigned = decision.kind === 'ignore' ? new Map<string, Assignment>() : assignByName(cols, decision.kind);
  if (decision.kind !== 'ignore') refine(assigned, decision.kind, cols, unnamed);

  const columns: ColumnMapping[] = [];
  const suggestions: RoleSuggestion[] = table.columns.map((c) => {
    const a = assigned.get(c.name);
    if (!a) return { column: c.name, type: c.type, role: null, confidence: 0, reason: 'Not used' };
    const mapping: ColumnMapping = { column: c.name, role: a.role, type: c.type };
    if (a.format) mapping.format = a.format;
    if (a.role === 'discount') mapping.discount = discountKindOf(sampleValues(samples, table.name, c.name), nameTokens(c.name));
    columns.push(mapping);
    const s: RoleSuggestion = { column: c.name, type: c.type, role: a.role, confidence: round(a.confidence), reason: a.reason };
    if (a.format) s.format = a.format;
    return s;
  });
  const mapping: TableMapping = { table: table.name, kind: decision.kind, columns };
  const roles = new Set(columns.map((c) => c.role));
  if (decision.kind === 'activity' && !roles.has('event') && !roles.has('amount') && !roles.has('unit_price')) {
    // A log with neither amounts nor event names (logins, visits): its rows are named after the table.
    mapping.defaultEvent = snakeCase(table.name);
  }
  return { mapping, suggestion: { table: table.name, kind: decision.kind, confidence: decision.confidence, reason: decision.reason, columns: suggestions } };
}

/** Attribute column names: snake_case, unique across tables, never a computed feature's name. */
function nameAttributes(mappings: readonly TableMapping[]): void {
  const taken = new Set<string>(FEATURE_COLUMNS);
  for (const m of mappings) for (const c of m.columns) if ((NAMED_ATTRIBUTE_ROLES as readonly string[]).includes(c.role)) taken.add(c.role);
  for (const m of mappings) {
    for (const c of m.columns) {
      if (c.role !== 'attribute') continue;
      let name = snakeCase(c.column);
      if (taken.has(name)) name = `${snakeCase(m.table)}_${name}`;
      for (let i = 2; taken.has(name); i++) name = `${snakeCase(m.table)}_${snakeCase(c.column)}_${i}`;
      taken.add(name);
      c.as = name;
    }
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
