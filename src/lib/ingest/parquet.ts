/**
 * Parquet read in JavaScript with hyparquet (the engine's npm build has no Parquet
 * extension, and must never try to download one), one row group at a time, converted
 * column by column to Arrow and handed over in bounded chunks.
 */
import { parquetMetadataAsync, parquetSchema, parquetScan } from 'hyparquet';
import type { AsyncBuffer, DecodedArray, FileMetaData, ParquetParsers, SchemaElement, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ipcChunk, type ColumnKind, type ColumnSpec } from './arrow';
import { CHUNK_ROWS, type IpcChunk } from './chunks';
import { IngestError } from './errors';
import { uniqueColumnNames } from './columnNames';
import { jsonText } from './values';
import type { ArrowStream } from './stream';
import type { ByteSource } from './source';

const decoder = new TextDecoder();

/** Keep raw numbers for dates and times: Arrow wants days and microseconds, not Date objects. */
const parsers: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => days,
  timestampFromMilliseconds: (ms: bigint) => ms * 1000n,
  timestampFromMicroseconds: (us: bigint) => us,
  timestampFromNanoseconds: (ns: bigint) => ns / 1000n,
  jsonFromBytes: (bytes: Uint8Array) => decoder.decode(bytes),
};

interface ColumnPlan {
  spec: ColumnSpec;
  source: string;
  /** Per-value fix-up after hyparquet's decoding, when one is needed. */
  fix?: (v: unknown) => unknown;
}

function integerKind(bits: number, signed: boolean): ColumnKind {
  if (bits <= 8) return signed ? 'int8' : 'uint8';
  if (bits <= 16) return signed ? 'int16' : 'uint16';
  if (bits <= 32) return signed ? 'int32' : 'uint32';
  return signed ? 'int64' : 'uint64';
}

/** hyparquet scales decimals by multiplying with 10^-scale, which leaves 0.9999999999999999 for 1.0000. */
function decimalFix(scale: number): (v: unknown) => unknown {
  const f = 10 ** scale;
  return (v) => {
    if (typeof v !== 'number') return v;
    const scaled = v * f;
    return Math.abs(scaled) < Number.MAX_SAFE_INTEGER ? Math.round(scaled) / f : v;
  };
}

function nestedText(v: unknown): unknown {
  return v === null || v === undefined ? null : jsonText(v);
}

/** The Arrow kind for a top-level Parquet column, faithful where the engine has the type. */
export function kindOf(node: SchemaTree): { kind: ColumnKind; fix?: (v: unknown) => unknown; nested?: boolean } {
  if (node.children.length > 0) return { kind: 'text', fix: nestedText, nested: true };
  const e: SchemaElement = node.element;
  const ct = e.converted_type;
  const lt = e.logical_type;
  if (e.repetition_type === 'REPEATED') return { kind: 'text', fix: nestedText, nested: true };
  if (ct === 'DECIMAL' || lt?.type === 'DECIMAL') return { kind: 'float64', fix: decimalFix(e.scale ?? (lt?.type === 'DECIMAL' ? lt.scale : 0)) };
  switch (e.type) {
    case 'BOOLEAN':
      return { kind: 'boolean' };
    case 'INT32':
      if (ct === 'DATE' || lt?.type === 'DATE') return { kind: 'date' };
      if (ct === 'TIME_MILLIS' || lt?.type === 'TIME') return { kind: 'time', fix: (v) => (typeof v === 'number' ? v * 1000 : v) };
      if (lt?.type === 'INTEGER') return { kind: integerKind(lt.bitWidth, lt.isSigned) };
      if (ct === 'INT_8') return { kind: 'int8' };
      if (ct === 'INT_16') return { kind: 'int16' };
      if (ct === 'UINT_8') return { kind: 'uint8' };
      if (ct === 'UINT_16') return { kind: 'uint16' };
      if (ct === 'UINT_32') return { kind: 'uint32' };
      return { kind: 'int32' };
    case 'INT64':
      if (lt?.type === 'TIMESTAMP') return { kind: lt.isAdjustedToUTC ? 'timestamptz' : 'timestamp' };
      if (ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS') return { kind: 'timestamp' };
      if (lt?.type === 'TIME') {
        const unit = lt.unit;
        return { kind: 'time', fix: (v) => (typeof v === 'bigint' ? (unit === 'NANOS' ? v / 1000n : unit === 'MILLIS' ? v * 1000n : v) : v) };
      }
      if (ct === 'TIME_MICROS') return { kind: 'time' };
      if (lt?.type === 'INTEGER') return { kind: integerKind(lt.bitWidth, lt.isSigned) };
      if (ct === 'UINT_64') return { kind: 'uint64' };
      return { kind: 'int64' };
    case 'INT96':
      return { kind: 'timestamp' };
    case 'FLOAT':
      return { kind: 'float32' };
    case 'DOUBLE':
      return { kind: 'float64' };
    case 'FIXED_LEN_BYTE_ARRAY':
      if (lt?.type === 'FLOAT16') return { kind: 'float32' };
      return { kind: 'text', fix: (v) => (v instanceof Uint8Array ? nestedText(v) : v) };
    default:
      return { kind: 'text', fix: (v) => (v instanceof Uint8Array ? nestedText(v) : typeof v === 'object' && v !== null ? nestedText(v) : v) };
  }
}

function asyncBuffer(source: ByteSource): AsyncBuffer {
  return { byteLength: source.size, slice: (start, end) => source.slice(start, end ?? source.size) };
}

function truncated(file: string, cause: unknown): IngestError {
  return new IngestError(
    file,
    'truncated',
    'The Parquet file is incomplete or damaged: its footer (the part that lists the columns) cannot be read.',
    'The download or copy was probably cut short; copy or export the file again.',
    { cause },
  );
}

function applyFix(data: DecodedArray, fix: ((v: unknown) => unknown) | undefined): ArrayLike<unknown> {
  if (!fix) return data;
  const out = new Array<unknown>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v: unknown = data[i];
    out[i] = v === null || v === undefined ? null : fix(v);
  }
  return out;
}

