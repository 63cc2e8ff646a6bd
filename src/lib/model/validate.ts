/**
 * Checks a data model and says in words what is missing or wrong, for the mapping screen.
 * Errors stop the model from being built; warnings are worth a look.
 */
import { typeFamily, type TableInfo, type TypeFamily } from '../engine/schema';
import { activityTables, columnsWithRole, type ColumnMapping, type DataModel, type TableMapping } from './datamodel';
import { customerAttributes } from './attributes';
import { isIsoDate } from './asOf';
import { FEATURE_COLUMNS, isModelRelationName } from './relations';
import { isSingleColumnRole, ROLE_LABELS, rolesForKind, type Role } from './roles';
import { identitySourceOf } from './identitySql';
import { isIdentityRelationName } from '../identity/relations';
import { validateIdentitySpec } from '../identity/spec';

export interface ModelIssue {
  severity: 'error' | 'warning';
  message: string;
  table?: string;
  column?: string;
  role?: Role;
}

const NUMERIC: readonly TypeFamily[] = ['integer', 'number', 'text'];
const TIME: readonly TypeFamily[] = ['date', 'timestamp', 'text'];
const KEY: readonly TypeFamily[] = ['text', 'integer', 'number'];

/** Type families a role can be read from (text is cast, so it is allowed where it may parse). */
const ROLE_TYPES: Partial<Record<Role, readonly TypeFamily[]>> = {
  customer_id: KEY,
  order_id: KEY,
  occurred_at: TIME,
  signup_date: TIME,
  amount: NUMERIC,
  quantity: NUMERIC,
  unit_price: NUMERIC,
  discount: NUMERIC,
};

/**
 * All problems in the model. With `tables` (what is loaded now) it also checks that every
 * mapped table and column still exists with the type it had when it was mapped.
 */
export function validateModel(model: DataModel, tables?: readonly TableInfo[]): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (model.asOf !== null && !isIsoDate(model.asOf)) {
    issues.push({ severity: 'error', message: `The as-of date "${model.asOf}" is not a date written as YYYY-MM-DD.` });
  }
  if (activityTables(model).length === 0) {
    issues.push({ severity: 'error', message: 'Choose at least one table of orders or events (an activity table).' });
  }
  const seen = new Set<string>();
  for (const table of model.tables) {
    if (seen.has(table.table)) issues.push({ severity: 'error', table: table.table, message: `The table ${table.table} is mapped twice.` });
    seen.add(table.table);
    if (table.kind === 'ignore') continue;
    issues.push(...tableIssues(table, model));
    if (tables) issues.push(...loadedIssues(table, tables));
  }
  issues.push(...attributeIssues(model));
  issues.push(...identityIssues(model, tables));
  return issues;
}

/**
 * With stitching on: its settings must still fit the loaded tables, and a table that keeps its
 * own customer ids (not a source of the stitch) is worth a warning — its customers are not people.
 */
function identityIssues(model: DataModel, tables?: readonly TableInfo[]): ModelIssue[] {
  if (!model.identity) return [];
  const out: ModelIssue[] = [];
  for (const issue of validateIdentitySpec(model.identity, tables)) {
    out.push({ severity: 'error', message: `Identity stitching: ${issue.message} Stitch again, or turn stitching off.` });
  }
  for (const table of model.tables) {
    if (table.kind === 'ignore' || identitySourceOf(model, table.table)) continue;
    if (columnsWithRole(table, 'customer_id').length === 0) continue;
    out.push({
      severity: 'warning',
      table: table.table,
      message: `${table.table} is not part of identity stitching: its customer ids are counted as customers of their own, not linked to people. Add it to the stitching to link them.`,
    });
  }
  return out;
}

