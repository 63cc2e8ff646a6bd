/**
 * Loading one file into the engine: the ingest pipeline (src/lib/ingest) over this worker's
 * AsyncDuckDB. The file is loaded under a staging name and renamed only when everything
 * succeeded, so a failed load never touches the tables already there — not even the one a
 * "replace" would overwrite.
 */
import { DuckDBDataProtocol, type AsyncDuckDB, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { EngineErrorInfo, LoadOptions, LoadProgress } from './api';
import { arrowToRows } from './rows';
import type { ColumnInfo } from './schema';
import { ident, sql } from '../sql';
import { isReservedTableName } from '../model/names';
import { IngestError, fromFile, loadFile, tableNameFor, type IngestTarget } from '../ingest';

export interface LoadContext {
  db: AsyncDuckDB;
  conn: AsyncDuckDBConnection;
  file: File;
  options: LoadOptions;
  existing: Set<string>;
  run: (sqlText: string) => Promise<Table>;
  report: (p: Partial<LoadProgress> & Pick<LoadProgress, 'phase'>) => void;
}

export interface LoadOutcome {
  /** Milliseconds spent in each phase, named by the phase they start with. */
  timings: Record<string, number>;
  table: string;
  rows: number;
  columns: ColumnInfo[];
  format: string;
  notes: string[];
  sheets?: string[];
}

let staged = 0;

/** The table a file becomes: named after it, unique, and never one of the data model's or identity stitching's names. */
export function targetTableName(fileName: string, existing: Set<string>): string {
  const name = tableNameFor(fileName, existing);
  return isReservedTableName(name) ? tableNameFor(`${name}_table`, existing) : name;
}

function engineTarget(ctx: LoadContext): IngestTarget {
  const { db, conn, run } = ctx;
  return {
    async registerFile(name, source) {
      if (source.blob) await db.registerFileHandle(name, source.blob, DuckDBDataProtocol.BROWSER_FILEREADER, true);
      else await db.registerFileBuffer(name, new Uint8Array(await source.slice(0, source.size)));
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async query(statement) {
      return arrowToRows(await run(statement.text));
    },
    async insertArrowIPC(ipc, options) {
      await conn.insertArrowFromIPCStream(ipc, { name: options.name, create: options.create });
    },
  };
}

export async function loadIntoEngine(ctx: LoadContext): Promise<LoadOutcome> {
  const { file, options, existing, run } = ctx;
  const table = options.replace && options.table ? options.table : targetTableName(options.table ?? file.name, existing);
  const staging = `__loading_${++staged}`;
  const marks: [string, number][] = [['start', performance.now()]];
  const mark = (name: string) => {
    if (!marks.some(([n]) => n === name)) marks.push([name, performance.now()]);
  };
  try {
    const result = await loadFile(fromFile(file), engineTarget(ctx), {
      table: staging,
      existingTables: existing,
      sheet: options.sheet,
      onProgress: (p) => {
        mark(p.phase);
        if (p.phase === 'refining') ctx.report({ phase: 'refining', rows: p.rows });
        else if (p.totalRows) ctx.report({ phase: 'loading', rows: p.rows, fraction: p.rows / p.totalRows });
        else if (p.rows) ctx.report({ phase: 'loading', rows: p.rows });
      },
    });
    mark('finishing');
    await run(sql`DROP TABLE IF EXISTS ${ident(table)}`.text);
    await run(sql`ALTER TABLE ${ident(staging)} RENAME TO ${ident(table)}`.text);
    mark('end');
    const timings: Record<string, number> = {};
    for (let i = 1; i < marks.length; i++) timings[marks[i - 1][0]] = Math.round(marks[i][1] - marks[i - 1][1]);
    return {
      timings, table, rows: result.rows, columns: result.columns, format: result.format + (result.gzip ? ' (gzip)' : ''), notes: [...result.notes, ...result.warnings], sheets: result.sheets };
  } catch (e) {
    await run(sql`DROP TABLE IF EXISTS ${ident(staging)}`.text).catch(() => undefined);
    throw ingestErrorInfo(file.name, e);
  }
}

function ingestErrorInfo(fileName: string, e: unknown): EngineErrorInfo {
  if (e instanceof IngestError) return { kind: 'ingest', file: e.file, message: e.problem, hint: e.hint };
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return {
    kind: 'ingest',
    file: fileName,
    message: `${fileName} could not be read: ${message}`,
    hint: 'Check that it is a CSV, Excel, Parquet or JSON file; if it is, try saving it again from the program that made it.',
  };
}

