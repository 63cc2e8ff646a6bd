/** Problems with an identity-stitching spec that the analyst can fix, in plain words. */

export type IdentityIssueCode =
  | 'bad-version'
  | 'bad-shape'
  | 'unknown-key'
  | 'no-sources'
  | 'duplicate-source'
  | 'unknown-table'
  | 'unknown-column'
  | 'no-identifiers'
  | 'bad-type'
  | 'bad-value';

/** One thing wrong: where (a path such as `sources[1].identifiers[0].type`) and what, in words. */
export interface IdentityIssue {
  readonly path: string;
  readonly message: string;
  readonly code: IdentityIssueCode;
}

/** A stitching spec that cannot be compiled, with every issue found and what to do. */
export class IdentityError extends Error {
  readonly hint: string;
  readonly issues: readonly IdentityIssue[];
  constructor(issues: readonly IdentityIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${first.path ? `${first.path}: ` : ''}${first.message}${more}` : 'The identity settings are not valid.');
    this.name = 'IdentityError';
    this.issues = issues;
    this.hint = hintFor(first?.code);
  }
}

function hintFor(code: IdentityIssueCode | undefined): string {
  switch (code) {
    case 'no-sources':
      return 'Add at least one loaded table and choose the columns that identify a person in it.';
    case 'no-identifiers':
      return 'Choose at least one column (email, phone, loyalty card, customer id…) that identifies a person in this table, or remove the table.';
    case 'unknown-table':
    case 'unknown-column':
      return 'Load the table again or choose another column, then stitch again.';
    case 'bad-version':
      return 'Update Arkwright (reload the page) and open the settings again.';
    default:
      return 'Fix the highlighted setting and stitch again.';
  }
}
