/**
 * Looking at the first bytes of a text file: its encoding, whether it is text at all,
 * and its first records split the way a CSV reader would split them.
 */

/** Encodings the engine's read_csv can decode without extensions. */
export type TextEncoding = 'utf-8' | 'utf-16' | 'latin-1';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start. */
  bom: number;
  /** Set when the text is not valid UTF-8 and we fell back to Latin-1. */
  fellBack: boolean;
}

function looksUtf16le(head: Uint8Array): boolean {
  // ASCII text in UTF-16LE: every odd byte is zero.
  const n = Math.min(head.length, 2000) & ~1;
  if (n < 8) return false;
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (head[i] === 0) zeros++;
  return zeros / (n / 2) > 0.9;
}

function validUtf8(bytes: Uint8Array, isPrefix: boolean): boolean {
  // A head cut in the middle of a multi-byte character is still valid UTF-8.
  let end = bytes.length;
  if (isPrefix) {
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
    const lead = end - back - 1;
    if (lead >= 0 && bytes[lead] >= 0xc0) end = lead;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function guessEncoding(head: Uint8Array, isPrefix: boolean): EncodingGuess | 'utf-16be' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3, fellBack: false };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16', bom: 2, fellBack: false };
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (looksUtf16le(head)) return { encoding: 'utf-16', bom: 0, fellBack: false };
  if (validUtf8(head, isPrefix)) return { encoding: 'utf-8', bom: 0, fellBack: false };
  return { encoding: 'latin-1', bom: 0, fellBack: true };
}

/**
 * Text files have almost no control characters; binary files (images, executables,
 * compressed data under the wrong name) have many, and NUL bytes.
 */
export function looksBinary(head: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16') return false;
  const n = Math.min(head.length, 65536);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control / n > 0.01;
}

export function decodeHead(head: Uint8Array, guess: EncodingGuess): string {
  const body = head.subarray(guess.bom);
  const label = guess.encoding === 'utf-16' ? 'utf-16le' : guess.encoding === 'latin-1' ? 'latin1' : 'utf-8';
  return new TextDecoder(label).decode(body);
}

export interface ParsedRecords {
  records: string[][];
  /** The text ended inside a record (the last one is dropped as incomplete). */
  cut: boolean;
  /** The text ended inside a quoted value: a field longer than the sample, or a quote never closed. */
  openQuote: boolean;
  /** Length in characters of the longest complete record. */
  longest: number;
  /** Some field was quoted. */
  sawQuote: boolean;
}

/**
 * Split delimited text into records the way RFC 4180 readers do: quoted fields may hold
 * delimiters and newlines, a doubled quote is a literal quote, blank lines are skipped.
 * `isPrefix` says the text is only the head of the file, so its last record may be partial.
 */
export function parseRecords(text: string, delim: string, quote: string, maxRecords: number, isPrefix: boolean): ParsedRecords {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let wasQuoted = false;
  let recordStart = 0;
  let longest = 0;
  let sawQuote = false;
  const n = text.length;
  const d = delim.charCodeAt(0);
  const q = quote ? quote.charCodeAt(0) : -1;
  let i = 0;

  const endRecord = (at: number) => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !wasQuoted;
    if (!blank) {
      records.push(fields);
      longest = Math.max(longest, at - recordStart);
    }
    fields = [];
    field = '';
    wasQuoted = false;
  };

  while (i < n && records.length < maxRecords) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === q) {
        if (text.charCodeAt(i + 1) === q) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      // Copy a run of ordinary characters at once: large quoted fields stay fast.
      let j = text.indexOf(quote, i);
      if (j < 0) j = n;
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === q && field === '') {
      inQuotes = true;
      wasQuoted = true;
      sawQuote = true;
      i++;
    } else if (c === d) {
      fields.push(field);
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === 10 || c === 13) {
      endRecord(i);
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      recordStart = i;
    } else {
      field += text[i];
      i++;
    }
  }
  const reachedEnd = i >= n;
  const openQuote = reachedEnd && inQuotes;
  let cut = false;
  if (reachedEnd && (field !== '' || fields.length > 0 || inQuotes)) {
    if (isPrefix || inQuotes) cut = true;
    else endRecord(n);
  }
  return { records, cut, openQuote, longest, sawQuote };
}

/** Lines of the head, without line terminators; a partial last line is dropped. */
export function headLines(text: string, isPrefix: boolean, max: number): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (isPrefix || lines[lines.length - 1] === '') lines.pop();
  return lines.slice(0, max);
}
