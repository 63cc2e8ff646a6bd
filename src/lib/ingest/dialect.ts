/**
 * Sniffing a CSV dialect from the first part of a file. DuckDB's own sniffer is good;
 * this one exists to pass explicit options where it can be fooled: decimal commas,
 * blank or repeated header names, ragged rows, very long fields, non-UTF-8 text.
 */
import { parseRecords, type TextEncoding } from './text';
import { shapeOf, isTypedShape, isNumericShape, type ValueShape } from './values';
import { uniqueColumnNames, describeNameFixes } from './columnNames';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvDialect {
  delimiter: Delimiter;
  /** '"' when quoted fields were seen; null lets the engine decide. */
  quote: '"' | null;
  /** null when the sample cannot tell: the engine decides. */
  header: boolean | null;
  /** Names to use instead of the header (set only when the header had blanks or repeats). */
  columnNames: string[] | null;
  columnCount: number;
  decimalSeparator: '.' | ',';
  thousands: '.' | null;
  encoding: TextEncoding;
  /** Rows with a different number of values: pad missing ones with NULL, ignore extras. */
  ragged: boolean;
  /** Lines before the header that are not part of the table (titles, export notes). */
  skipRows: number;
  /** Bytes; also used as the read buffer size (DuckDB's default buffer is 16× this). */
  maxLineSize: number;
  /** Read every row before choosing column types (slower, never wrong). */
  fullTypeScan: boolean;
  compression: 'none' | 'gzip';
}

export interface DialectGuess {
  dialect: CsvDialect;
  notes: string[];
}

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 400;
export const DEFAULT_MAX_LINE = 32 * 1024 * 1024;
const MIN_MAX_LINE = 2 * 1024 * 1024;
const LARGEST_MAX_LINE = 512 * 1024 * 1024;

interface Candidate {
  delimiter: Delimiter;
  records: string[][];
  modal: number;
  consistency: number;
  typed: number;
  sawQuote: boolean;
  openQuote: boolean;
}

function modalCount(records: string[][]): { modal: number; freq: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let modal = 0;
  let freq = 0;
  for (const [c, f] of counts) if (f > freq || (f === freq && c > modal)) [modal, freq] = [c, f];
  return { modal, freq };
}

/**
 * Share of values that read as a whole value: a number, a date, a plain word. A wrong
 * delimiter cuts values into fragments such as "1;1" or "5 Main St.", which do not.
 */
function typedFraction(records: string[][]): number {
  let typed = 0;
  let total = 0;
  for (const r of records.slice(1, 100)) {
    for (const v of r) {
      const s = shapeOf(v);
      if (s === 'empty') continue;
      total++;
      if (isTypedShape(s) || /^[A-Za-z][A-Za-z ]*$/.test(v.trim())) typed++;
    }
  }
  return total === 0 ? 0 : typed / total;
}

function candidates(text: string, isPrefix: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    const parsed = parseRecords(text, delimiter, '"', SAMPLE_RECORDS, isPrefix);
    if (parsed.records.length === 0) continue;
    const { modal, freq } = modalCount(parsed.records);
    if (modal < 2) continue;
    out.push({
      delimiter,
      records: parsed.records,
      modal,
      consistency: freq / parsed.records.length,
      typed: typedFraction(parsed.records),
      sawQuote: parsed.sawQuote,
      openQuote: parsed.openQuote,
    });
  }
  return out;
}

/** The most plausible delimiter: consistent field counts first, then values that look like values. */
export function chooseDelimiter(text: string, isPrefix: boolean): Candidate | null {
  const list = candidates(text, isPrefix).filter((c) => c.consistency >= 0.7);
  if (list.length === 0) return null;
  list.sort((a, b) => b.consistency - a.consistency || b.typed - a.typed || DELIMITERS.indexOf(a.delimiter) - DELIMITERS.indexOf(b.delimiter));
  return list[0];
}

function columnShapes(records: string[][], col: number): ValueShape[] {
  const out: ValueShape[] = [];
  for (const r of records) if (col < r.length) out.push(shapeOf(r[col]));
  return out;
}

function family(s: ValueShape): 'number' | 'date' | 'boolean' | 'text' | 'empty' {
  if (s === 'empty') return 'empty';
  if (isNumericShape(s)) return 'number';
  if (s === 'date' || s === 'timestamp') return 'date';
  if (s === 'boolean') return 'boolean';
  return 'text';
}

/** Columns whose values (after the first row) are nearly all of one typed family. */
function typedColumns(rest: string[][], width: number): Map<number, string> {
  const out = new Map<number, string>();
  for (let c = 0; c < width; c++) {
    const fams = columnShapes(rest, c).map(family).filter((f) => f !== 'empty');
    if (fams.length === 0) continue;
    const counts = new Map<string, number>();
    for (const f of fams) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const [f, n] of counts) if (f !== 'text' && n / fams.length >= 0.9) out.set(c, f);
  }
  return out;
}

