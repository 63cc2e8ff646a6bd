/**
 * Columns of JavaScript values → one Arrow IPC stream, the unit the engine inserts.
 * Hand-built buffers rather than Arrow's generic builders: a 10-million-row file goes
 * through here, and typed arrays filled in one loop are several times faster.
 */
import {
  Bool,
  DataType,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimeMicrosecond,
  Timestamp,
  TimeUnit,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { jsonText } from './values';

/**
 * How a column is stored, and the JavaScript value each kind expects:
 * integers and floats as number (int64/uint64 also bigint), text as string,
 * date as days since 1970-01-01, timestamp and time as microseconds (bigint or number).
 */
export type ColumnKind =
  | 'boolean'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'text'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
}

export function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'boolean':
      return new Bool();
    case 'int8':
      return new Int8();
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'uint8':
      return new Uint8();
    case 'uint16':
      return new Uint16();
    case 'uint32':
      return new Uint32();
    case 'uint64':
      return new Uint64();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'text':
      return new Utf8();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND);
    case 'timestamptz':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'time':
      return new TimeMicrosecond();
  }
}

type NumberArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
type NumberArrayCtor = new (n: number) => NumberArray;

const NUMBER_ARRAYS: Partial<Record<ColumnKind, NumberArrayCtor>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
  date: Int32Array,
};

class Validity {
  bitmap: Uint8Array;
  nulls = 0;
  constructor(length: number) {
    this.bitmap = new Uint8Array((length + 7) >> 3).fill(0xff);
  }
  setNull(i: number): void {
    this.bitmap[i >> 3] &= ~(1 << (i & 7));
    this.nulls++;
  }
}

function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  const n = toNumber(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

function stringOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return jsonText(v);
  return String(v);
}

const encoder = new TextEncoder();

function textData(values: ArrayLike<unknown>, start: number, end: number): Data {
  const length = end - start;
  const valid = new Validity(length);
  const offsets = new Int32Array(length + 1);
  let bytes = new Uint8Array(Math.max(1024, length * 16));
  let at = 0;
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) {
      valid.setNull(i);
    } else {
      const s = stringOf(v);
      // UTF-8 needs at most 3 bytes per UTF-16 unit.
      const need = at + s.length * 3;
      if (need > bytes.length) {
        const grown = new Uint8Array(Math.max(need, bytes.length * 2));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      at += encoder.encodeInto(s, bytes.subarray(at)).written;
    }
    offsets[i + 1] = at;
  }
  return makeData({
    type: new Utf8(),
    length,
    nullCount: valid.nulls,
    nullBitmap: valid.nulls > 0 ? valid.bitmap : null,
    valueOffsets: offsets,
    data: bytes.subarray(0, at),
  });
}

function boolData(values: ArrayLike<unknown>, start: number, end: number): Data {
  const length = end - start;
  const valid = new Validity(length);
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) valid.setNull(i);
    else if (v === true || (v !== false && toNumber(v) !== 0)) bits[i >> 3] |= 1 << (i & 7);
  }
  return makeData({ type: new Bool(), length, nullCount: valid.nulls, nullBitmap: valid.nulls > 0 ? valid.bitmap : null, data: bits });
}

function bigData(kind: ColumnKind, values: ArrayLike<unknown>, start: number, end: number): Data {
  const length = end - start;
  const valid = new Validity(length);
  const unsigned = kind === 'uint64';
  const out = unsigned ? new BigUint64Array(length) : new BigInt64Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) valid.setNull(i);
    else out[i] = toBigInt(v);
  }
  const type = arrowType(kind);
  return makeData({ type: type as Int64, length, nullCount: valid.nulls, nullBitmap: valid.nulls > 0 ? valid.bitmap : null, data: out as BigInt64Array });
}

function numberData(kind: ColumnKind, values: ArrayLike<unknown>, start: number, end: number): Data {
  const length = end - start;
  const Ctor = NUMBER_ARRAYS[kind] ?? Float64Array;
  const type = arrowType(kind) as Float64;
  // Already the right typed array (Parquet columns without nulls): share its memory.
  if (values instanceof Ctor) {
    return makeData({ type, length, nullCount: 0, data: (values as Float64Array).subarray(start, end) });
  }
  const valid = new Validity(length);
  const out = new Ctor(length);
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) valid.setNull(i);
    else out[i] = toNumber(v);
  }
  return makeData({ type, length, nullCount: valid.nulls, nullBitmap: valid.nulls > 0 ? valid.bitmap : null, data: out as Float64Array });
}

/** One column's values [start, end) as Arrow data of the given kind. */
export function columnData(kind: ColumnKind, values: ArrayLike<unknown>, start = 0, end = values.length): Data {
  switch (kind) {
    case 'text':
      return textData(values, start, end);
    case 'boolean':
      return boolData(values, start, end);
    case 'int64':
    case 'uint64':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return bigData(kind, values, start, end);
    default:
      return numberData(kind, values, start, end);
  }
}

export function schemaOf(columns: readonly ColumnSpec[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, arrowType(c.kind), true)));
}

/** Rows [start, end) of column-wise values as one Arrow IPC stream. */
export function ipcChunk(columns: readonly ColumnSpec[], values: readonly ArrayLike<unknown>[], start: number, end: number): Uint8Array {
  const schema = schemaOf(columns);
  const children = columns.map((c, i) => columnData(c.kind, values[i], start, end));
  const struct = makeData({ type: new Struct(schema.fields), length: end - start, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(schema, struct)]), 'stream');
}
