/** Problems with a notebook that the analyst can act on, in plain words, with what to do. */

export type NotebookProblem =
  | 'not-json'
  | 'not-a-notebook'
  | 'newer-version'
  | 'invalid'
  | 'bad-name'
  | 'unknown-cell'
  | 'unknown-kind'
  | 'not-found'
  | 'storage'
  | 'link';

const HINTS: Record<NotebookProblem, string> = {
  'not-json': 'Choose a file exported from Arkwright (it ends in .arkwright.json).',
  'not-a-notebook': 'Choose a file exported from Arkwright (it ends in .arkwright.json).',
  'newer-version': 'Reload the page to get the latest version of Arkwright, then open it again.',
  invalid: 'Export the notebook again from the Arkwright that made it, or fix the part named.',
  'bad-name': 'Use lower-case letters, digits and _, starting with a letter or _, and a name no other cell or table has.',
  'unknown-cell': 'The cell may have been deleted; reload the notebook.',
  'unknown-kind': 'This cell kind is not available in this version of Arkwright.',
  'not-found': 'Open it again from the list of notebooks.',
  storage: 'Free some space or allow storage for this site, then try again.',
  link: 'Ask the sender to copy the link again and send it whole.',
};

/** A notebook problem. `path` (e.g. `cells[2].spec.mark`) says where, when it is inside a document. */
export class NotebookError extends Error {
  readonly problem: NotebookProblem;
  readonly path: string;
  readonly detail: string;
  readonly hint: string;
  constructor(problem: NotebookProblem, detail: string, options: { path?: string; hint?: string; cause?: unknown } = {}) {
    const path = options.path ?? '';
    super(path ? `${path}: ${detail}` : detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NotebookError';
    this.problem = problem;
    this.path = path;
    this.detail = detail;
    this.hint = options.hint ?? HINTS[problem];
  }
}

/** The same error, located under `prefix` (a cell's spec error becomes `cells[2].spec.mark: …`). */
export function underPath(e: NotebookError, prefix: string): NotebookError {
  const path = e.path ? (e.path.startsWith('[') ? `${prefix}${e.path}` : `${prefix}.${e.path}`) : prefix;
  return new NotebookError(e.problem, e.detail, { path, hint: e.hint, cause: e.cause });
}

/** Shorthand for a spec or document shape error. */
export function invalid(path: string, detail: string): NotebookError {
  return new NotebookError('invalid', detail, { path });
}
