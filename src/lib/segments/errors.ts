/** Problems with a segment or a share link that the analyst can act on, in plain words. */

export type SegmentIssueCode =
  | 'newer-version'
  | 'bad-version'
  | 'bad-shape'
  | 'unknown-key'
  | 'unknown-field'
  | 'unsupported-field'
  | 'wrong-operator'
  | 'bad-value'
  | 'too-deep'
  | 'too-large'
  | 'unknown-segment'
  | 'segment-cycle'
  | 'invalid-segment';

/** One thing wrong: where (a path such as `match.all[2].value`) and what, in words. */
export interface SegmentIssue {
  readonly path: string;
  readonly message: string;
  readonly code: SegmentIssueCode;
  /** For unknown-field: the name the data lacks, so the builder can offer to map it. */
  readonly field?: string;
  /** For segment-cycle: the names around the loop, first name repeated at the end. */
  readonly cycle?: readonly string[];
}

/** A segment that cannot be compiled, with every issue found and what to do. */
export class SegmentError extends Error {
  readonly hint: string;
  readonly issues: readonly SegmentIssue[];
  constructor(issues: readonly SegmentIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${first.path ? `${first.path}: ` : ''}${first.message}${more}` : 'The segment is not valid.');
    this.name = 'SegmentError';
    this.issues = issues;
    this.hint = hintFor(first?.code);
  }
}

function hintFor(code: SegmentIssueCode | undefined): string {
  switch (code) {
    case 'newer-version':
      return 'Update Arkwright (reload the page) and open the segment again.';
    case 'unknown-field':
      return 'Map a column to this field, or remove the rule that uses it.';
    case 'unknown-segment':
      return 'Save the segment it refers to, or remove that rule.';
    case 'segment-cycle':
      return 'Remove one of the references so that no segment contains itself.';
    case 'too-deep':
    case 'too-large':
      return 'Simplify the segment: fewer rules or fewer nested groups.';
    default:
      return 'Fix the highlighted rule and try again.';
  }
}

export type ShareLinkProblem = 'not-a-link' | 'newer-version' | 'corrupted' | 'truncated' | 'too-large';

/** A share link that cannot be opened. */
export class ShareLinkError extends Error {
  readonly problem: ShareLinkProblem;
  readonly hint: string;
  constructor(problem: ShareLinkProblem, message: string, hint: string) {
    super(message);
    this.name = 'ShareLinkError';
    this.problem = problem;
    this.hint = hint;
  }
}
