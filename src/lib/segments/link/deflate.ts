/**
 * deflate-raw through the platform's CompressionStream / DecompressionStream (browsers, and
 * Node ≥ 18). A failed inflate is sorted into "truncated" (the input ended early: a link cut
 * by a mail client) or "corrupted" (the bytes are wrong), from the error and from whether it
 * came while writing or at the end; browsers word these differently, Node gives zlib codes.
 */

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'truncated' | 'corrupted' | 'too-large' };

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate-raw');
  const [, out] = await Promise.all([writeAll(stream.writable, bytes), readAll(stream.readable, Infinity)]);
  return out.bytes;
}

export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<InflateResult> {
  const stream = new DecompressionStream('deflate-raw');
  const reading = readAll(stream.readable, maxBytes);
  let stage: 'write' | 'close' = 'write';
  const writer = stream.writable.getWriter();
  try {
    await writer.write(copy(bytes));
    stage = 'close';
    await writer.close();
  } catch (e) {
    const out = await reading.catch(() => null);
    if (out?.overflow) return { ok: false, problem: 'too-large' };
    return { ok: false, problem: isTruncation(e, stage) ? 'truncated' : 'corrupted' };
  }
  try {
    const out = await reading;
    return out.overflow ? { ok: false, problem: 'too-large' } : { ok: true, bytes: out.bytes };
  } catch (e) {
    return { ok: false, problem: isTruncation(e, 'close') ? 'truncated' : 'corrupted' };
  }
}

function isTruncation(e: unknown, stage: 'write' | 'close'): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const text = `${e instanceof Error ? e.message : String(e)} ${code}`;
  if (/truncat|unexpected end|Z_BUF_ERROR|end of (the )?(file|stream|input|data)/i.test(text)) return true;
  if (/invalid|not valid|junk|incorrect|Z_DATA_ERROR/i.test(text)) return false;
  return stage === 'close';
}

async function writeAll(writable: WritableStream<BufferSource>, bytes: Uint8Array): Promise<void> {
  const writer = writable.getWriter();
  await writer.write(copy(bytes));
  await writer.close();
}

/** Reads everything, or stops (and cancels the stream) past `maxBytes`: a small link must not inflate into a huge one. */
async function readAll(readable: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ bytes: Uint8Array; overflow: boolean }> {
  const reader = readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { bytes: new Uint8Array(0), overflow: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, overflow: false };
}

/** A copy backed by a plain ArrayBuffer, as the stream's write() wants. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}
