/**
 * Loading one file into one table, whatever its format: sniff, read (in the engine for
 * text, in JavaScript for the rest), check, refine. This is what the engine worker calls;
 * the engine itself is reached only through the IngestTarget it passes in.
 */
import { ident, sql, type Sql } from '../sql';
import type { Row } from '../engine/rows';
import type { ColumnInfo } from '../engine/schema';
import { IngestError, describeEngineError } from './errors';
import { readHead, fromBytes, type ByteSource } from './source';
import { sniffFile, HEAD_BYTES, type FileFormat, type Sniffed } from './sniff';
import { tableNameFor, registeredNameFor, baseName } from './tableName';
import { csvLoadSql, raggedDialect, fullScanDialect } from './csv';
import type { CsvDialect } from './dialect';
import { alignedStageSql, alignedWidthSql, alignedProbeSql, alignedTypes, alignedNames, alignedFinishSql, alignedDropSql } from './aligned';
import { readParquet } from './parquet';
import { readJson } from './json';
import { readExcel, listSheets } from './excel';
import { zipEntries, zipEntryBytes } from './zip';
import { refineTable, type Suggestion } from './refine';
import type { ArrowStream } from './stream';

/** What loading needs from the engine. The worker implements it over AsyncDuckDB. */
export interface IngestTarget {
  /**
   * Make `source` readable by read_csv under `name`. With `source.blob`, register it in place
   * (registerFileHandle(name, blob, BROWSER_FILEREADER, true)); otherwise register its bytes
   * (registerFileBuffer(name, new Uint8Array(await source.slice(0, source.size)))).
   */
  registerFile(name: string, source: ByteSource): Promise<void>;
  /** Forget a registered file (dropFile). */
  dropFile(name: string): Promise<void>;
  /** Run one statement and return its rows as plain objects. */
  query(statement: Sql): Promise<Row[]>;
  /** conn.insertArrowFromIPCStream(ipc, { name, create }). */
  insertArrowIPC(ipc: Uint8Array, options: { name: string; create: boolean }): Promise<void>;
}

export interface LoadProgress {
  phase: 'sniffing' | 'reading' | 'refining';
  rows: number;
  /** Known for Parquet, Excel and JSON; null for text read by the engine. */
  totalRows: number | null;
}

