/**
 * The engine host: runs inside workers/engine.worker.ts, owns DuckDB-WASM (in its own nested
 * worker) and does all loading there, so the page's main thread only ever sees small results.
 */
import { DuckDBDataProtocol, type AsyncDuckDB, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import type { EngineApi, EngineErrorInfo, EngineInfo, LoadedTable, LoadOptions, LoadProgress, NumericColumn, PageRequest, QueryResult, ResultInfo } from './api';
import type { TableInfo } from './schema';
import { describeQueryError } from './errors';
import { arrowToArrays, arrowToRows, type Row } from './rows';
import { profileTable, type TableProfile } from '../ingest/profile';
import { loadIntoEngine } from './load';
import { ident, raw, sql } from '../sql';
import { arrowToParquet, csvCopySql, parquetReadySql } from './exportSql';
import { arrowColumnToFloat64, numericColumnsToIpc } from './numericColumns';
import { generateRetailer, TABLE_FILES, type TableName } from '../demo';

export interface OpenedDb {
  db: AsyncDuckDB;
  worker: Worker;
  bundle: string;
}

/** Statements run on every new connection: no extension is ever fetched or loaded. */
const LOCKDOWN = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

export class EngineHost implements EngineApi {
  private conn: AsyncDuckDBConnection | null = null;
  private opened: OpenedDb | null = null;
  private readonly ready: Promise<EngineInfo>;
  private died: ((e: EngineErrorInfo) => void) | null = null;
  private readonly death: Promise<never>;
  /** Progress listener of the statement in flight (DuckDB reports one query at a time). */
  private progressListener: ((fraction: number) => void) | null = null;
  /** One statement at a time on the connection; later calls wait their turn. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(open: () => Promise<OpenedDb>) {
    this.death = new Promise<never>((_, reject) => {
      this.died = reject;
    });
    this.death.catch(() => undefined);
    this.ready = this.start(open);
    this.ready.catch(() => undefined);
  }

  private async start(open: () => Promise<OpenedDb>): Promise<EngineInfo> {
    const t0 = performance.now();
    const opened = await open();
    this.opened = opened;
    opened.worker.addEventListener('error', (ev) => {
      this.died?.({
        kind: 'engine',
        message: `The database engine stopped${ev.message ? `: ${ev.message}` : ''}.`,
        hint: 'This usually means the browser ran out of memory. Arkwright restarts the engine and loads your files again.',
      });
    });
    this.onExecutionProgress(opened.db, (p) => {
      const pct = Number(p.percentage);
      if (Number.isFinite(pct)) this.progressListener?.(Math.max(0, Math.min(1, pct / 100)));
    });
    const conn = await opened.db.connect();
    for (const s of LOCKDOWN) await conn.query(s);
    this.conn = conn;
    const version = String((await conn.query('SELECT version() AS v')).get(0)?.v ?? '');
    return { version, bundle: opened.bundle, readyMs: Math.round(performance.now() - t0) };
  }

  /** DuckDB-WASM exposes execution progress only through a protected list of callbacks. */
  private onExecutionProgress(db: AsyncDuckDB, cb: (p: { percentage: string }) => void): void {
    const holder = db as unknown as { _onExecutionProgress?: ((p: { percentage: string }) => void)[] };
    holder._onExecutionProgress?.push(cb);
  }

  whenReady(): Promise<EngineInfo> {
    return this.ready;
  }

  async watch(onDeath: (e: EngineErrorInfo) => void): Promise<void> {
    this.death.catch((e: EngineErrorInfo) => onDeath(e));
  }

  /** Serialise work on the one connection, and fail fast if the engine dies meanwhile. */
  private exclusive<T>(work: (conn: AsyncDuckDBConnection, db: AsyncDuckDB) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.ready;
      if (!this.conn || !this.opened) throw { kind: 'engine', message: 'The engine is not running.' } satisfies EngineErrorInfo;
      return Promise.race([work(this.conn, this.opened.db), this.death]);
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Run one statement through the cancellable path and collect its result. */
  private async run(conn: AsyncDuckDBConnection, text: string): Promise<Table> {
    const reader = await conn.send(text, true);
    const batches = [];
    for await (const batch of reader) batches.push(batch);
    return batches.length ? new Table(batches) : new Table(reader.schema);
  }

  async query(sqlText: string, maxRows = 1000): Promise<QueryResult> {
    return this.exclusive(async (conn) => {
      const t0 = performance.now();
      let table: Table;
      try {
        table = await this.run(conn, sqlText);
      } catch (e) {
        throw describeQueryError(e);
      }
      const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
      const rows = arrowToArrays(table, maxRows);
      return { columns, rows, totalRows: table.numRows, elapsedMs: Math.round(performance.now() - t0) };
    });
  }

  async materialize(relation: string, statement: string): Promise<ResultInfo> {
    return this.exclusive(async (conn) => {
      const t0 = performance.now();
      try {
        await this.run(conn, sql`CREATE OR REPLACE TABLE ${ident(relation)} AS ${raw(statement)}`.text);
      } catch (e) {
        throw describeQueryError(e);
      }
      const elapsedMs = Math.round(performance.now() - t0);
      const described = arrowToRows(await conn.query(sql`DESCRIBE ${ident(relation)}`.text));
      const count = await conn.query(sql`SELECT count(*) AS n FROM ${ident(relation)}`.text);
      return {
        relation,
        columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
        totalRows: Number(count.get(0)?.n ?? 0),
        elapsedMs,
      };
    });
  }

  async page(relation: string, request: PageRequest): Promise<unknown[][]> {
    return this.exclusive(async (conn) => {
      const order = request.orderBy ? sql` ORDER BY ${ident(request.orderBy.column)} ${raw(request.orderBy.descending ? 'DESC' : 'ASC')} NULLS LAST` : sql``;
      const limit = Math.max(0, Math.min(10_000, Math.floor(request.limit)));
      const offset = Math.max(0, Math.floor(request.offset));
      try {
        return arrowToArrays(await this.run(conn, sql`SELECT * FROM ${ident(relation)}${order} LIMIT ${limit} OFFSET ${offset}`.text));
      } catch (e) {
        throw describeQueryError(e);
      }
    });
  }

  async insertColumns(table: string, columns: NumericColumn[]): Promise<void> {
    return this.exclusive(async (conn) => {
      const ipc = numericColumnsToIpc(columns);
      await this.run(conn, sql`DROP TABLE IF EXISTS ${ident(table)}`.text);
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    });
  }

  async queryColumns(sqlText: string): Promise<Float64Array[]> {
    return this.exclusive(async (conn) => {
      let table: Table;
      try {
        table = await this.run(conn, sqlText);
      } catch (e) {
        throw describeQueryError(e);
      }
      return table.schema.fields.map((_, i) => arrowColumnToFloat64(table, i));
    });
  }

  async exportRelation(relation: string, format: 'csv' | 'parquet'): Promise<Uint8Array> {
    return this.exclusive(async (conn, db) => {
      try {
        if (format === 'csv') {
          const name = `export_${Date.now()}.csv`;
          await this.run(conn, csvCopySql(relation, name).text);
          const bytes = await db.copyFileToBuffer(name);
          await db.dropFile(name);
          return bytes;
        }
        const described = arrowToRows(await conn.query(sql`DESCRIBE ${ident(relation)}`.text));
        const columns = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
        return arrowToParquet(await this.run(conn, parquetReadySql(relation, columns).text), columns);
      } catch (e) {
        throw describeQueryError(e);
      }
    });
  }

  async queryRows(sqlText: string, maxRows = 10_000): Promise<Row[]> {
    return this.exclusive(async (conn) => {
      try {
        return arrowToRows(await this.run(conn, sqlText)).slice(0, maxRows);
      } catch (e) {
        throw describeQueryError(e);
      }
    });
  }

  async execute(statements: string[]): Promise<void> {
    await this.exclusive(async (conn) => {
      for (const text of statements) {
        try {
          await this.run(conn, text);
        } catch (e) {
          throw describeQueryError(e);
        }
      }
    });
  }

  async profile(table: string, today?: string): Promise<TableProfile> {
    return this.exclusive(async (conn) => {
      const info = (await this.tableInfos(conn, table))[0];
      if (!info) throw { kind: 'query', message: `There is no table called ${table}.` } satisfies EngineErrorInfo;
      try {
        return await profileTable(info, async (q) => arrowToRows(await this.run(conn, q.text)), { today });
      } catch (e) {
        throw describeQueryError(e);
      }
    });
  }

  async cancel(): Promise<boolean> {
    if (!this.conn) return false;
    return this.conn.cancelSent();
  }

  async loadFile(file: File, options: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<LoadedTable> {
    const report = (p: Partial<LoadProgress> & Pick<LoadProgress, 'phase'>) =>
      onProgress?.({ fileName: file.name, totalBytes: file.size, fraction: null, bytes: null, rows: null, ...p });
    report({ phase: 'queued' });
    return this.exclusive(async (conn, db) => {
      const t0 = performance.now();
      const existing = await this.relationNames(conn);
      this.progressListener = (fraction) => report({ phase: 'loading', fraction, bytes: Math.round(fraction * file.size) });
      try {
        const loaded = await loadIntoEngine({
          db,
          conn,
          file,
          options,
          existing,
          run: (text) => this.run(conn, text),
          report,
        });
        report({ phase: 'done', fraction: 1, bytes: file.size, rows: loaded.rows });
        return {
          name: loaded.table,
          columns: loaded.columns,
          rowCount: loaded.rows,
          source: { fileName: file.name, size: file.size, lastModified: file.lastModified, format: loaded.format, sheet: options.sheet ?? loaded.sheets?.[0] },
          notes: loaded.notes,
          sheets: loaded.sheets,
          timings: loaded.timings,
          loadMs: Math.round(performance.now() - t0),
        };
      } finally {
        this.progressListener = null;
      }
    });
  }

  async generateDemo(customers: number, onProgress?: (done: number, total: number) => void): Promise<File[]> {
    const retailer = generateRetailer({ customers });
    const parts: Record<TableName, Uint8Array[]> = { customers: [], orderLines: [], events: [] };
    let lastReport = 0;
    for (const chunk of retailer.byteChunks()) {
      parts.customers.push(chunk.customers);
      parts.orderLines.push(chunk.orderLines);
      parts.events.push(chunk.events);
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress?.(chunk.customersDone, customers);
      }
    }
    const stamp = Date.now();
    return (Object.keys(parts) as TableName[]).map(
      (t) => new File(parts[t] as BlobPart[], TABLE_FILES[t], { type: 'text/csv', lastModified: stamp }),
    );
  }

  async dropTable(name: string): Promise<void> {
    await this.exclusive((conn) => conn.query(sql`DROP TABLE IF EXISTS ${ident(name)}`.text));
  }

  async bareCsvLoad(file: File): Promise<{ ms: number; rows: number }> {
    return this.exclusive(async (conn, db) => {
      const name = `bare_${Date.now()}_${file.name}`;
      await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
      const t0 = performance.now();
      await conn.query(sql`CREATE TABLE __bare AS SELECT * FROM read_csv(${name})`.text);
      const ms = performance.now() - t0;
      const rows = Number((await conn.query('SELECT count(*) AS n FROM __bare')).get(0)?.n ?? 0);
      await conn.query('DROP TABLE __bare');
      await db.dropFile(name);
      return { ms: Math.round(ms), rows };
    });
  }

  async simulateCrash(): Promise<void> {
    const worker = this.opened?.worker;
    // A worker that throws at top level raises an error event, as an out-of-memory abort does.
    worker?.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
    worker?.terminate();
  }

  /** Names of every table and view, so a new table never takes one. */
  private async relationNames(conn: AsyncDuckDBConnection): Promise<Set<string>> {
    const t = await conn.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`);
    return new Set((t.toArray() as { table_name: string }[]).map((r) => r.table_name));
  }

  /** Tables (not views) of the main schema, with columns and exact row counts. */
  private async tableInfos(conn: AsyncDuckDBConnection, only?: string): Promise<TableInfo[]> {
    const filter = only === undefined ? sql`` : sql` AND table_name = ${only}`;
    const cols = await conn.query(
      sql`SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'main' AND NOT starts_with(table_name, '__') AND table_name IN (
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE')${filter}
          ORDER BY table_name, ordinal_position`.text,
    );
    const byTable = new Map<string, TableInfo>();
    for (const row of cols.toArray() as { table_name: string; column_name: string; data_type: string }[]) {
      let t = byTable.get(row.table_name);
      if (!t) byTable.set(row.table_name, (t = { name: row.table_name, columns: [], rowCount: 0 }));
      t.columns.push({ name: row.column_name, type: row.data_type });
    }
    for (const t of byTable.values()) {
      const c = await conn.query(sql`SELECT count(*) AS n FROM ${ident(t.name)}`.text);
      t.rowCount = Number(c.get(0)?.n ?? 0);
    }
    return [...byTable.values()];
  }
}

