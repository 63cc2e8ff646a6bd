/**
 * The real DuckDB-WASM engine (its Node build) for unit tests: the same engine the
 * browser runs, same version, so compilers are tested against what users get.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Sql } from '../../../src/lib/sql';
import type { Table } from 'apache-arrow';
import { arrowToRows, type Row } from '../../../src/lib/engine/rows';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');

export type { Row };

export interface TestDb {
  /** Run SQL and return rows as plain objects (BigInt kept as bigint). */
  query(sql: string | Sql): Row[];
  /** Run SQL and return the Arrow table, as the engine worker sees it. */
  queryArrow(sql: string | Sql): Table;
  /** Register an in-memory file the engine can read by name. */
  registerText(name: string, text: string): void;
  registerBuffer(name: string, bytes: Uint8Array): void;
  /** Relations a query reads, as DuckDB's binder resolves them (CTE names excluded). */
  tableNames(sql: string | Sql): string[];
  /** No file, no URL from here on (cannot be switched back on). */
  lockDown(): void;
  /** Insert an Arrow IPC stream as a new table, or append to one with `create: false`. */
  insertArrowIPC(bytes: Uint8Array, table: string, create?: boolean): void;
  close(): void;
}

export async function openTestDb(): Promise<TestDb> {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions=false');
  conn.query('SET autoload_known_extensions=false');
  return {
    query(sql) {
      return arrowToRows(conn.query(String(sql)));
    },
    queryArrow(sql) {
      return conn.query(String(sql)) as unknown as Table;
    },
    tableNames(sql) {
      return conn.getTableNames(String(sql));
    },
    lockDown() {
      conn.query('SET enable_external_access=false');
    },
    registerText(name, text) {
      db.registerFileText(name, text);
    },
    registerBuffer(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    insertArrowIPC(bytes, table, create = true) {
      conn.insertArrowFromIPCStream(bytes, { name: table, create });
    },
    close() {
      conn.close();
      db.reset();
    },
  };
}

/** Absolute path of a reference data file in ../shared/data, or null when it is absent. */
export function sharedData(rel: string): string | null {
  const p = path.resolve(import.meta.dirname, '../../../../shared/data', rel);
  return existsSync(p) ? p : null;
}
