/**
 * Rows → bounded Arrow IPC chunks. The engine inserts each chunk as it comes, so a large
 * file never exists as one giant JavaScript structure.
 */
import { ipcChunk, type ColumnSpec } from './arrow';

/** Rows per IPC chunk: large enough to amortise the insert, small enough to bound memory. */
export const CHUNK_ROWS = 100_000;

/** One Arrow IPC stream with the number of rows it holds. */
export interface IpcChunk {
  ipc: Uint8Array;
  rows: number;
}

export class ChunkBuilder {
  private readonly columns: readonly ColumnSpec[];
  private readonly converts: readonly ((v: unknown) => unknown)[];
  private readonly limit: number;
  private buffers: unknown[][];
  private count = 0;

  constructor(columns: readonly ColumnSpec[], converts: readonly ((v: unknown) => unknown)[], limit = CHUNK_ROWS) {
    this.columns = columns;
    this.converts = converts;
    this.limit = limit;
    this.buffers = columns.map(() => []);
  }

  /** Add a row (values by column position); returns a chunk when one is full. */
  push(row: ArrayLike<unknown>): IpcChunk | null {
    for (let c = 0; c < this.columns.length; c++) this.buffers[c].push(this.converts[c](row[c]));
    this.count++;
    return this.count >= this.limit ? this.flush() : null;
  }

  /** Whatever is buffered, as a chunk (null when empty). */
  flush(): IpcChunk | null {
    if (this.count === 0) return null;
    const chunk = { ipc: ipcChunk(this.columns, this.buffers, 0, this.count), rows: this.count };
    this.buffers = this.columns.map(() => []);
    this.count = 0;
    return chunk;
  }
}
