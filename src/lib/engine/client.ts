/**
 * The page's handle on the engine worker. It remembers which file made which table, so when
 * the engine dies (out of memory, a crash) it can start a new one and load those files again.
 */
import * as Comlink from 'comlink';
import type { EngineApi, EngineErrorInfo, EngineInfo, LoadedTable, LoadOptions, LoadProgress, NumericColumn, PageRequest, QueryResult, ResultInfo } from './api';
import type { Row } from './rows';
import type { TableProfile } from '../ingest/profile';
import { EngineError, toEngineError } from './errors';

export type EngineState =
  | { status: 'starting' }
  | { status: 'ready'; info: EngineInfo }
  | { status: 'restarting'; reason: string }
  | { status: 'failed'; error: EngineError };

export interface EngineEvents {
  state(s: EngineState): void;
  /** Tables came back (or not) after a restart. */
  restored(tables: LoadedTable[], lost: { table: string; error: EngineError }[]): void;
}

interface Remembered {
  file: File;
  options: LoadOptions;
}

export class EngineClient {
  private worker!: Worker;
  private remote!: Comlink.Remote<EngineApi>;
  private ready!: Promise<EngineInfo>;
  private readonly sources = new Map<string, Remembered>();
  private restarting: Promise<void> | null = null;
  state: EngineState = { status: 'starting' };

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly events: Partial<EngineEvents> = {},
  ) {
    this.boot();
  }

  private boot(): void {
    this.worker = this.makeWorker();
    this.remote = Comlink.wrap<EngineApi>(this.worker);
    this.worker.addEventListener('error', () => void this.recover('The engine worker stopped unexpectedly.'));
    void this.remote.watch(Comlink.proxy((e: EngineErrorInfo) => void this.recover(e.message)));
    this.setState({ status: 'starting' });
    this.ready = this.remote.whenReady().then(
      (info) => {
        this.setState({ status: 'ready', info });
        return info;
      },
      (e: unknown) => {
        const error = toEngineError(e);
        this.setState({ status: 'failed', error });
        throw error;
      },
    );
    this.ready.catch(() => undefined);
  }

  private setState(s: EngineState): void {
    this.state = s;
    this.events.state?.(s);
  }

  whenReady(): Promise<EngineInfo> {
    return this.ready;
  }

  /** Every call waits out a restart in progress; errors arrive as EngineError. */
  private async call<T>(fn: (remote: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
    if (this.restarting) await this.restarting;
    try {
      return await fn(this.remote);
    } catch (e) {
      throw toEngineError(e);
    }
  }

  query(sqlText: string, maxRows?: number): Promise<QueryResult> {
    return this.call((r) => r.query(sqlText, maxRows));
  }

  materialize(relation: string, statement: string): Promise<ResultInfo> {
    return this.call((r) => r.materialize(relation, statement));
  }

  page(relation: string, request: PageRequest): Promise<unknown[][]> {
    return this.call((r) => r.page(relation, request));
  }

  insertColumns(table: string, columns: NumericColumn[]): Promise<void> {
    const buffers = columns.map((c) => c.values.buffer as ArrayBuffer);
    return this.call((r) => r.insertColumns(table, Comlink.transfer(columns, buffers)));
  }

  queryColumns(sqlText: string): Promise<Float64Array[]> {
    return this.call((r) => r.queryColumns(sqlText));
  }

  exportRelation(relation: string, format: 'csv' | 'parquet'): Promise<Uint8Array> {
    return this.call((r) => r.exportRelation(relation, format));
  }

  queryRows(sqlText: string, maxRows?: number): Promise<Row[]> {
    return this.call((r) => r.queryRows(sqlText, maxRows));
  }

  execute(statements: string[]): Promise<void> {
    return this.call((r) => r.execute(statements));
  }

  profile(table: string, today?: string): Promise<TableProfile> {
    return this.call((r) => r.profile(table, today));
  }

  cancel(): Promise<boolean> {
    return this.remote.cancel();
  }

  async dropTable(name: string): Promise<void> {
    await this.call((r) => r.dropTable(name));
    this.sources.delete(name);
  }

  async loadFile(file: File, options: LoadOptions = {}, onProgress?: (p: LoadProgress) => void): Promise<LoadedTable> {
    const loaded = await this.call((r) => r.loadFile(file, options, onProgress ? Comlink.proxy(onProgress) : undefined));
    this.sources.set(loaded.name, { file, options: { ...options, table: loaded.name, replace: true } });
    return loaded;
  }

  generateDemo(customers: number, onProgress?: (done: number, total: number) => void): Promise<File[]> {
    return this.call((r) => r.generateDemo(customers, onProgress ? Comlink.proxy(onProgress) : undefined));
  }

  bareCsvLoad(file: File): Promise<{ ms: number; rows: number }> {
    return this.call((r) => r.bareCsvLoad(file));
  }

  /** The file a table was loaded from, while this page keeps it. */
  sourceFile(table: string): File | null {
    return this.sources.get(table)?.file ?? null;
  }

  /** For the crash-recovery test: kill the DuckDB worker as an out-of-memory abort would. */
  simulateCrash(): void {
    // Not awaited: the worker that would answer is the one being replaced.
    this.remote.simulateCrash().catch(() => undefined);
  }

  private recover(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarting = (async () => {
      this.setState({ status: 'restarting', reason });
      this.remote[Comlink.releaseProxy]();
      this.worker.terminate();
      this.boot();
      const restored: LoadedTable[] = [];
      const lost: { table: string; error: EngineError }[] = [];
      try {
        await this.ready;
        for (const [table, src] of [...this.sources]) {
          try {
            restored.push(await this.remote.loadFile(src.file, src.options));
          } catch (e) {
            this.sources.delete(table);
            lost.push({ table, error: toEngineError(e) });
          }
        }
      } finally {
        this.restarting = null;
      }
      this.events.restored?.(restored, lost);
    })();
    return this.restarting;
  }
}
