/**
 * Splitting JSON text into its records without parsing the whole document at once:
 * the elements of a top-level array, or the values of an NDJSON / concatenated stream.
 * Only one record's text is held at a time.
 */

export type JsonLayout = 'array' | 'stream';

export class JsonShapeError extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

/** Decoded text chunks from byte chunks (UTF-8, BOM dropped). */
export async function* utf8Text(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    const t = decoder.decode(c, { stream: true });
    if (t) yield t;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The text of each record, in order. */
export async function* jsonRecordTexts(text: AsyncIterable<string>, layout: JsonLayout): AsyncGenerator<string> {
  const base = layout === 'array' ? 1 : 0;
  let buf = '';
  let pos = 0;
  let start = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let opened = layout === 'stream';
  let closed = false;

  for await (const piece of text) {
    buf += piece;
    while (pos < buf.length && !closed) {
      const c = buf.charCodeAt(pos);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        else {
          // Skip to the next quote or backslash in a tight loop.
          let j = pos + 1;
          const len = buf.length;
          while (j < len) {
            const d = buf.charCodeAt(j);
            if (d === QUOTE || d === BACKSLASH) break;
            j++;
          }
          pos = j;
          continue;
        }
        pos++;
        continue;
      }
      if (!opened) {
        if (c === OPEN_BRACKET) {
          opened = true;
          depth = 1;
        } else if (!isSpace(c)) throw new JsonShapeError('The file does not start with a JSON array.');
        pos++;
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === base && start < 0) start = pos;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === base && start < 0) start = pos;
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === base && layout === 'array') {
          if (start >= 0) yield buf.slice(start, pos).trim();
          start = -1;
          closed = true;
          break;
        }
        depth--;
        if (depth < base) throw new JsonShapeError('Unbalanced brackets.');
        if (depth === base) {
          yield buf.slice(start, pos + 1);
          start = -1;
        }
      } else if (depth === base && (c === COMMA || isSpace(c))) {
        // The end of a bare value (number, true, null) at record level.
        if (start >= 0) {
          yield buf.slice(start, pos);
          start = -1;
        }
      } else if (depth === base && start < 0) {
        start = pos;
      }
      pos++;
    }
    if (closed) break;
    // Keep only the unfinished record.
    if (start >= 0) {
      buf = buf.slice(start);
      pos -= start;
      start = 0;
    } else {
      buf = '';
      pos = 0;
    }
  }
  if (closed) return;
  if (inString || depth > base || (layout === 'array' && opened)) throw new JsonShapeError('The JSON ends before it is complete.');
  if (!opened) throw new JsonShapeError('The file does not start with a JSON array.');
  if (start >= 0) {
    const rest = buf.slice(start).trim();
    if (rest) yield rest;
  }
}