/** true / false when clear, null when the sample cannot tell. */
export function detectHeader(records: string[][], width: number): boolean | null {
  const first = records[0];
  const rest = records.slice(1, 300);
  const firstFamilies = first.map((v) => family(shapeOf(v)));
  if (rest.length === 0) return firstFamilies.every((f) => f === 'text') ? true : null;
  const typed = typedColumns(rest, width);
  let headerEvidence = false;
  for (const [c, fam] of typed) {
    const f = firstFamilies[c];
    if (f === fam) return false; // the first row is data like the rest
    if (f === 'text') headerEvidence = true;
  }
  if (headerEvidence) return true;
  // All columns are text: a first row whose values recur below is data, otherwise a header.
  if (firstFamilies.some((f) => f !== 'text' && f !== 'empty')) return null;
  for (let c = 0; c < first.length; c++) {
    const v = first[c].trim();
    if (v !== '' && rest.some((r) => (r[c] ?? '').trim() === v)) return null;
  }
  return true;
}

function decimalStyle(records: string[][], delimiter: Delimiter): { decimal: '.' | ','; thousands: '.' | null } {
  if (delimiter === ',') return { decimal: '.', thousands: null };
  let comma = 0;
  let dot = 0;
  let groupedDot = 0;
  for (const r of records.slice(1)) {
    for (const v of r) {
      const s = shapeOf(v);
      if (s === 'decimal-comma') comma++;
      else if (s === 'grouped-dot-comma') {
        groupedDot++;
        if (v.includes(',')) comma++;
      } else if (s === 'decimal' && /\.\d/.test(v) && !/[eE]/.test(v)) dot++;
      else if (s === 'grouped-comma-dot') dot++;
    }
  }
  if (comma > 0 && dot === 0) return { decimal: ',', thousands: groupedDot > 0 ? '.' : null };
  return { decimal: '.', thousands: null };
}

/** Leading lines with a single value before a wider table (report titles, export dates). */
function preambleLength(records: string[][], modal: number): number {
  let i = 0;
  while (i < records.length - 1 && i < 20 && records[i].length === 1 && modal > 1) i++;
  return i;
}

export interface SniffContext {
  encoding: TextEncoding;
  isPrefix: boolean;
  fileSize: number;
  compression: 'none' | 'gzip';
}

export function baseDialect(ctx: SniffContext, delimiter: Delimiter): CsvDialect {
  return {
    delimiter,
    quote: null,
    header: null,
    columnNames: null,
    columnCount: 1,
    decimalSeparator: '.',
    thousands: null,
    encoding: ctx.encoding,
    ragged: false,
    skipRows: 0,
    // No line is longer than the file; a smaller limit means a smaller read buffer.
    maxLineSize: ctx.compression === 'gzip' ? DEFAULT_MAX_LINE : Math.min(DEFAULT_MAX_LINE, Math.max(MIN_MAX_LINE, ctx.fileSize + 1024)),
    fullTypeScan: false,
    compression: ctx.compression,
  };
}

/** Dialect of delimited text, or null when no delimiter splits it consistently. */
export function sniffDialect(text: string, ctx: SniffContext): DialectGuess | null {
  const best = chooseDelimiter(text, ctx.isPrefix);
  if (!best) return null;
  const notes: string[] = [];
  const dialect = baseDialect(ctx, best.delimiter);
  dialect.quote = best.sawQuote ? '"' : null;
  dialect.columnCount = best.modal;

  const skip = preambleLength(best.records, best.modal);
  const records = best.records.slice(skip);
  if (skip > 0) {
    dialect.skipRows = skip;
    notes.push(`Skipped ${skip === 1 ? 'the first line' : `the first ${skip} lines`} above the table.`);
  }

  dialect.header = records.length > 0 ? detectHeader(records, best.modal) : null;

  const wrong = records.filter((r) => r.length !== best.modal).length;
  if (wrong > 0) {
    dialect.ragged = true;
    notes.push(
      `${wrong} of the first ${records.length} rows ${wrong === 1 ? 'has' : 'have'} a different number of values than the others (${best.modal}); missing values were left empty and extra ones dropped.`,
    );
  }

  if (dialect.header === true && records[0].length === best.modal) {
    const { names, fixes } = uniqueColumnNames(records[0]);
    const note = describeNameFixes(fixes);
    if (note) {
      dialect.columnNames = names;
      notes.push(note);
    }
  }

  if (dialect.header === false && !dialect.ragged) {
    // The same names as every other headerless source (DuckDB would say column0, column1…).
    dialect.columnNames = Array.from({ length: best.modal }, (_, i) => `column_${i + 1}`);
  }

  const dec = decimalStyle(records, best.delimiter);
  dialect.decimalSeparator = dec.decimal;
  dialect.thousands = dec.thousands;
  if (dec.decimal === ',') {
    notes.push(`Numbers use a decimal comma (1,5)${dec.thousands ? ' and a dot between thousands (1.234,50)' : ''}; read as numbers.`);
  }

  if (best.openQuote && ctx.isPrefix) {
    // A value longer than the whole sample: allow lines as long as the file (bounded).
    dialect.maxLineSize = Math.min(LARGEST_MAX_LINE, Math.max(DEFAULT_MAX_LINE, ctx.fileSize + 1024));
  }
  return { dialect, notes };
}
