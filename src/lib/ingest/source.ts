/**
 * The bytes of a dropped file, read in slices: a browser File in the worker, a Uint8Array
 * in Node tests. Readers never need the whole file in memory unless the format demands it.
 */

export interface ByteSource {
  /** File name as the user knows it (used in messages and for the table name). */
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Promise<ArrayBuffer>;
  /** The original Blob/File when there is one: the engine can then read it in place. */
  readonly blob?: Blob;
}

export function fromFile(file: Blob & { name: string }): ByteSource {
  return {
    name: file.name,
    size: file.size,
    blob: file,
    slice: (start, end) => file.slice(start, end).arrayBuffer(),
  };
}

export function fromBytes(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    slice: async (start, end) => {
      const s = Math.max(0, Math.min(start, bytes.byteLength));
      const e = Math.max(s, Math.min(end, bytes.byteLength));
      // A copy, so callers may transfer or detach it freely.
      return bytes.slice(s, e).buffer;
    },
  };
}

/** The same bytes under another name (e.g. a file found inside a zip archive). */
export function renamed(source: ByteSource, name: string): ByteSource {
  return { name, size: source.size, slice: (s, e) => source.slice(s, e), blob: source.blob };
}

export async function readHead(source: ByteSource, bytes: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(0, Math.min(bytes, source.size)));
}

export async function readAll(source: ByteSource): Promise<ArrayBuffer> {
  return source.slice(0, source.size);
}

export const CHUNK_BYTES = 4 * 1024 * 1024;

/** The file as consecutive byte chunks. */
export async function* byteChunks(source: ByteSource, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < source.size; at += chunkBytes) {
    yield new Uint8Array(await source.slice(at, Math.min(source.size, at + chunkBytes)));
  }
}

function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/**
 * Decompress gzip chunks with the platform's DecompressionStream (native code, no worker,
 * no extra dependency). Errors (corrupt or truncated data) surface on iteration.
 */
export async function* gunzipChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = streamOf(chunks)
    .pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Up to `limit` decompressed bytes from the start of a gzip stream. Tolerates a cut-off
 * input (we only fetched the head of the file): whatever decompressed before the cut is kept.
 */
export async function gunzipHead(compressed: Uint8Array, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  async function* one(): AsyncGenerator<Uint8Array> {
    yield compressed;
  }
  try {
    for await (const part of gunzipChunks(one())) {
      parts.push(part);
      total += part.byteLength;
      if (total >= limit) break;
    }
  } catch {
    // Truncated input: keep what we have.
  }
  return concatBytes(parts, Math.min(total, limit));
}

export function concatBytes(parts: readonly Uint8Array[], length?: number): Uint8Array {
  const total = length ?? parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    if (at >= total) break;
    const take = Math.min(p.byteLength, total - at);
    out.set(take === p.byteLength ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}
