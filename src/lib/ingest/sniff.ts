/**
 * What a file really is, from its bytes: magic numbers first (Parquet, zip/xlsx, gzip,
 * old binary Excel…), then JSON, delimited text or whitespace-aligned text. The extension
 * is only a hint; when it disagrees with the content, the content wins and a note says so.
 */
import { IngestError } from './errors';
import { gunzipHead } from './source';
import { guessEncoding, looksBinary, decodeHead, headLines } from './text';
import { sniffDialect, baseDialect, detectHeader, DELIMITERS, type CsvDialect, type SniffContext } from './dialect';
import { parseRecords } from './text';
import { detectAligned, type AlignedLayout } from './aligned';

export type FileFormat = 'csv' | 'aligned' | 'xlsx' | 'zip' | 'parquet' | 'json' | 'ndjson' | 'json-object';

export interface Sniffed {
  format: FileFormat;
  /** The bytes are gzip-compressed (the format describes what is inside). */
  gzip: boolean;
  /** For csv and aligned text. */
  dialect?: CsvDialect;
  /** For aligned text. */
  aligned?: AlignedLayout;
  notes: string[];
}

/** How many bytes of the file sniffing wants. */
export const HEAD_BYTES = 1024 * 1024;

type Family = 'text' | 'excel' | 'parquet' | 'json' | 'zip' | 'unknown';

const EXT_FAMILY: Record<string, Family> = {
  csv: 'text',
  tsv: 'text',
  tab: 'text',
  txt: 'text',
  psv: 'text',
  dat: 'text',
  xlsx: 'excel',
  xlsm: 'excel',
  xls: 'excel',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  zip: 'zip',
};

function extensionOf(name: string): { ext: string; gz: boolean } {
  const lower = name.toLowerCase().replace(/[?#].*$/, '');
  const gz = /\.(gz|gzip)$/.test(lower);
  const base = gz ? lower.replace(/\.(gz|gzip)$/, '') : lower;
  const m = /\.([a-z0-9]+)$/.exec(base);
  return { ext: m ? m[1] : '', gz };
}

function familyOf(format: FileFormat): Family {
  switch (format) {
    case 'csv':
    case 'aligned':
      return 'text';
    case 'xlsx':
      return 'excel';
    case 'parquet':
      return 'parquet';
    case 'zip':
      return 'zip';
    default:
      return 'json';
  }
}

const DESCRIPTION: Record<Family, string> = {
  text: 'a text (CSV) file',
  excel: 'an Excel workbook',
  parquet: 'a Parquet file',
  json: 'a JSON file',
  zip: 'a zip archive',
  unknown: 'a file of another kind',
};

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

function ascii(head: Uint8Array, max = 4096): string {
  let s = '';
  const n = Math.min(head.length, max);
  for (let i = 0; i < n; i++) s += String.fromCharCode(head[i]);
  return s;
}

function notData(file: string, what: string, hint: string): IngestError {
  return new IngestError(file, 'unsupported', `This is ${what}, not a data table.`, hint);
}

/** Formats recognised by their first bytes, or null for text-like content. */
function byMagic(file: string, head: Uint8Array): FileFormat | 'gzip' | null {
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const text = ascii(head, 8192);
    if (text.includes('mimetypeapplication/vnd.oasis.opendocument')) {
      throw new IngestError(file, 'unsupported', 'This is an OpenDocument (LibreOffice) file, which cannot be read here.', 'Save it as .xlsx or CSV from LibreOffice and drop that file instead.');
    }
    return text.includes('xl/') ? 'xlsx' : 'zip';
  }
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    throw new IngestError(file, 'empty', 'The zip archive is empty.', 'Check that the export finished, then create the archive again.');
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new IngestError(
      file,
      'unsupported',
      'This is an old-style Excel 97–2003 workbook (.xls), which cannot be read here.',
      'Open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8, then drop that file.',
    );
  }
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd]) || startsWith(head, [0x42, 0x5a, 0x68]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(head, [0x52, 0x61, 0x72, 0x21])) {
    throw new IngestError(file, 'unsupported', 'This is a compressed archive in a format that cannot be opened here (zstd, bzip2, 7-Zip or RAR).', 'Extract it on your computer and drop the file inside, or compress it as .zip or .gz.');
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw notData(file, 'a PDF document', 'Export the data from its source as CSV or Excel.');
  return null;
}

/** JSON layout from the start of the text, or null when it is not JSON. */
function jsonLayout(text: string, isPrefix: boolean): FileFormat | null {
  const t = text.replace(/^[\s\ufeff]+/, '');
  if (t.startsWith('[')) {
    const next = t.slice(1).trimStart();
    // A CSV whose first value is "[…" would not continue with an object or another value like this.
    return next === '' || /^[[{"\d\-tfn\]]/.test(next) ? 'json' : null;
  }
  if (!t.startsWith('{')) return null;
  // Find where the first value ends; another value after it means NDJSON (or concatenated JSON).
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        const rest = t.slice(i + 1).trimStart();
        if (rest.startsWith('{')) return 'ndjson';
        if (rest === '' && !isPrefix) return 'json-object';
        return rest === '' ? 'json-object' : null;
      }
    }
  }
  return 'json-object';
}

