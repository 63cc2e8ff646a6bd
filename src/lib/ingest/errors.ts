/**
 * Every problem a user can cause while loading a file becomes an IngestError:
 * which file, what is wrong with it, and what to try.
 */

export type IngestProblemCode =
  | 'empty'
  | 'binary'
  | 'truncated'
  | 'unsupported'
  | 'no-rows'
  | 'encoding'
  | 'malformed'
  | 'ragged'
  | 'too-large'
  | 'engine';

export class IngestError extends Error {
  readonly file: string;
  readonly problem: string;
  readonly hint: string;
  readonly code: IngestProblemCode;

  constructor(file: string, code: IngestProblemCode, problem: string, hint: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem} ${hint}`, options);
    this.name = 'IngestError';
    this.file = file;
    this.code = code;
    this.problem = problem;
    this.hint = hint;
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}

/** The "CSV Error on Line: N" number DuckDB reports, if any. */
function lineOf(text: string): string | null {
  const m = /on Line:\s*(\d+)/i.exec(text);
  return m ? m[1] : null;
}

function atLine(text: string): string {
  const line = lineOf(text);
  return line ? ` (line ${line})` : '';
}

/**
 * Turn a DuckDB error raised while reading a file into an IngestError with a plain
 * message. DuckDB's texts are long and aimed at SQL users ("set strict_mode=false");
 * the hint here says what an analyst can do with the file instead.
 */
export function describeEngineError(file: string, err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  const text = messageOf(err);
  const cause = { cause: err };

  if (/Invalid unicode|not utf-8 encoded|byte sequence mismatch/i.test(text)) {
    return new IngestError(
      file,
      'encoding',
      `The file is not valid UTF-8 text${atLine(text)}.`,
      'Re-export it as "CSV UTF-8" (Excel: Save As → CSV UTF-8), or save it from a text editor with UTF-8 encoding.',
      cause,
    );
  }
  if (/Error when sniffing file|not possible to automatically detect the CSV/i.test(text)) {
    return new IngestError(
      file,
      'malformed',
      'The columns could not be recognised: no consistent separator (comma, semicolon, tab or pipe) was found.',
      'Check that it is a delimited text export; open it in a text editor to see how values are separated, or re-export it as CSV.',
      cause,
    );
  }
  const cols = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(text);
  if (cols) {
    return new IngestError(
      file,
      'ragged',
      `A row has ${cols[2]} values where ${cols[1]} were expected${atLine(text)}.`,
      'Some rows have more or fewer separators than the header, often because of an unquoted separator inside a value. Re-export with quoted text fields, or fix that row.',
      cause,
    );
  }
  if (/Maximum line size|max_line_size/i.test(text)) {
    return new IngestError(
      file,
      'too-large',
      `A single row is larger than the reader accepts${atLine(text)}.`,
      'This usually means a quote is never closed, so the rest of the file reads as one value. Check quoting around that row, or re-export the file.',
      cause,
    );
  }
  const conv = /Could not convert string "([^"]*)" to '([^']+)'/i.exec(text);
  if (conv) {
    const column = /converting column "([^"]+)"/i.exec(text)?.[1];
    return new IngestError(
      file,
      'malformed',
      `The value "${conv[1]}"${column ? ` in column "${column}"` : ''} is not a valid ${conv[2].toLowerCase()}${atLine(text)}.`,
      'That column looked numeric or date-like in the first rows. Load it again to read the whole column as text, or fix the value in the source.',
      cause,
    );
  }
  if (/No files found that match|No such file|Cannot open file/i.test(text)) {
    return new IngestError(
      file,
      'engine',
      'The file could not be opened by the engine.',
      'Drop the file onto the page again; only files you choose from this computer can be read.',
      cause,
    );
  }
  if (/unterminated quote|quote.*never closed|Value with unterminated quote/i.test(text)) {
    return new IngestError(
      file,
      'malformed',
      `A quoted value is never closed${atLine(text)}.`,
      'Check the quotes around that row, or re-export the file with standard CSV quoting.',
      cause,
    );
  }
  const first = text.split('\n')[0].trim();
  return new IngestError(
    file,
    'engine',
    `The file could not be read: ${first || 'unknown error'}.`,
    'Check that the file opens in a spreadsheet program, then re-export it as CSV (UTF-8) or Excel and try again.',
    cause,
  );
}
