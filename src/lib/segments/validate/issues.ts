/** Collects every problem in one pass, up to a limit, so the builder can mark each rule at once. */
import { LIMITS } from '../limits';
import type { SegmentIssue, SegmentIssueCode } from '../errors';

export class Issues {
  readonly list: SegmentIssue[] = [];
  private dropped = 0;

  add(path: string, code: SegmentIssueCode, message: string, extra: { field?: string; cycle?: readonly string[] } = {}): void {
    if (this.list.length >= LIMITS.issues) {
      this.dropped++;
      return;
    }
    this.list.push({ path, code, message, ...extra });
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  /** The issues, with a last one saying how many more were not listed. */
  result(): SegmentIssue[] {
    if (this.dropped === 0) return this.list;
    return [...this.list, { path: '', code: 'too-large', message: `…and ${this.dropped} more problems not listed.` }];
  }
}
