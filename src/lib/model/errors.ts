/** A problem with the data model that the analyst can fix, with what to do about it. */
export class ModelError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'ModelError';
    this.hint = hint;
  }
}
