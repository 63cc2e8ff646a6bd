/** A problem the user can fix (bad input, impossible option), with a hint of what to do. */
export class ClvError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'ClvError';
    this.hint = hint;
  }
}