export interface LoadOptions {
  /** Tables that already exist: the new table's name will not clash with them. */
  existingTables?: Iterable<string>;
  /** Use this table name instead of one derived from the file name. */
  table?: string;
  /** Excel: sheet name or 1-based position (default: the first sheet). */
  sheet?: string | number;
  /** Convert text columns that are really dates (default true). */
  refine?: boolean;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export interface LoadResult {
  table: string;
  file: string;
  format: FileFormat;
  gzip: boolean;
  rows: number;
  columns: ColumnInfo[];
  /** How the file was read (for the user's information). */
  notes: string[];
  /** Things the user should check. */
  warnings: string[];
  /** Fixes the user may choose to apply. */
  suggestions: Suggestion[];
  /** Excel: every sheet of the workbook, in order. */
  sheets?: string[];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Returns the number of rows loaded, which CREATE TABLE … AS reports for free. */
async function loadCsv(source: ByteSource, target: IngestTarget, table: string, sniffed: Sniffed, notes: string[]): Promise<number | null> {
  const registered = registeredNameFor(table, sniffed.gzip);
  await target.registerFile(registered, source);
  try {
    let dialect = sniffed.dialect as CsvDialect;
    for (;;) {
      try {
        const [created] = await target.query(csvLoadSql(table, registered, dialect));
        const count = Number(created?.Count);
        return Number.isFinite(count) ? count : null;
      } catch (e) {
        const msg = messageOf(e);
        // With the delimiter given, DuckDB reports rows of the wrong width found while sniffing as a sniffing error.
        if (!dialect.ragged && /Expected Number of Columns|TOO MANY COLUMNS|MISSING COLUMNS|Error when sniffing file/i.test(msg)) {
          dialect = raggedDialect(dialect);
          notes.push('Some rows have a different number of values than the header; missing values were left empty and extra ones dropped.');
        } else if (!dialect.fullTypeScan && /Could not convert|Conversion Error/i.test(msg)) {
          dialect = fullScanDialect(dialect);
          notes.push('A column changed kind further into the file (numbers, then text); every row was read to choose the column types.');
        } else if (dialect.encoding === 'utf-8' && /Invalid unicode|not utf-8 encoded/i.test(msg)) {
          dialect = { ...dialect, encoding: 'latin-1' };
          notes.push('Part of the text is not UTF-8; the file was read as Latin-1 (Western European). Check accented letters.');
        } else {
          throw describeEngineError(source.name, e);
        }
      }
    }
  } finally {
    await target.dropFile(registered).catch(() => undefined);
  }
}

async function loadAligned(source: ByteSource, target: IngestTarget, table: string, sniffed: Sniffed, notes: string[]): Promise<void> {
  const layout = sniffed.aligned;
  const dialect = sniffed.dialect;
  if (!layout || !dialect) throw new Error('aligned text without a layout');
  const registered = registeredNameFor(table, sniffed.gzip);
  const staging = `arkwright_staging_${table}`;
  await target.registerFile(registered, source);
  try {
    await target.query(alignedStageSql(staging, registered, layout, dialect));
    const [shape] = await target.query(alignedWidthSql(staging));
    const width = Number(shape?.width ?? 0);
    if (!(width > 0)) {
      throw new IngestError(source.name, 'no-rows', 'The file has no rows of data.', 'Check that the export finished and contains rows.');
    }
    const short = Number(shape?.short ?? 0);
    if (short > 0) notes.push(`${short} line${short === 1 ? ' has' : 's have'} fewer values than the others; the missing values were left empty.`);
    const [probe] = await target.query(alignedProbeSql(staging, width, layout.candidates));
    const types = alignedTypes(probe ?? {}, width);
    const names = alignedNames(layout, width);
    await target.query(alignedFinishSql(table, staging, names, types));
    const ymd = names.filter((_, i) => types[i] === 'DATE');
    if (ymd.length > 0) notes.push(`Read as dates: ${ymd.map((n) => `"${n}"`).join(', ')}.`);
  } catch (e) {
    throw describeEngineError(source.name, e);
  } finally {
    await target.query(alignedDropSql(staging)).catch(() => undefined);
    await target.dropFile(registered).catch(() => undefined);
  }
}

async function insertStream(
  file: string,
  stream: ArrowStream,
  target: IngestTarget,
  table: string,
  options: LoadOptions,
): Promise<void> {
  let created = false;
  let rows = 0;
  try {
    for await (const chunk of stream.chunks) {
      options.signal?.throwIfAborted();
      await target.insertArrowIPC(chunk.ipc, { name: table, create: !created });
      created = true;
      rows += chunk.rows;
      options.onProgress?.({ phase: 'reading', rows, totalRows: stream.totalRows });
    }
  } catch (e) {
    if (created) await target.query(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    if (e instanceof IngestError || (e instanceof Error && e.name === 'AbortError')) throw e;
    throw describeEngineError(file, e);
  }
}

const DATA_ENTRY = /\.(csv|tsv|tab|txt|psv|dat|json|jsonl|ndjson|parquet|pq|xlsx|xlsm|gz)$/i;

async function loadZip(source: ByteSource, target: IngestTarget, table: string, options: LoadOptions): Promise<LoadResult> {
  let entries;
  try {
    entries = await zipEntries(source);
  } catch (e) {
    throw new IngestError(source.name, 'truncated', 'The zip archive is damaged or incomplete.', 'Create the archive again, or drop the file inside it.', { cause: e });
  }
  const files = entries.filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/') && !baseName(e.name).startsWith('.') && DATA_ENTRY.test(e.name));
  if (files.length === 0) {
    throw new IngestError(source.name, 'unsupported', 'The zip archive holds no data file (CSV, Excel, Parquet or JSON).', 'Open the archive on your computer and drop the data file itself.');
  }
  const chosen = files.reduce((a, b) => (b.size > a.size ? b : a));
  let bytes: Uint8Array;
  try {
    bytes = await zipEntryBytes(source, chosen);
  } catch (e) {
    throw new IngestError(source.name, 'truncated', `"${chosen.name}" inside the archive is damaged.`, 'Create the archive again, or drop the file inside it.', { cause: e });
  }
  const inner = fromBytes(chosen.name.split('/').pop() ?? chosen.name, bytes);
  const result = await loadFile(inner, target, { ...options, table });
  const others = files.filter((f) => f !== chosen).map((f) => `"${f.name}"`);
  result.notes.unshift(`Loaded "${chosen.name}" from the zip archive${others.length > 0 ? `; it also holds ${others.slice(0, 5).join(', ')}` : ''}.`);
  return { ...result, file: source.name, gzip: false };
}

async function describeTable(target: IngestTarget, table: string, knownRows: number | null = null): Promise<{ rows: number; columns: ColumnInfo[] }> {
  const [count] = knownRows === null ? await target.query(sql`SELECT count(*) AS n FROM ${ident(table)}`) : [{ n: knownRows }];
  const described = await target.query(sql`DESCRIBE ${ident(table)}`);
  return {
    rows: Number(count?.n ?? 0),
    columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
  };
}

/**
 * Load `source` into a new table. Throws IngestError (naming the file, the problem and
 * what to try) for anything the user can fix; the table does not exist after a failure.
 */
export async function loadFile(source: ByteSource, target: IngestTarget, options: LoadOptions = {}): Promise<LoadResult> {
  options.onProgress?.({ phase: 'sniffing', rows: 0, totalRows: null });
  const head = await readHead(source, HEAD_BYTES);
  let sniffed = await sniffFile(source.name, head, source.size);
  const table = options.table ?? tableNameFor(source.name, new Set(options.existingTables ?? []));
  const notes = [...sniffed.notes];
  let sheets: string[] | undefined;

  if (sniffed.format === 'zip') {
    const entries = await zipEntries(source).catch(() => []);
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) return loadZip(source, target, table, options);
    sniffed = { ...sniffed, format: 'xlsx' };
  }

  options.onProgress?.({ phase: 'reading', rows: 0, totalRows: null });
  let knownRows: number | null = null;
  switch (sniffed.format) {
    case 'csv':
      knownRows = await loadCsv(source, target, table, sniffed, notes);
      break;
    case 'aligned':
      await loadAligned(source, target, table, sniffed, notes);
      break;
    case 'parquet': {
      const stream = await readParquet(source);
      notes.push(...stream.notes);
      await insertStream(source.name, stream, target, table, options);
      break;
    }
    case 'xlsx': {
      sheets = await listSheets(source);
      const stream = await readExcel(source, { sheet: options.sheet });
      notes.push(...stream.notes);
      await insertStream(source.name, stream, target, table, options);
      break;
    }
    case 'json':
    case 'ndjson':
    case 'json-object': {
      const layout = sniffed.format === 'json' ? 'array' : sniffed.format === 'ndjson' ? 'stream' : 'object';
      const stream = await readJson(source, { gzip: sniffed.gzip, layout });
      notes.push(...stream.notes);
      await insertStream(source.name, stream, target, table, options);
      break;
    }
  }

  let { rows, columns } = await describeTable(target, table, knownRows);
  if (rows === 0) {
    await target.query(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    throw new IngestError(source.name, 'no-rows', 'The file has column names but no rows of data.', 'Check that you exported the data and not only the header.');
  }

  const warnings: string[] = [];
  const suggestions: Suggestion[] = [];
  if (options.refine !== false) {
    options.onProgress?.({ phase: 'refining', rows, totalRows: rows });
    const refinement = await refineTable(target.query.bind(target), table, columns);
    let applied = 0;
    for (const statement of refinement.statements) {
      try {
        await target.query(statement);
        applied++;
      } catch (e) {
        warnings.push(`A column could not be converted: ${messageOf(e).split('\n')[0]}`);
      }
    }
    notes.push(...refinement.notes);
    warnings.push(...refinement.warnings);
    suggestions.push(...refinement.suggestions);
    if (applied > 0) ({ rows, columns } = await describeTable(target, table));
  }

  return { table, file: source.name, format: sniffed.format, gzip: sniffed.gzip, rows, columns, notes, warnings, suggestions, sheets };
}