export interface ParquetOptions {
  chunkRows?: number;
}

export async function readParquetMetadata(source: ByteSource): Promise<FileMetaData> {
  if (source.size < 12) throw truncated(source.name, null);
  try {
    return await parquetMetadataAsync(asyncBuffer(source), { parsers });
  } catch (e) {
    throw truncated(source.name, e);
  }
}

/** Read a Parquet file as Arrow chunks (at most one row group decoded at a time). */
export async function readParquet(source: ByteSource, opts: ParquetOptions = {}): Promise<ArrowStream> {
  const metadata = await readParquetMetadata(source);
  const limit = opts.chunkRows ?? CHUNK_ROWS;
  const tree = parquetSchema(metadata);
  const { names } = uniqueColumnNames(tree.children.map((c) => c.element.name));
  const plans: ColumnPlan[] = tree.children.map((node, i) => {
    const k = kindOf(node);
    return { spec: { name: names[i], kind: k.kind }, source: node.element.name, fix: k.fix };
  });
  const notes: string[] = [];
  const nested = tree.children.filter((n) => kindOf(n).nested).map((n) => n.element.name);
  if (nested.length > 0) notes.push(`Nested columns were kept as JSON text: ${nested.slice(0, 5).map((n) => `"${n}"`).join(', ')}.`);
  const columns = plans.map((p) => p.spec);
  const totalRows = Number(metadata.num_rows);

  async function* chunks(): AsyncGenerator<IpcChunk> {
    let scan;
    try {
      scan = await parquetScan({ file: asyncBuffer(source), metadata, compressors, parsers });
    } catch (e) {
      throw truncated(source.name, e);
    }
    let produced = 0;
    for (const range of scan.ranges) {
      const data: ArrayLike<unknown>[] = [];
      for (const p of plans) {
        let raw: DecodedArray;
        try {
          raw = await scan.readColumn({ column: p.source, rowStart: range.rowStart, rowEnd: range.rowEnd });
        } catch (e) {
          throw new IngestError(
            source.name,
            'truncated',
            `Column "${p.source}" could not be read (${(e as Error).message}).`,
            'The file may be damaged or use an encoding this reader does not support; re-export it, or export as CSV.',
            { cause: e },
          );
        }
        data.push(applyFix(raw, p.fix));
      }
      const n = range.rowEnd - range.rowStart;
      for (let s = 0; s < n; s += limit) {
        const e = Math.min(n, s + limit);
        yield { ipc: ipcChunk(columns, data, s, e), rows: e - s };
        produced += e - s;
      }
    }
    // An empty file still makes a table with the right columns.
    if (produced === 0) yield { ipc: ipcChunk(columns, columns.map(() => []), 0, 0), rows: 0 };
  }
  return { columns, totalRows, notes, chunks: chunks() };
}
