/**
 * "Too large for this browser?" — before a file is loaded, estimate the memory loading it
 * needs and compare it with what the browser can give, so that the app can say so before
 * trying (and suggest Parquet or fewer columns) instead of the tab dying half-way.
 *
 * The estimate is deliberately simple and on the safe side: rows and columns come from the
 * first bytes of the file (the header and the average line length) and its size; the engine
 * keeps every value in about VALUE_BYTES bytes plus the text of long strings; loading and the
 * customer view built on top need a multiple of the table (LOAD_PEAK). The constants were set
 * from bench/run.ts (DuckDB memory and the tab's peak resident memory at 1M and 10M rows).
 *
 * Pure: no DOM. The caller reads the head of the file and the browser's limits
 * (`browserBudget` takes them as plain numbers).
 */

export type SizeFormat = 'csv' | 'csv-gzip' | 'parquet' | 'json' | 'ndjson' | 'xlsx' | 'zip' | 'unknown';

export interface HeadFacts {
  format: SizeFormat;
  /** Columns in the header (text formats), or null when the head does not tell. */
  columns: number | null;
  /** Average bytes per data row in the head (text formats), or null. */
  rowBytes: number | null;
}

export interface MemoryBudget {
  /** What the engine can address: the 32-bit WebAssembly build stops at 4 GiB. */
  engineBytes: number;
  /** performance.memory.jsHeapSizeLimit where the browser tells; null otherwise. */
  jsHeapBytes: number | null;
  /** What the tab may reasonably take of the device (navigator.deviceMemory); null if unknown. */
  deviceBytes: number | null;
}

export interface SizeEstimate {
  format: SizeFormat;
  bytes: number;
  rows: number;
  columns: number;
  /** Peak memory inside the engine (WASM) while loading and building the customer view. */
  engineBytes: number;
  /** Peak JavaScript memory while reading the file (formats read in JavaScript). */
  jsBytes: number;
  fits: boolean;
  /** Which limit it exceeds first, when it does not fit. */
  limitedBy: 'engine' | 'js-heap' | 'device' | null;
}

const GiB = 1024 ** 3;
/** The 32-bit WebAssembly address space. */
export const WASM_LIMIT_BYTES = 4 * GiB;
/** Share of each limit an estimate may use: the engine also needs room to run the analyses. */
export const HEADROOM = 0.8;
/** The tab's share of the device memory the browser reports. */
export const DEVICE_SHARE = 0.5;
/** In-memory bytes per value in the engine (fixed-width value + validity, short strings inline). */
export const VALUE_BYTES = 16;
/** Of the text of the file, the part that long strings keep in the engine's string heap. */
export const STRING_SHARE = 0.5;
/**
 * Peak over the loaded table while loading (a refined copy) and building customer_features.
 * Measured (bench/run.ts, 2026-11-22): 1M order lines (83 MB CSV, 9 columns) peak at 206 MB of
 * DuckDB memory; the 10M-row CSV (830 MB) loads and runs every analysis with the tab at about
 * 3 GB resident, so an estimate for it must stay under the engine's limit.
 */
export const LOAD_PEAK = 1.5;
/** Text a gzip file holds per compressed byte (CSV exports compress 4–8×). */
export const GZIP_RATIO = 6;
/** CSV text a Parquet file stands for, per byte (zstd/snappy exports: 6–10×). */
export const PARQUET_RATIO = 8;
/** JavaScript memory per byte of file for formats parsed in JavaScript as a whole. */
const JS_FACTOR: Partial<Record<SizeFormat, number>> = { json: 5, xlsx: 25, zip: 8 };
/** Below this, nothing is worth checking: the smallest browser budget holds it many times. */
export const ALWAYS_FITS_BYTES = 32 * 1024 * 1024;

const COMMON_DELIMITERS = [',', ';', '\t', '|'] as const;

