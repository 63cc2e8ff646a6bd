import type { ColumnInfo, TableInfo } from './schema';
import type { Row } from './rows';
import type { TableProfile } from '../ingest/profile';

/** Where a table came from: kept so a restarted engine can load it again. */
export interface TableSource {
  fileName: string;
  size: number;
  lastModified: number;
  format: string;
  sheet?: string;
}

export interface LoadedTable extends TableInfo {
  source: TableSource | null;
  /** Plain-language notes about what the loader decided (renamed columns, detected format…). */
  notes: string[];
  loadMs: number;
  /** Where the load time went, by phase (shown to nobody; read by the benchmark). */
  timings?: Record<string, number>;
  /** Excel: every sheet of the workbook, so another can be chosen. */
  sheets?: string[];
}

export interface LoadProgress {
  fileName: string;
  phase: 'queued' | 'reading' | 'loading' | 'refining' | 'done';
  /** 0..1 when known. */
  fraction: number | null;
  bytes: number | null;
  totalBytes: number;
  rows: number | null;
}

export interface LoadOptions {
  /** Target table name; default is derived from the file name. */
  table?: string;
  /** Replace an existing table of that name (otherwise a unique name is chosen). */
  replace?: boolean;
  /** Excel: which sheet (default the first). */
  sheet?: string;
}

/** A result kept in the engine as a table, read a page at a time. */
export interface ResultInfo {
  relation: string;
  columns: ColumnInfo[];
  totalRows: number;
  elapsedMs: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
  orderBy?: { column: string; descending: boolean };
}

export interface NumericColumn {
  name: string;
  values: Float64Array | Int32Array;
}

/** A small, fully materialised result, rows as arrays in column order. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: unknown[][];
  /** Total rows of the result when it was truncated to `rows.length`. */
  totalRows: number;
  elapsedMs: number;
}

export interface EngineInfo {
  version: string;
  bundle: string;
  readyMs: number;
}

/** A user-facing error: what went wrong, with which file, and what to try. */
export interface EngineErrorInfo {
  kind: 'ingest' | 'query' | 'engine' | 'cancelled';
  message: string;
  file?: string;
  hint?: string;
  /** For a query error: where in the statement the engine stopped (line and column, 1-based). */
  at?: { line: number; column: number };
}

/** The typed API the engine worker exposes (via comlink). */
export interface EngineApi {
  whenReady(): Promise<EngineInfo>;
  /** Called once if the engine dies, so the page can say so and restart it. */
  watch(onDeath: (e: EngineErrorInfo) => void): Promise<void>;
  query(sqlText: string, maxRows?: number): Promise<QueryResult>;
  cancel(): Promise<boolean>;
  /**
   * Run a statement and keep its result as the table `relation` (a notebook cell's result,
   * which other cells can query). A statement that returns no rows (DDL) leaves no table.
   */
  materialize(relation: string, statement: string): Promise<ResultInfo>;
  /** Rows [offset, offset + limit) of a table, optionally sorted. */
  page(relation: string, request: PageRequest): Promise<unknown[][]>;
  /**
   * Create (or replace) a table from numeric columns, passed as typed arrays (transferred, not
   * copied). Non-finite numbers become NULL. For results computed in JavaScript (model fits).
   */
  insertColumns(table: string, columns: NumericColumn[]): Promise<void>;
  /**
   * A query's numeric columns as Float64Arrays (NULL → NaN), one per result column in order:
   * the fast way to hand millions of values to JavaScript (model fits), without row objects.
   */
  queryColumns(sqlText: string): Promise<Float64Array[]>;
  /** A table as CSV or Parquet bytes. */
  exportRelation(relation: string, format: 'csv' | 'parquet'): Promise<Uint8Array>;
  /** A small result as plain row objects (profiles, samples, counts). */
  queryRows(sqlText: string, maxRows?: number): Promise<Row[]>;
  /** Several statements in order, as one unit of work (nothing else runs in between). */
  execute(statements: string[]): Promise<void>;
  /** The data profile of a loaded table. */
  profile(table: string, today?: string): Promise<TableProfile>;
  loadFile(file: File, options: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<LoadedTable>;
  dropTable(name: string): Promise<void>;
  /** Generate the seeded demo retailer as CSV files (in the worker: it takes a second or two). */
  generateDemo(customers: number, onProgress?: (done: number, total: number) => void): Promise<File[]>;
  /**
   * Benchmark baseline: the bare engine path for a CSV (register the file, CREATE TABLE AS
   * read_csv with DuckDB's defaults), timed in the worker; the table is dropped afterwards.
   */
  bareCsvLoad(file: File): Promise<{ ms: number; rows: number }>;
  /** Stop the inner DuckDB worker as an out-of-memory crash would (for the recovery test). */
  simulateCrash(): Promise<void>;
}
