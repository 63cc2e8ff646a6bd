/**
 * Typed arrays from JavaScript (model results) as an Arrow IPC stream the engine can insert.
 * Built from raw buffers with makeData: Arrow's builders generate code with `new Function`,
 * which the page's Content-Security-Policy forbids.
 */
import { Field, Float64, Int32, RecordBatch, Schema, Struct, Table, makeData, tableToIPC, type Data } from 'apache-arrow';
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
