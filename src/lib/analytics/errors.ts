/** Problems with an analysis spec that the analyst can fix. */

/** One thing wrong with a spec: where (a dotted path such as `segments[2].r`) and what, in words. */
export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}

/** A spec that cannot be compiled, with every issue found and a hint of what to do. */
export class AnalyticsError extends Error {
  readonly hint: string;
  readonly issues: readonly SpecIssue[];
  constructor(message: string, hint: string, issues: readonly SpecIssue[] = []) {
    super(message);
    this.name = 'AnalyticsError';
    this.hint = hint;
    this.issues = issues;
  }
}

/** Throws an AnalyticsError naming the first issue (all of them travel with the error). */
export function throwIfIssues(issues: readonly SpecIssue[], what: string): void {
  if (issues.length === 0) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AnalyticsError(`${issues[0].message}${more}`, `Fix the ${what} settings and run it again.`, issues);
}
