import type { EngineErrorInfo } from './api';

/** Main-thread form of an engine failure, with the plain message and the hint kept. */
export class EngineError extends Error {
  readonly kind: EngineErrorInfo['kind'];
  readonly file?: string;
  readonly hint?: string;
  readonly at?: { line: number; column: number };
  constructor(info: EngineErrorInfo) {
    super(info.message);
    this.name = 'EngineError';
    this.kind = info.kind;
    this.file = info.file;
    this.hint = info.hint;
    this.at = info.at;
  }
}

export function isEngineErrorInfo(v: unknown): v is EngineErrorInfo {
  return typeof v === 'object' && v !== null && 'kind' in v && 'message' in v && typeof (v as { message: unknown }).message === 'string';
}

/** Anything thrown across the worker boundary, as an EngineError. */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (isEngineErrorInfo(e)) return new EngineError(e);
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError({ kind: 'engine', message });
}

/**
 * DuckDB's own messages, made plain. The original text is kept after the explanation so
 * an analyst who knows SQL still sees exactly what the engine said.
 */
export function describeQueryError(e: unknown): EngineErrorInfo {
  const raw = e instanceof Error ? e.message : String(e);
  if (/https?:\/\/|s3:\/\/|httpfs|extensions\.duckdb\.org/i.test(raw) || /Extension .* not found|autoload/i.test(raw)) {
    return {
      kind: 'query',
      message: `Arkwright never reaches the network, so this query cannot read from another site. (${firstLine(raw)})`,
      hint: 'Download the file and drop it onto the page instead; it is read in place without leaving your computer.',
    };
  }
  if (/INTERRUPT|cancel/i.test(raw)) return { kind: 'cancelled', message: 'The query was cancelled.' };
  return { kind: 'query', message: firstLine(raw), hint: hintFor(raw), at: errorPosition(raw) };
}

/**
 * DuckDB marks where it stopped with two lines: "LINE 3: <text of that line>" and a caret
 * under the offending character. Long lines are shortened with "..." at the start.
 */
export function errorPosition(raw: string): { line: number; column: number } | undefined {
  const m = /LINE (\d+): (\.\.\.)?(.*)\n( *)\^/.exec(raw);
  if (!m) return undefined;
  const prefix = `LINE ${m[1]}: `.length + (m[2] ? 3 : 0);
  return { line: Number(m[1]), column: Math.max(1, m[4].length - prefix + 1) };
}

/** The 0-based offset in `text` of a 1-based line and column. */
export function offsetOf(text: string, at: { line: number; column: number }): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(at.line - 1, lines.length); i++) offset += lines[i].length + 1;
  return Math.min(text.length, offset + at.column - 1);
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '') ?? s;
}

function hintFor(raw: string): string | undefined {
  if (/Catalog Error: Table with name/i.test(raw)) return 'Check the table name in the list of tables on the left.';
  if (/Referenced column|not found in FROM clause/i.test(raw)) return 'Check the column name; names with spaces or capitals need double quotes.';
  if (/Parser Error/i.test(raw)) return 'Check the SQL syntax near the position shown.';
  if (/Out of Memory/i.test(raw)) return 'The browser ran out of memory: try a smaller file, fewer columns, or Parquet.';
  return undefined;
}
