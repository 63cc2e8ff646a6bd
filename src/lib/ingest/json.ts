/**
 * JSON arrays of objects and NDJSON, streamed twice: once to learn the columns and their
 * types from every record, once to build Arrow chunks. Nested objects are flattened one
 * level at a time into parent_child columns; arrays are kept as JSON text.
 */
import { byteChunks, gunzipChunks, readAll, type ByteSource } from './source';
import { jsonRecordTexts, utf8Text, JsonShapeError, type JsonLayout } from './jsonScan';
import { ColumnInference } from './infer';
import { ChunkBuilder, CHUNK_ROWS, type IpcChunk } from './chunks';
import { uniqueColumnNames } from './columnNames';
import { IngestError } from './errors';
import type { ArrowStream } from './stream';
import type { ColumnSpec } from './arrow';

export interface JsonOptions {
  /** The bytes are gzip-compressed. */
  gzip?: boolean;
  /** 'array' for [ {...}, … ]; 'stream' for NDJSON; 'object' for one object holding the records. */
  layout: JsonLayout | 'object';
  chunkRows?: number;
}

const MAX_FLATTEN_DEPTH = 3;

type Flat = Map<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** {a: {b: 1}} → a_b = 1, so that exports with nested customer/address objects read as columns. */
function flatten(obj: Record<string, unknown>, prefix = '', depth = 0, out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}_${k}` : k;
    if (isPlainObject(v) && depth < MAX_FLATTEN_DEPTH && Object.keys(v).length > 0) flatten(v, key, depth + 1, out);
    else out.set(key, v);
  }
  return out;
}

function recordOf(value: unknown, file: string): Flat {
  if (isPlainObject(value)) return flatten(value);
  throw new IngestError(
    file,
    'unsupported',
    'The JSON holds a list of plain values or lists, not records (objects with named fields).',
    'Export the data as a list of objects, e.g. [{"customer": "C1", "amount": 12.5}, …], or as CSV.',
  );
}

function texts(source: ByteSource, gzip: boolean): AsyncIterable<string> {
  const bytes = byteChunks(source);
  return utf8Text(gzip ? gunzipChunks(bytes) : bytes);
}

async function* records(source: ByteSource, opts: JsonOptions, objectRecords: unknown[] | null): AsyncGenerator<Flat> {
  if (objectRecords) {
    for (const r of objectRecords) yield recordOf(r, source.name);
    return;
  }
  for await (const text of jsonRecordTexts(texts(source, opts.gzip ?? false), opts.layout as JsonLayout)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new IngestError(
        source.name,
        'malformed',
        `A record is not valid JSON: ${(e as Error).message}.`,
        'Check the file in a JSON validator; each line of an NDJSON file must be one complete JSON object.',
        { cause: e },
      );
    }
    yield recordOf(value, source.name);
  }
}

/** The records inside a single top-level object: its largest array of objects, else the object itself. */
async function recordsOfObject(source: ByteSource, gzip: boolean): Promise<{ rows: unknown[]; note: string | null }> {
  let text = '';
  if (gzip) for await (const t of texts(source, true)) text += t;
  else text = new TextDecoder('utf-8').decode(await readAll(source));
  const doc: unknown = JSON.parse(text);
  if (!isPlainObject(doc)) return { rows: [doc], note: null };
  let best: { key: string; rows: unknown[] } | null = null;
  for (const [key, v] of Object.entries(doc)) {
    if (Array.isArray(v) && v.length > 0 && v.every(isPlainObject) && (!best || v.length > best.rows.length)) best = { key, rows: v };
  }
  if (best) return { rows: best.rows, note: `Read the ${best.rows.length} records listed under "${best.key}".` };
  return { rows: [doc], note: 'The file holds a single JSON object; it was read as one row.' };
}

function wrapShapeError(file: string, e: unknown): unknown {
  if (e instanceof JsonShapeError) {
    return new IngestError(file, 'malformed', `The JSON is not well formed: ${e.message}`, 'Check that the file was saved completely, or re-export it.', {
      cause: e,
    });
  }
  if (e instanceof TypeError && /gzip|decompress|incorrect header|unexpected end/i.test(e.message)) {
    return new IngestError(file, 'truncated', 'The compressed data is damaged or incomplete.', 'Download or export the file again.', { cause: e });
  }
  if (e instanceof SyntaxError) {
    return new IngestError(file, 'malformed', `The JSON is not valid: ${e.message}.`, 'Check the file in a JSON validator, or re-export it.', { cause: e });
  }
  return e;
}

/** Read JSON/NDJSON as Arrow chunks. The first pass (types) runs before this resolves. */
export async function readJson(source: ByteSource, opts: JsonOptions): Promise<ArrowStream> {
  const notes: string[] = [];
  let objectRows: unknown[] | null = null;
  const keys = new Map<string, ColumnInference>();
  let total = 0;
  try {
    if (opts.layout === 'object') {
      const r = await recordsOfObject(source, opts.gzip ?? false);
      objectRows = r.rows;
      if (r.note) notes.push(r.note);
    }
    for await (const rec of records(source, opts, objectRows)) {
      total++;
      for (const [k, v] of rec) {
        let inf = keys.get(k);
        if (!inf) keys.set(k, (inf = new ColumnInference()));
        inf.add(v);
      }
    }
  } catch (e) {
    throw wrapShapeError(source.name, e);
  }
  if (total === 0 || keys.size === 0) {
    throw new IngestError(source.name, 'no-rows', 'The JSON contains no records.', 'Check that you exported the data and not an empty result.');
  }

  const sourceKeys = [...keys.keys()];
  const { names } = uniqueColumnNames(sourceKeys);
  const inferred = sourceKeys.map((k) => (keys.get(k) as ColumnInference).result());
  const columns: ColumnSpec[] = names.map((name, i) => ({ name, kind: inferred[i].kind }));
  const mixed = sourceKeys.filter((k) => keys.get(k)?.mixed);
  if (mixed.length > 0) notes.push(`Read as text because values of different kinds are mixed: ${mixed.slice(0, 5).map((k) => `"${k}"`).join(', ')}.`);
  const nested = sourceKeys.filter((k) => keys.get(k)?.nested);
  if (nested.length > 0) notes.push(`Lists were kept as JSON text: ${nested.slice(0, 5).map((k) => `"${k}"`).join(', ')}.`);

  const index = new Map(sourceKeys.map((k, i) => [k, i]));
  const converts = inferred.map((c) => c.convert);
  async function* chunks(): AsyncGenerator<IpcChunk> {
    const builder = new ChunkBuilder(columns, converts, opts.chunkRows ?? CHUNK_ROWS);
    const row: unknown[] = new Array(columns.length);
    try {
      for await (const rec of records(source, opts, objectRows)) {
        row.fill(null);
        for (const [k, v] of rec) row[index.get(k) as number] = v;
        const chunk = builder.push(row);
        if (chunk) yield chunk;
      }
    } catch (e) {
      throw wrapShapeError(source.name, e);
    }
    const last = builder.flush();
    if (last) yield last;
  }
  return { columns, totalRows: total, notes, chunks: chunks() };
}
