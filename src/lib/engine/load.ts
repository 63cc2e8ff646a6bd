/**
 * Loading one file into the engine, by format. Runs in the engine worker.
 * The table appears under its final name only when loading succeeded, so a failed load
 * never touches tables already there.
 */
import { DuckDBDataProtocol, type AsyncDuckDB, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { EngineErrorInfo, LoadOptions, LoadProgress } from './api';
import { ident, sql } from '../sql';
import { isModelRelationName } from '../model/relations';

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
  table: string;
  format: string;
  notes: string[];
}

let fileCounter = 0;

export async function loadIntoEngine(ctx: LoadContext): Promise<LoadOutcome> {
  const { db, file, options, existing, run } = ctx;
  const table = options.replace && options.table ? options.table : uniqueName(options.table ?? baseName(file.name), existing);
  const staging = `__loading_${++fileCounter}`;
  const registered = `f${fileCounter}_${file.name}`;
  await db.registerFileHandle(registered, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  try {
    ctx.report({ phase: 'loading', fraction: 0, bytes: 0 });
    await run(sql`CREATE TABLE ${ident(staging)} AS SELECT * FROM read_csv(${registered})`.text);
  } catch (e) {
    await run(sql`DROP TABLE IF EXISTS ${ident(staging)}`.text).catch(() => undefined);
    throw {
      kind: 'ingest',
      file: file.name,
      message: `${file.name} could not be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      hint: 'Check that it is a CSV, Excel, Parquet or JSON file.',
    } satisfies EngineErrorInfo;
  }
  await run(sql`DROP TABLE IF EXISTS ${ident(table)}`.text);
  await run(sql`ALTER TABLE ${ident(staging)} RENAME TO ${ident(table)}`.text);
  return { table, format: 'csv', notes: [] };
}

function baseName(fileName: string): string {
  const stem = fileName.replace(/\.(csv|tsv|txt|gz|xlsx|parquet|json|ndjson|jsonl)$/gi, '').toLowerCase();
  const clean = stem.replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'table';
  const name = /^[0-9]/.test(clean) ? `t_${clean}` : clean;
  // The data model owns these names (a dropped customers.csv must not collide with the customers view).
  return isModelRelationName(name) ? `${name}_table` : name;
}

function uniqueName(base: string, existing: Set<string>): string {
  if (!existing.has(base)) return base;
  let i = 2;
  while (existing.has(`${base}_${i}`)) i++;
  return `${base}_${i}`;
}

export async function excelSheetNames(_file: File): Promise<string[]> {
  return [];
}