export function hasErrors(issues: readonly ModelIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

function tableIssues(table: TableMapping, model: DataModel): ModelIssue[] {
  const out: ModelIssue[] = [];
  const t = table.table;
  if (isModelRelationName(t)) {
    out.push({
      severity: 'error',
      table: t,
      message: `The loaded table ${t} has the same name as the model's ${t.toLowerCase()} view.`,
    });
  }
  if (isIdentityRelationName(t)) {
    out.push({
      severity: 'error',
      table: t,
      message: `The loaded table ${t} has the name of a relation identity stitching creates (${t.toLowerCase()}); load it under another name.`,
    });
  }
  // A source of identity stitching gets its customer from the person behind each row.
  const stitched = identitySourceOf(model, t) !== undefined;
  const required: Role[] = table.kind === 'activity' ? ['customer_id', 'occurred_at'] : ['customer_id'];
  for (const role of required) {
    if (role === 'customer_id' && stitched) continue;
    if (columnsWithRole(table, role).length === 0) {
      out.push({ severity: 'error', table: t, role, message: `Choose which column holds the ${ROLE_LABELS[role]} in ${t}.` });
    }
  }
  const allowed = rolesForKind(table.kind);
  const counted = new Map<Role, ColumnMapping[]>();
  for (const c of table.columns) {
    counted.set(c.role, [...(counted.get(c.role) ?? []), c]);
    if (!allowed.includes(c.role)) {
      out.push({ severity: 'error', table: t, column: c.column, role: c.role, message: `${c.column} in ${t} is marked as ${ROLE_LABELS[c.role]}, which only applies to tables of orders or events.` });
    }
    const typeIssue = columnTypeIssue(t, c);
    if (typeIssue) out.push(typeIssue);
  }
  for (const [role, columns] of counted) {
    if (isSingleColumnRole(role) && columns.length > 1) {
      const names = columns.map((c) => c.column).join(' and ');
      out.push({ severity: 'error', table: t, role, message: `Only one column of ${t} can be the ${ROLE_LABELS[role]}: ${names} both are.` });
    }
  }
  if (table.kind === 'activity') out.push(...amountIssues(table));
  if (table.defaultEvent !== undefined && table.defaultEvent.trim() === '') {
    out.push({ severity: 'error', table: t, message: `Name the event that each row of ${t} records (for example purchase).` });
  }
  return out;
}

function columnTypeIssue(table: string, c: ColumnMapping): ModelIssue | null {
  const family = typeFamily(c.type);
  if (c.format === 'yyyymmdd' && (c.role === 'occurred_at' || c.role === 'signup_date') && (family === 'integer' || family === 'text')) return null;
  const allowed = ROLE_TYPES[c.role];
  if (!allowed || allowed.includes(family)) return null;
  const hint = family === 'integer' && (c.role === 'occurred_at' || c.role === 'signup_date') ? ' If they are dates written like 19970101, choose the yyyymmdd format.' : '';
  return {
    severity: 'error',
    table,
    column: c.column,
    role: c.role,
    message: `${c.column} in ${table} holds ${c.type} values, which cannot be read as the ${ROLE_LABELS[c.role]}.${hint}`,
  };
}

function amountIssues(table: TableMapping): ModelIssue[] {
  const has = (role: Role): boolean => columnsWithRole(table, role).length > 0;
  const t = table.table;
  if (has('amount') || has('unit_price')) return [];
  if (has('quantity')) {
    return [{ severity: 'warning', table: t, role: 'unit_price', message: `${t} has a quantity but no amount or unit price, so its rows carry no revenue.` }];
  }
  if (!has('event') && (table.defaultEvent ?? 'purchase') === 'purchase') {
    return [{ severity: 'warning', table: t, role: 'event', message: `${t} has no amount and no event column: every row counts as a purchase worth nothing. If it is an event log, choose its event column.` }];
  }
  return [];
}

function loadedIssues(table: TableMapping, tables: readonly TableInfo[]): ModelIssue[] {
  const info = tables.find((x) => x.name === table.table);
  if (!info) return [{ severity: 'error', table: table.table, message: `The table ${table.table} is not loaded.` }];
  const out: ModelIssue[] = [];
  for (const c of table.columns) {
    const col = info.columns.find((x) => x.name === c.column);
    if (!col) {
      out.push({ severity: 'error', table: table.table, column: c.column, message: `${table.table} has no column ${c.column} any more; map its ${ROLE_LABELS[c.role]} again.` });
    } else if (col.type !== c.type) {
      out.push({ severity: 'error', table: table.table, column: c.column, message: `${c.column} in ${table.table} was ${c.type} when it was mapped and is ${col.type} now; map it again.` });
    }
  }
  return out;
}

function attributeIssues(model: DataModel): ModelIssue[] {
  const out: ModelIssue[] = [];
  const reserved: readonly string[] = FEATURE_COLUMNS;
  for (const attribute of customerAttributes(model)) {
    const first = attribute.sources[0];
    if (reserved.includes(attribute.name.toLowerCase())) {
      out.push({ severity: 'error', table: first.table.table, column: first.column.column, message: `The customer attribute ${attribute.name} has the name of a computed customer feature; give it another name.` });
    }
    const generic = attribute.sources.filter((s) => s.column.role === 'attribute');
    if (generic.length > 0 && attribute.sources.length > 1) {
      const where = attribute.sources.map((s) => `${s.column.column} in ${s.table.table}`).join(' and ');
      out.push({ severity: 'error', table: first.table.table, column: first.column.column, message: `Two columns would both become the customer attribute ${attribute.name} (${where}); give one another name.` });
    }
  }
  return out;
}
