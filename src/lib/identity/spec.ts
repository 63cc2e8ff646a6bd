/**
 * The identity-stitching spec (version 1): which loaded tables hold records of people, which
 * columns identify a person in each, and the matching options. Plain JSON, saved with the
 * notebook; read here from untrusted input with every problem reported at once.
 */
import type { TableInfo } from '../engine/schema';
import { IdentityError, type IdentityIssue, type IdentityIssueCode } from './errors';

export const IDENTIFIER_TYPES = ['customer_id', 'email', 'phone', 'loyalty_card', 'other'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Words for the UI and for messages. */
export const IDENTIFIER_LABELS: Record<IdentifierType, string> = {
  customer_id: 'customer id',
  email: 'email',
  phone: 'phone',
  loyalty_card: 'loyalty card',
  other: 'other identifier',
};

export interface IdentifierColumn {
  column: string;
  type: IdentifierType;
  /** DuckDB type of the column (DESCRIBE): whole numbers held as DOUBLE print without '.0'. Default text. */
  columnType?: string;
  /**
   * Values match only values of the same type and namespace. Default: the source name for
   * customer_id and other (one system's customer 123 is not another's), '' (everywhere) for
   * email, phone and loyalty_card. Give two sources the same namespace when they share an id space.
   */
  namespace?: string;
}

export interface IdentitySource {
  /** The loaded table. */
  table: string;
  /** The source's name in the results (default: the table name). */
  name?: string;
  /**
   * Column whose value names a record; rows with the same value are one record. null: every
   * row is a record, named by its row number (1 = first row). Choose the column the data model
   * maps to customer_id, so identity_map translates it.
   */
  recordId: string | null;
  recordIdType?: string;
  identifiers: IdentifierColumn[];
}

/** An identifier the analyst keeps although it is shared by implausibly many records. */
export interface KeptIdentifier {
  type: IdentifierType;
  /** The normalised value, as the report shows it. */
  value: string;
  /** Only in this namespace; absent: in any. */
  namespace?: string;
}

export interface IdentityOptions {
  /** Digits (e.g. '44') put in front of national phone numbers; null leaves them as they are. */
  defaultCountryCode: string | null;
  /** Values (any type, compared trimmed and lower-cased) that never link, on top of the built-in list. */
  placeholders: string[];
  /** An identifier on more distinct records than this (identical records counted once) links no one unless kept. */
  maxRecordsPerIdentifier: number;
  keep: KeptIdentifier[];
  /** Identifier types that link no one ("undo a rule"). */
  disabledTypes: IdentifierType[];
}

export interface IdentitySpec {
  v: 1;
  sources: IdentitySource[];
  options: IdentityOptions;
}

export interface IdentitySpecInput {
  v?: 1;
  sources?: IdentitySource[];
  options?: Partial<IdentityOptions>;
}

export const DEFAULT_IDENTITY_OPTIONS: IdentityOptions = {
  defaultCountryCode: null,
  placeholders: [],
  maxRecordsPerIdentifier: 50,
  keep: [],
  disabledTypes: [],
};

/** Limits that keep one spec from producing absurd SQL. */
const MAX_SOURCES = 50;
const MAX_IDENTIFIERS = 50;
const MAX_LIST = 10_000;

/** The name a source goes by in the results. */
export function sourceName(source: IdentitySource): string {
  return source.name ?? source.table;
}

/** The namespace an identifier's values match in (see IdentifierColumn.namespace). */
export function identifierNamespace(source: IdentitySource, id: IdentifierColumn): string {
  if (id.namespace !== undefined) return id.namespace;
  return id.type === 'customer_id' || id.type === 'other' ? sourceName(source) : '';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  constructor(readonly issues: IdentityIssue[]) {}
  fail(path: string, message: string, code: IdentityIssueCode = 'bad-value'): void {
    this.issues.push({ path, message, code });
  }
  only(obj: Json, path: string, keys: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!keys.includes(k)) this.fail(at(path, k), `"${k}" is not a setting here (known: ${keys.join(', ')}).`, 'unknown-key');
    }
  }
  text(obj: Json, path: string, key: string, label: string): string | null {
    const v = obj[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.fail(at(path, key), `${label} must be a non-empty text.`, 'bad-shape');
    return null;
  }
  optionalText(obj: Json, path: string, key: string, label: string): string | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    this.fail(at(path, key), `${label} must be a text.`, 'bad-shape');
    return undefined;
  }
  type(v: unknown, path: string): IdentifierType | null {
    if (typeof v === 'string' && (IDENTIFIER_TYPES as readonly string[]).includes(v)) return v as IdentifierType;
    this.fail(path, `The identifier type must be one of ${IDENTIFIER_TYPES.map((t) => `"${t}"`).join(', ')}.`, 'bad-type');
    return null;
  }
  list(obj: Json, path: string, key: string, label: string): unknown[] {
    const v = obj[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(at(path, key), `${label} must be a list.`, 'bad-shape');
      return [];
    }
    if (v.length > MAX_LIST) {
      this.fail(at(path, key), `${label} has ${v.length} entries; at most ${MAX_LIST} are allowed.`);
      return v.slice(0, MAX_LIST);
    }
    return v;
  }
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function readIdentifier(r: Reader, input: unknown, path: string): IdentifierColumn | null {
  if (!isObject(input)) {
    r.fail(path, 'An identifier must be an object with a column and a type.', 'bad-shape');
    return null;
  }
  r.only(input, path, ['column', 'type', 'columnType', 'namespace']);
  const column = r.text(input, path, 'column', 'The identifier column');
  const type = r.type(input.type, at(path, 'type'));
  const columnType = r.optionalText(input, path, 'columnType', 'The column type');
  const namespace = r.optionalText(input, path, 'namespace', 'The namespace');
  if (column === null || type === null) return null;
  const out: IdentifierColumn = { column, type };
  if (columnType !== undefined) out.columnType = columnType;
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

/** The source, and the input position of each identifier kept (for paths in later checks). */
function readSource(r: Reader, input: unknown, path: string): { source: IdentitySource; positions: number[] } | null {
  if (!isObject(input)) {
    r.fail(path, 'A source must be an object naming a table and its identifier columns.', 'bad-shape');
    return null;
  }
  r.only(input, path, ['table', 'name', 'recordId', 'recordIdType', 'identifiers']);
  const table = r.text(input, path, 'table', 'The table');
  const name = r.optionalText(input, path, 'name', 'The source name');
  if (name !== undefined && name.trim() === '') r.fail(at(path, 'name'), 'The source name must not be blank.');
  let recordId: string | null = null;
  if (input.recordId !== null && input.recordId !== undefined) recordId = r.text(input, path, 'recordId', 'The record id column');
  const recordIdType = r.optionalText(input, path, 'recordIdType', 'The record id column type');
  const raw = r.list(input, path, 'identifiers', 'The identifier columns');
  if (raw.length > MAX_IDENTIFIERS) r.fail(at(path, 'identifiers'), `A source may have at most ${MAX_IDENTIFIERS} identifier columns.`);
  const identifiers: IdentifierColumn[] = [];
  const positions: number[] = [];
  const seen = new Set<string>();
  raw.forEach((x, i) => {
    const id = readIdentifier(r, x, at(at(path, 'identifiers'), i));
    if (!id) return;
    const key = `${id.column}\u0001${id.type}`;
    if (seen.has(key)) r.fail(at(at(path, 'identifiers'), i), `The column "${id.column}" is already listed as ${id.type}.`);
    seen.add(key);
    identifiers.push(id);
    positions.push(i);
  });
  if (identifiers.length === 0 && raw.length === 0) {
    r.fail(at(path, 'identifiers'), `The table "${table ?? ''}" has no identifier column.`, 'no-identifiers');
  }
  if (table === null) return null;
  const out: IdentitySource = { table, recordId, identifiers };
  if (name !== undefined) out.name = name;
  if (recordIdType !== undefined) out.recordIdType = recordIdType;
  return { source: out, positions };
}

function readOptions(r: Reader, input: unknown): IdentityOptions {
  const d = DEFAULT_IDENTITY_OPTIONS;
  if (input === undefined) return { ...d, placeholders: [], keep: [], disabledTypes: [] };
  const path = 'options';
  if (!isObject(input)) {
    r.fail(path, 'The options must be an object.', 'bad-shape');
    return { ...d };
  }
  r.only(input, path, ['defaultCountryCode', 'placeholders', 'maxRecordsPerIdentifier', 'keep', 'disabledTypes']);

  let defaultCountryCode = d.defaultCountryCode;
  const cc = input.defaultCountryCode;
  if (cc !== undefined && cc !== null) {
    if (typeof cc === 'string' && /^\+?\d{1,3}$/.test(cc.trim())) defaultCountryCode = cc.trim().replace('+', '');
    else r.fail(at(path, 'defaultCountryCode'), 'The default country code must be 1 to 3 digits, such as 44 or +33.');
  }

  const placeholders: string[] = [];
  r.list(input, path, 'placeholders', 'The placeholder values').forEach((p, i) => {
    if (typeof p === 'string') placeholders.push(p);
    else r.fail(at(at(path, 'placeholders'), i), 'A placeholder value must be a text.', 'bad-shape');
  });

  let max = d.maxRecordsPerIdentifier;
  const m = input.maxRecordsPerIdentifier;
  if (m !== undefined) {
    if (typeof m === 'number' && Number.isInteger(m) && m >= 2 && m <= 1_000_000_000) max = m;
    else r.fail(at(path, 'maxRecordsPerIdentifier'), 'The most records one identifier may link must be a whole number of at least 2.');
  }

  const keep: KeptIdentifier[] = [];
  r.list(input, path, 'keep', 'The kept identifiers').forEach((k, i) => {
    const p = at(at(path, 'keep'), i);
    if (!isObject(k)) {
      r.fail(p, 'A kept identifier must be an object with a type and a value.', 'bad-shape');
      return;
    }
    r.only(k, p, ['type', 'value', 'namespace']);
    const type = r.type(k.type, at(p, 'type'));
    const value = typeof k.value === 'string' ? k.value : null;
    if (value === null) r.fail(at(p, 'value'), 'The kept value must be a text.', 'bad-shape');
    const namespace = r.optionalText(k, p, 'namespace', 'The namespace');
    if (type !== null && value !== null) keep.push(namespace === undefined ? { type, value } : { type, value, namespace });
  });

  const disabledTypes: IdentifierType[] = [];
  r.list(input, path, 'disabledTypes', 'The switched-off identifier types').forEach((t, i) => {
    const type = r.type(t, at(at(path, 'disabledTypes'), i));
    if (type !== null && !disabledTypes.includes(type)) disabledTypes.push(type);
  });

  return { defaultCountryCode, placeholders, maxRecordsPerIdentifier: max, keep, disabledTypes };
}

function readSpec(input: unknown, r: Reader, tables?: readonly TableInfo[]): IdentitySpec {
  const empty: IdentitySpec = { v: 1, sources: [], options: { ...DEFAULT_IDENTITY_OPTIONS } };
  if (!isObject(input)) {
    r.fail('', 'The identity settings must be an object.', 'bad-shape');
    return empty;
  }
  r.only(input, '', ['v', 'sources', 'options']);
  if (input.v !== undefined && input.v !== 1) r.fail('v', `Version ${JSON.stringify(input.v)} is not supported; this app reads version 1.`, 'bad-version');
  const raw = r.list(input, '', 'sources', 'The sources');
  if (raw.length === 0 && !r.issues.some((i) => i.path === 'sources')) r.fail('sources', 'No table is chosen for stitching.', 'no-sources');
  if (raw.length > MAX_SOURCES) r.fail('sources', `At most ${MAX_SOURCES} tables can be stitched at once.`);
  const sources: IdentitySource[] = [];
  const names = new Map<string, number>();
  raw.forEach((x, i) => {
    const path = at('sources', i);
    const read = readSource(r, x, path);
    if (!read) return;
    const s = read.source;
    const name = sourceName(s);
    const before = names.get(name);
    if (before !== undefined) r.fail(at(path, s.name === undefined ? 'table' : 'name'), `The source name "${name}" is already used by sources[${before}]; give one of them another name.`, 'duplicate-source');
    else names.set(name, i);
    if (tables) checkAgainstTables(r, s, read.positions, path, tables);
    sources.push(s);
  });
  return { v: 1, sources, options: readOptions(r, input.options) };
}

/** Table and column names as DuckDB resolves them: case-insensitively. */
function checkAgainstTables(r: Reader, s: IdentitySource, positions: readonly number[], path: string, tables: readonly TableInfo[]): void {
  const table = tables.find((t) => t.name.toLowerCase() === s.table.toLowerCase());
  if (!table) {
    r.fail(at(path, 'table'), `There is no loaded table "${s.table}".`, 'unknown-table');
    return;
  }
  const find = (c: string) => table.columns.find((col) => col.name.toLowerCase() === c.toLowerCase());
  if (s.recordId !== null) {
    const col = find(s.recordId);
    if (!col) r.fail(at(path, 'recordId'), `The table "${s.table}" has no column "${s.recordId}".`, 'unknown-column');
    else s.recordIdType ??= col.type;
  }
  s.identifiers.forEach((id, i) => {
    const col = find(id.column);
    if (!col) r.fail(at(at(path, 'identifiers'), positions[i]), `The table "${s.table}" has no column "${id.column}".`, 'unknown-column');
    // The loaded type decides how numbers print (17850, not 17850.0).
    else id.columnType ??= col.type;
  });
}

/** Every problem with a spec; pass the loaded tables to check table and column names too (and fill in column types). */
export function validateIdentitySpec(input: unknown, tables?: readonly TableInfo[]): IdentityIssue[] {
  const issues: IdentityIssue[] = [];
  readSpec(input, new Reader(issues), tables);
  return issues;
}

/** The spec with defaults filled in; throws an IdentityError listing every problem. */
export function parseIdentitySpec(input: unknown, tables?: readonly TableInfo[]): IdentitySpec {
  const issues: IdentityIssue[] = [];
  const spec = readSpec(input, new Reader(issues), tables);
  if (issues.length > 0) throw new IdentityError(issues);
  return spec;
}
