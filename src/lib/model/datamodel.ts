/**
 * The data model: which loaded tables hold activity or customers, which column plays which
 * role, and the as-of date. Plain JSON, versioned, saved with the notebook.
 */
import { isRole, type Role, type TableKind } from './roles';
import { ModelError } from './errors';
import { parseIdentitySpec, type IdentitySpec } from '../identity/spec';
import { IdentityError } from '../identity/errors';

/** How a discount column reduces a line's quantity × unit price. */
export type DiscountKind = 'amount' | 'rate' | 'percent';

/** How to read a date held in a column that is not a DATE or TIMESTAMP. */
export type DateFormat = 'yyyymmdd';

export interface ColumnMapping {
  column: string;
  role: Role;
  /** DuckDB type of the column when it was mapped: picks the cast (int ids, text dates…). */
  type: string;
  /** Dates held as numbers or text in a fixed layout (CDNOW's 19970101). */
  format?: DateFormat;
  /** For the discount role: an amount off the line (default), a rate 0–1, or a percent 0–100. */
  discount?: DiscountKind;
  /** Column name in the customer views, for `attribute` (default: the column name in snake_case). */
  as?: string;
  /**
   * Set while building, never saved: this text column holds no blank values and none with
   * surrounding spaces (checked on the data), so the views read it as it is instead of
   * trimming every value on every query. See tidy.ts.
   */
  tidy?: boolean;
}

export interface TableMapping {
  table: string;
  kind: TableKind;
  /** Mapped columns only; a column not listed is not used. */
  columns: ColumnMapping[];
  /** Event of each row when the table has no event column (default 'purchase'). */
  defaultEvent?: string;
}

export interface DataModel {
  v: 1;
  tables: TableMapping[];
  /** 'YYYY-MM-DD'; null means the latest activity date in the data. */
  asOf: string | null;
  /**
   * Identity stitching that has run (docs/identity.md): the stitched person is the customer.
   * Activity and customer tables that are sources of the spec take their customer_id from
   * identity_records, which must exist when the model is built (stitch first). Absent: no stitching.
   */
  identity?: IdentitySpec;
}

export const DEFAULT_EVENT = 'purchase';

export function emptyModel(): DataModel {
  return { v: 1, tables: [], asOf: null };
}

export function columnsWithRole(table: TableMapping, role: Role): ColumnMapping[] {
  return table.columns.filter((c) => c.role === role);
}

export function columnForRole(table: TableMapping, role: Role): ColumnMapping | undefined {
  return table.columns.find((c) => c.role === role);
}

export function activityTables(model: DataModel): TableMapping[] {
  return model.tables.filter((t) => t.kind === 'activity');
}

export function customerTables(model: DataModel): TableMapping[] {
  return model.tables.filter((t) => t.kind === 'customers');
}

/** Lower snake_case: the name an attribute column gets in the customer views. */
export function snakeCase(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return s.length > 0 ? s : 'attribute';
}

/** A DataModel read from JSON (a saved notebook, an import): shape checked, nothing trusted. */
export function parseDataModel(json: unknown): DataModel {
  const fail = (what: string): never => {
    throw new ModelError(`The saved data model is not readable: ${what}.`, 'Map the columns again.');
  };
  if (!isObject(json) || json.v !== 1) return fail('unknown version');
  if (!Array.isArray(json.tables)) return fail('no tables');
  const asOf = json.asOf;
  if (asOf !== null && typeof asOf !== 'string') return fail('the as-of date is not a date');
  const tables = json.tables.map((t, i): TableMapping => {
    if (!isObject(t) || typeof t.table !== 'string') return fail(`table ${i + 1} has no name`);
    if (t.kind !== 'activity' && t.kind !== 'customers' && t.kind !== 'ignore') return fail(`table ${t.table} has no kind`);
    if (!Array.isArray(t.columns)) return fail(`table ${t.table} has no columns`);
    const out: TableMapping = { table: t.table, kind: t.kind, columns: t.columns.map((c) => parseColumn(c, t.table as string, fail)) };
    if (typeof t.defaultEvent === 'string') out.defaultEvent = t.defaultEvent;
    return out;
  });
  const model: DataModel = { v: 1, tables, asOf };
  if (json.identity !== undefined && json.identity !== null) model.identity = parseSavedIdentity(json.identity);
  return model;
}

function parseSavedIdentity(json: unknown): IdentitySpec {
  try {
    return parseIdentitySpec(json);
  } catch (e) {
    if (e instanceof IdentityError) throw new ModelError(`The saved identity stitching settings are not readable: ${e.message}`, 'Choose the identifier columns again and stitch again.');
    throw e;
  }
}

function parseColumn(c: unknown, table: string, fail: (what: string) => never): ColumnMapping {
  if (!isObject(c) || typeof c.column !== 'string' || typeof c.type !== 'string') return fail(`a column of ${table} has no name or type`);
  if (!isRole(c.role)) return fail(`column ${c.column} of ${table} has an unknown role`);
  const out: ColumnMapping = { column: c.column, role: c.role, type: c.type };
  if (c.format === 'yyyymmdd') out.format = c.format;
  if (c.discount === 'amount' || c.discount === 'rate' || c.discount === 'percent') out.discount = c.discount;
  if (typeof c.as === 'string') out.as = c.as;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