/** Count the delimiter outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return n;
}

/** Format, columns and row length from the first bytes of a file (say 64 KB); `whole`: they are all of it. */
export function describeHead(head: Uint8Array, fileName = '', whole = false): HeadFacts {
  const lower = fileName.toLowerCase();
  if (head[0] === 0x1f && head[1] === 0x8b) return { format: 'csv-gzip', columns: null, rowBytes: null };
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return { format: 'parquet', columns: null, rowBytes: null };
  if (head[0] === 0x50 && head[1] === 0x4b) return { format: /\.xls[xm]$/.test(lower) ? 'xlsx' : 'zip', columns: null, rowBytes: null };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '[' || first === '{') {
    const ndjson = /\.(ndjson|jsonl)$/.test(lower) || (first === '{' && /}\s*\r?\n\s*{/.test(text));
    return { format: ndjson ? 'ndjson' : 'json', columns: null, rowBytes: null };
  }
  // Complete lines only: the last one may be cut by the head's end.
  const lines = text.split('\n');
  if (!whole) lines.pop();
  const rows = lines.filter((l) => l.trim() !== '');
  if (rows.length === 0) return { format: 'csv', columns: null, rowBytes: null };
  const header = rows[0];
  let delimiter: string = ',';
  let best = -1;
  for (const d of COMMON_DELIMITERS) {
    const n = countOutsideQuotes(header, d);
    if (n > best) [best, delimiter] = [n, d];
  }
  const columns = best > 0 ? best + 1 : 1;
  const data = rows.slice(1);
  const encoder = new TextEncoder();
  const rowBytes = data.length ? data.reduce((s, l) => s + encoder.encode(l).length + 1, 0) / data.length : null;
  return { format: 'csv', columns, rowBytes };
}

/** The browser's limits from the numbers it exposes (any of them may be missing). */
export function browserBudget(limits: { jsHeapSizeLimit?: number | null; deviceMemoryGiB?: number | null; wasmLimitBytes?: number }): MemoryBudget {
  const device = limits.deviceMemoryGiB;
  return {
    engineBytes: limits.wasmLimitBytes ?? WASM_LIMIT_BYTES,
    jsHeapBytes: limits.jsHeapSizeLimit && limits.jsHeapSizeLimit > 0 ? limits.jsHeapSizeLimit : null,
    // navigator.deviceMemory is rounded down and capped at 8: a floor, and a safe one.
    deviceBytes: device && device > 0 ? device * GiB * DEVICE_SHARE : null,
  };
}

/** Memory needed to load `bytes` of a file described by `head`, against `budget`. */
export function estimateLoad(bytes: number, head: HeadFacts, budget: MemoryBudget): SizeEstimate {
  const columns = Math.max(1, head.columns ?? 12);
  // The text the engine reads (or that a Parquet file stands for).
  const textBytes = head.format === 'csv-gzip' ? bytes * GZIP_RATIO : head.format === 'parquet' ? bytes * PARQUET_RATIO : bytes;
  const rowBytes = head.rowBytes && head.rowBytes > 0 ? head.rowBytes : Math.max(8, columns * 8);
  const rows = Math.ceil(textBytes / rowBytes);
  const table = rows * columns * VALUE_BYTES + textBytes * STRING_SHARE;
  const engineBytes = Math.round(table * LOAD_PEAK);
  const jsBytes = Math.round(bytes * (JS_FACTOR[head.format] ?? 0));
  let limitedBy: SizeEstimate['limitedBy'] = null;
  if (engineBytes > budget.engineBytes * HEADROOM) limitedBy = 'engine';
  else if (budget.jsHeapBytes !== null && jsBytes > budget.jsHeapBytes * HEADROOM) limitedBy = 'js-heap';
  else if (budget.deviceBytes !== null && engineBytes + jsBytes > budget.deviceBytes) limitedBy = 'device';
  return { format: head.format, bytes, rows, columns, engineBytes, jsBytes, fits: limitedBy === null, limitedBy };
}

function size(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** What the person reads: the problem, and what to do instead. */
export function describeTooLarge(fileName: string, e: SizeEstimate, budget: MemoryBudget): { problem: string; hint: string } {
  const need = e.engineBytes + e.jsBytes;
  const room =
    e.limitedBy === 'js-heap' && budget.jsHeapBytes !== null
      ? budget.jsHeapBytes * HEADROOM
      : e.limitedBy === 'device' && budget.deviceBytes !== null
        ? budget.deviceBytes
        : budget.engineBytes * HEADROOM;
  const what = e.limitedBy === 'device' ? 'this device can spare for one tab' : 'this browser can give the engine';
  const rows = e.rows >= 1e6 ? `${(e.rows / 1e6).toFixed(1)} million` : e.rows.toLocaleString('en-US');
  const problem = `${fileName} (${size(e.bytes)}, about ${rows} rows × ${e.columns} columns) probably needs about ${size(need)} of memory to load and analyse, more than the ${size(room)} ${what}. Loading it may fail or close the tab.`;
  const hint =
    e.format === 'parquet'
      ? 'Export only the columns you need (customer, date, amount, order, channel…), or a shorter period, then load that file.'
      : 'Export only the columns you need (customer, date, amount, order, channel…) or a shorter period, as Parquet if you can (a smaller file, with its column types).';
  return { problem, hint };
}
