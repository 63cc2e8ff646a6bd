/** What every JavaScript-side reader (Parquet, Excel, JSON) hands to the engine. */
import type { ColumnSpec } from './arrow';
import type { IpcChunk } from './chunks';

export interface ArrowStream {
  /** Column names and kinds, fixed before the first chunk. */
  columns: ColumnSpec[];
  /** Rows the stream will produce, when known in advance (for progress). */
  totalRows: number | null;
  /** Things the user should know about how the file was read. */
  notes: string[];
  /** Arrow IPC streams in order: insert the first with create: true, the rest with create: false. */
  chunks: AsyncGenerator<IpcChunk>;
}
