/** A chart spec that cannot be drawn from this source, in words the analyst can act on. */

export type ChartSpecErrorCode =
  | 'bad-shape'
  | 'missing-source'
  | 'missing-field'
  | 'unknown-field'
  | 'wrong-type'
  | 'bad-bin'
  | 'bad-aggregate'
  | 'not-supported';

export class ChartSpecError extends Error {
  readonly code: ChartSpecErrorCode;
  readonly hint: string;
  /** The spec field at fault ('x', 'y', 'color', 'source', 'mark'). */
  readonly path: string;
  constructor(code: ChartSpecErrorCode, path: string, message: string, hint: string) {
    super(message);
    this.name = 'ChartSpecError';
    this.code = code;
    this.path = path;
    this.hint = hint;
  }
}
