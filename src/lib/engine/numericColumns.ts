/**
 * Numeric columns between the engine and JavaScript without row objects: typed arrays from
 * JavaScript (model results) as an Arrow IPC stream the engine can insert, and a result
 * column as a Float64Array.
 * Built from raw buffers with makeData: Arrow's builders generate code with `new Function`,
 * which the page's Content-Security-Policy forbids.
 */
import { Field, Float64, Int32, Type, RecordBatch, Schema, Struct, Table, makeData, tableToIPC, type Data } from 'apache-arrow';
import type { NumericColumn } from './api';

function float64Data(values: Float64Array): Data<Float64> {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  const data = new Float64Array(values.length);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN and ±Infinity are "no value" to an analyst: NULL, as the SQL paths write them.
    if (Number.isFinite(v)) {
      data[i] = v;
      bitmap[i >> 3] |= 1 << (i & 7);
    } else nulls++;
  }
  return makeData({ type: new Float64(), length: values.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data });
}

export function numericColumnsToIpc(columns: readonly NumericColumn[]): Uint8Array {
  const fields = columns.map((c) => new Field(c.name, c.values instanceof Int32Array ? new Int32() : new Float64(), true));
  const children = columns.map((c) =>
    c.values instanceof Int32Array ? makeData({ type: new Int32(), length: c.values.length, nullCount: 0, data: c.values }) : float64Data(c.values),
  );
  const length = columns[0]?.values.length ?? 0;
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(schema, struct)]), 'stream');
}

/** Column `index` of an Arrow result as a Float64Array: NULL → NaN; integers, decimals and booleans as numbers. */
export function arrowColumnToFloat64(table: Table, index: number): Float64Array {
  const out = new Float64Array(table.numRows);
  let at = 0;
  for (const batch of table.batches) {
    const data = batch.data.children[index];
    const vector = batch.getChildAt(index);
    if (!vector) continue;
    const n = batch.numRows;
    if (data.typeId === Type.Float && data.values instanceof Float64Array && data.nullCount === 0) {
      out.set((data.values as Float64Array).subarray(data.offset, data.offset + n), at);
    } else {
      for (let i = 0; i < n; i++) {
        const v: unknown = vector.get(i);
        out[at + i] = v === null || v === undefined ? NaN : typeof v === 'number' ? v : Number(v);
      }
    }
    at += n;
  }
  return out;
}
