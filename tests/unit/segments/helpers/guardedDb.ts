/**
 * The DuckDB-WASM Node build with the two things the fuzz test needs beyond the shared test
 * helper: the parser's list of relations a query reads (getTableNames), and external access
 * switched off, so a query that tried to reach a file or a URL would fail loudly.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Sql } from '../../../../src/lib/sql';
import { arrowToRows, type Row } from '../../../../src/lib/engine/rows';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');

export interface GuardedDb {
  query(sql: string | Sql): Row[];
  /** Relations the query reads, as DuckDB's binder resolves them (CTE names excluded). */
  tableNames(sql: string | Sql): string[];
  /** No file, no URL from here on (cannot be switched back on). */
  lockDown(): void;
  close(): void;
}

export async function openGuardedDb(): Promise<GuardedDb> {
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
    query: (sql) => arrowToRows(conn.query(String(sql))),
    tableNames: (sql) => conn.getTableNames(String(sql)),
    lockDown: () => void conn.query('SET enable_external_access=false'),
    close() {
      conn.close();
      db.reset();
    },
  };
}