function textFormat(file: string, head: Uint8Array, size: number, compression: 'none' | 'gzip', family: Family): Sniffed {
  const isPrefix = head.length < size || compression === 'gzip';
  const guess = guessEncoding(head, isPrefix);
  if (guess === 'utf-16be') {
    throw new IngestError(file, 'encoding', 'The text is in UTF-16 big-endian encoding, which cannot be read here.', 'Save it again as "CSV UTF-8" or plain UTF-8 text.');
  }
  if (looksBinary(head, guess.encoding)) {
    const hint =
      family === 'text'
        ? 'It is not a CSV or text export, whatever its name says. If it came from a spreadsheet program, save it as .xlsx or CSV UTF-8 and drop that file.'
        : 'Supported files are CSV and other delimited text, Excel (.xlsx), Parquet and JSON.';
    throw new IngestError(file, 'binary', 'The file contains binary data, not text.', hint);
  }
  const text = decodeHead(head, guess);
  const notes: string[] = [];
  if (guess.fellBack) notes.push('The text is not UTF-8; it was read as Latin-1 (Western European). Check accented letters.');
  if (guess.encoding === 'utf-16') notes.push('The text is UTF-16 encoded.');

  const start = text.slice(0, 200).trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    throw notData(file, 'a web page (HTML)', 'It was probably saved from a browser instead of downloaded as data. Use the export or download button of the source system.');
  }
  if (start.startsWith('<?xml') || start.startsWith('<')) {
    throw notData(file, 'an XML document', 'Export the data as CSV, Excel (.xlsx) or JSON instead.');
  }

  const json = jsonLayout(text, isPrefix);
  if (json) return { format: json, gzip: compression === 'gzip', notes };

  const ctx: SniffContext = { encoding: guess.encoding, isPrefix, fileSize: size, compression };
  const guessCsv = sniffDialect(text, ctx);
  if (guessCsv) return { format: 'csv', gzip: compression === 'gzip', dialect: guessCsv.dialect, notes: [...notes, ...guessCsv.notes] };

  const lines = headLines(text, isPrefix, 400);
  const layout = detectAligned(lines);
  if (layout) {
    const dialect = baseDialect(ctx, ',');
    dialect.columnCount = layout.columnCount;
    dialect.header = layout.header !== null;
    notes.push(
      layout.split === 'whitespace'
        ? 'Columns are separated by spaces (aligned text); each line was split on runs of spaces.'
        : 'Columns are aligned at fixed positions; each line was cut at those positions.',
    );
    return { format: 'aligned', gzip: compression === 'gzip', dialect, aligned: layout, notes };
  }

  // One column of values (a list of e-mails, say): still a table. Split on a delimiter the
  // text does not contain, so "Smith, John" stays one value.
  const delimiter = DELIMITERS.find((d) => !text.includes(d)) ?? ',';
  const dialect = baseDialect(ctx, delimiter);
  const records = parseRecords(text, delimiter, '"', 300, isPrefix).records;
  if (records.length === 0) {
    throw new IngestError(file, 'empty', 'The file contains no data, only blank lines.', 'Check that the export finished and contains rows.');
  }
  dialect.header = detectHeader(records, 1);
  return { format: 'csv', gzip: compression === 'gzip', dialect, notes };
}

function mismatchNote(name: string, declared: Family, actual: FileFormat, gzip: boolean): string | null {
  const real = familyOf(actual);
  const parts: string[] = [];
  if (declared !== 'unknown' && declared !== real) {
    const how = real === 'excel' ? '; loaded its first sheet' : real === 'zip' ? '' : '; loaded it as such';
    parts.push(`${name} is really ${DESCRIPTION[real]}${how}.`);
  }
  if (gzip && !extensionOf(name).gz) parts.push(`${name} is gzip-compressed; it was decompressed while loading.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * Decide the real format of a file from its first bytes (`head`, ideally HEAD_BYTES long)
 * and its size. Throws IngestError for files that cannot be loaded (empty, binary, .xls…).
 */
export async function sniffFile(name: string, head: Uint8Array, size: number): Promise<Sniffed> {
  if (size === 0 || head.length === 0) {
    throw new IngestError(name, 'empty', 'The file is empty (0 bytes).', 'Export or download it again; the export may not have finished.');
  }
  const { ext } = extensionOf(name);
  const declared: Family = EXT_FAMILY[ext] ?? 'unknown';
  let magic = byMagic(name, head);
  // The loader confirms from the archive's directory that it really is a workbook.
  if (magic === 'zip' && declared === 'excel') magic = 'xlsx';
  let result: Sniffed;
  if (magic === 'gzip') {
    const inner = await gunzipHead(head, HEAD_BYTES);
    if (inner.length === 0) {
      throw new IngestError(name, 'truncated', 'The gzip data is damaged or incomplete.', 'Download or export the file again.');
    }
    const innerMagic = byMagic(name, inner);
    if (innerMagic === 'gzip' || innerMagic === 'parquet' || innerMagic === 'xlsx' || innerMagic === 'zip') {
      throw new IngestError(name, 'unsupported', 'This gzip file holds a Parquet file, workbook or archive, which cannot be read compressed.', 'Decompress it on your computer and drop the file inside.');
    }
    result = textFormat(name, inner, Number.MAX_SAFE_INTEGER, 'gzip', declared);
    result.gzip = true;
  } else if (magic) {
    result = { format: magic, gzip: false, notes: [] };
  } else {
    result = textFormat(name, head, size, 'none', declared);
  }
  const note = mismatchNote(name, declared, result.format, result.gzip);
  if (note) result.notes.unshift(note);
  return result;
}
