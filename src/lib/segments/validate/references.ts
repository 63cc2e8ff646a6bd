/**
 * Saved segments referred to by name: looked up once each, validated against the same
 * fields, and checked for cycles ("A contains B contains A") with the loop named.
 */
import type { ValidSegment } from '../ast';
import type { SegmentIssue } from '../errors';
import type { Environment, Resolver } from './context';
import type { Issues } from './issues';
import { show } from './json';

/** Where saved segments come from: a map of name → document, or a function. */
export type SegmentLookup = ReadonlyMap<string, unknown> | ((name: string) => unknown);

export type ReadDocument = (json: unknown, env: Environment, stack: readonly string[]) => { segment?: ValidSegment; issues: SegmentIssue[] };

type Outcome = { segment: ValidSegment } | { issue: Omit<SegmentIssue, 'path'> };

export class SavedSegments implements Resolver {
  private readonly seen = new Map<string, Outcome>();
  private env: Environment | undefined;

  constructor(
    private readonly lookup: SegmentLookup | undefined,
    private readonly readDocument: ReadDocument,
  ) {}

  bind(env: Environment): void {
    this.env = env;
  }

  resolve(name: string, path: string, issues: Issues, stack: readonly string[]): ValidSegment | undefined {
    const outcome = this.outcome(name, stack);
    if ('segment' in outcome) return outcome.segment;
    issues.add(path, outcome.issue.code, outcome.issue.message, { field: outcome.issue.field, cycle: outcome.issue.cycle });
    return undefined;
  }

  private outcome(name: string, stack: readonly string[]): Outcome {
    const at = stack.indexOf(name);
    if (at >= 0) {
      const cycle = [...stack.slice(at), name];
      return { issue: { code: 'segment-cycle', message: `Segment ${show(name)} contains itself: ${cycle.map((n) => show(n)).join(' → ')}.`, cycle } };
    }
    const known = this.seen.get(name);
    if (known) return known;
    const outcome = this.fresh(name, stack);
    this.seen.set(name, outcome);
    return outcome;
  }

  private fresh(name: string, stack: readonly string[]): Outcome {
    const json = typeof this.lookup === 'function' ? this.lookup(name) : this.lookup?.get(name);
    if (json === undefined || json === null || !this.env) {
      return { issue: { code: 'unknown-segment', message: `There is no saved segment named ${show(name)}.` } };
    }
    const { segment, issues } = this.readDocument(json, this.env, [...stack, name]);
    if (segment) return { segment };
    const first = issues[0];
    // A loop found deeper down is still a loop: keep its code and names for the message.
    if (first?.code === 'segment-cycle') return { issue: { code: first.code, message: first.message, cycle: first.cycle } };
    const where = first?.path ? ` at ${first.path}` : '';
    return { issue: { code: 'invalid-segment', message: `The saved segment ${show(name)} cannot be used: ${first?.message ?? 'it is not valid'}${where ? ` (${where.trim()})` : ''}` } };
  }
}
