/**
 * Excel workbooks (.xlsx): the sheet list from the workbook's own index, and a sheet
 * read with read-excel-file, typed per column and handed over as Arrow chunks.
 */
import { readSheet } from 'read-excel-file/universal';
import { zipEntries, zipEntryBytes, storedZip, type ZipEntry } from './zip';
import { ColumnInference } from './infer';
import { ChunkBuilder, CHUNK_ROWS, type IpcChunk } from './chunks';
import { uniqueColumnNames, describeNameFixes } from './columnNames';
import { IngestError } from './errors';
import type { ArrowStream } from './stream';
import type { ColumnSpec } from './arrow';
import type { ByteSource } from './source';

type Cell = string | number | boolean | Date | null | undefined;

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

function damaged(file: string, cause: unknown): IngestError {
  return new IngestError(
    file,
    'truncated',
    'The workbook is damaged or incomplete (its zip structure cannot be read).',
    'Open it in Excel and save it again as .xlsx, or export the sheet as CSV.',
    { cause },
  );
}

async function entriesOf(source: ByteSource): Promise<ZipEntry[]> {
  try {
    return await zipEntries(source);
  } catch (e) {
    throw damaged(source.name, e);
  }
}

/** Sheet names in workbook order. */
export async function listSheets(source: ByteSource): Promise<string[]> {
  const entries = await entriesOf(source);
  const wb = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!wb) {
    throw new IngestError(source.name, 'unsupported', 'This zip file is not an Excel workbook.', 'Save the workbook as .xlsx from Excel, or export the sheet as CSV.');
  }
  let xml: string;
  try {
    xml = new TextDecoder().decode(await zipEntryBytes(source, wb));
  } catch (e) {
    throw damaged(source.name, e);
  }
  const names: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0]);
    if (name) names.push(unescapeXml(name[1]));
  }
  return names;
}

/** The workbook re-packed without compression, holding only the XML parts the reader uses. */
async function workbookBytes(source: ByteSource): Promise<ArrayBuffer> {
  const entries = await entriesOf(source);
  const files: { name: string; data: Uint8Array }[] = [];
  try {
    for (const e of entries) {
      if (e.name.endsWith('.xml') || e.name.endsWith('.rels')) files.push({ name: e.name, data: await zipEntryBytes(source, e) });
    }
  } catch (e) {
    throw damaged(source.name, e);
  }
  return storedZip(files).buffer as ArrayBuffer;
}

function isBlankRow(row: readonly Cell[]): boolean {
  return row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** A first row of text above rows that are not all text is a header. */
function hasHeader(rows: readonly (readonly Cell[])[], width: number): boolean {
  const first = rows[0];
  const filled = first.filter((c) => c !== null && c !== undefined && c !== '');
  if (filled.length === 0 || !filled.every((c) => typeof c === 'string')) return false;
  if (rows.length === 1) return true;
  for (let c = 0; c < width; c++) {
    if (rows.slice(1, 200).some((r) => r[c] !== null && r[c] !== undefined && typeof r[c] !== 'string')) return true;
  }
  // All text: a header's values do not recur below it.
  return first.every((v, c) => v === null || v === undefined || !rows.slice(1, 200).some((r) => r[c] === v));
}

export interface ExcelOptions {
  /** Sheet name or 1-based position; the first sheet by default. */
  sheet?: string | number;
  chunkRows?: number;
}

export async function readExcel(source: ByteSource, opts: ExcelOptions = {}): Promise<ArrowStream> {
  const sheets = await listSheets(source);
  if (sheets.length === 0) {
    throw new IngestError(source.name, 'no-rows', 'The workbook has no sheets.', 'Open it in Excel, check it has data, and save it again.');
  }
  const sheetName = typeof opts.sheet === 'string' ? opts.sheet : sheets[(opts.sheet ?? 1) - 1];
  if (sheetName === undefined || !sheets.includes(sheetName)) {
    throw new IngestError(
      source.name,
      'unsupported',
      `The workbook has no sheet ${typeof opts.sheet === 'string' ? `"${opts.sheet}"` : `number ${String(opts.sheet)}`}.`,
      `Choose one of: ${sheets.map((s) => `"${s}"`).join(', ')}.`,
    );
  }
  let data: Cell[][];
  try {
    data = (await readSheet(await workbookBytes(source), sheetName)) as unknown as Cell[][];
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(
      source.name,
      'malformed',
      `Sheet "${sheetName}" could not be read (${(e as Error).message}).`,
      'Open the workbook in Excel and save it again as .xlsx, or export the sheet as CSV.',
      { cause: e },
    );
  }
  const rows = data.filter((r) => !isBlankRow(r));
  const where = `Sheet "${sheetName}"`;
  if (rows.length === 0) {
    throw new IngestError(source.name, 'no-rows', `${where} is empty.`, sheets.length > 1 ? `Choose another sheet: ${sheets.map((s) => `"${s}"`).join(', ')}.` : 'Check that the data was saved in the workbook.');
  }
  const width = Math.max(...rows.map((r) => r.length));
  const header = hasHeader(rows, width);
  const body = header ? rows.slice(1) : rows;
  if (body.length === 0) {
    throw new IngestError(source.name, 'no-rows', `${where} has column names but no rows of data.`, 'Check that you exported the data and not only the header.');
  }
  const rawNames: string[] = [];
  for (let c = 0; c < width; c++) {
    const v = header ? rows[0][c] : null;
    rawNames.push(v === null || v === undefined ? '' : String(v));
  }
  const { names, fixes } = uniqueColumnNames(rawNames);
  const inference = names.map(() => new ColumnInference());
  for (const r of body) for (let c = 0; c < width; c++) inference[c].add(r[c]);
  const inferred = inference.map((i) => i.result());
  const columns: ColumnSpec[] = names.map((name, i) => ({ name, kind: inferred[i].kind }));

  const notes: string[] = [];
  if (sheets.length > 1) notes.push(`The workbook has ${sheets.length} sheets; loaded "${sheetName}". Others: ${sheets.filter((s) => s !== sheetName).map((s) => `"${s}"`).join(', ')}.`);
  if (!header) notes.push('The first row holds data, not column names; columns were named column_1, column_2….');
  const mixed = names.filter((_, i) => inference[i].mixed);
  if (mixed.length > 0) notes.push(`Read as text because values of different kinds are mixed: ${mixed.slice(0, 5).map((n) => `"${n}"`).join(', ')}.`);
  const renamed = header ? describeNameFixes(fixes) : null;
  if (renamed) notes.push(renamed);

  const converts = inferred.map((c) => c.convert);
  async function* chunks(): AsyncGenerator<IpcChunk> {
    const builder = new ChunkBuilder(columns, converts, opts.chunkRows ?? CHUNK_ROWS);
    for (const r of body) {
      const chunk = builder.push(r);
      if (chunk) yield chunk;
    }
    const last = builder.flush();
    if (last) yield last;
  }
  return { columns, totalRows: body.length, notes, chunks: chunks() };
}
