/** The RFM spec (version 1): what is scored, over which window, and the segment rules. */
import { throwIfIssues, type SpecIssue } from '../errors';
import { SpecFields } from '../fields';
import { DEFAULT_RFM_RULES, SCORE_FIELDS, uncoveredScores, type RfmRule, type ScoreSpan } from './rules';

export type RfmMonetary = 'total' | 'average';

export interface RfmSpec {
  readonly v: 1;
  /** Days of activity scored, ending with the as-of date; null scores all history. */
  readonly windowDays: number | null;
  /** Monetary value: net revenue in the window ('total') or per order ('average'). */
  readonly monetary: RfmMonetary;
  /** Segment rules, first match wins; must cover every score combination. */
  readonly segments: readonly RfmRule[];
}

export type RfmSpecInput = Partial<RfmSpec>;

export const DEFAULT_RFM_SPEC: RfmSpec = { v: 1, windowDays: null, monetary: 'total', segments: DEFAULT_RFM_RULES };

const SCORE = { min: 1, max: 5 };
const SCORE_LABELS: Record<(typeof SCORE_FIELDS)[number], string> = {
  r: 'The recency score range',
  f: 'The frequency score range',
  m: 'The monetary score range',
  fm: 'The FM score range',
};

function readRules(fields: SpecFields, issues: SpecIssue[]): readonly RfmRule[] {
  const items = fields.children('segments', 'The segment rules');
  if (items === null) return DEFAULT_RFM_RULES;
  if (items.length === 0) fields.problem('segments', 'Add at least one segment rule.');
  const rules = items.map((item): RfmRule => {
    item.only(['name', ...SCORE_FIELDS]);
    const name = item.text('name', 'A segment name', null, false) ?? '';
    const spans: Partial<Record<(typeof SCORE_FIELDS)[number], ScoreSpan>> = {};
    for (const k of SCORE_FIELDS) {
      const span = item.span(k, { label: SCORE_LABELS[k], ...SCORE });
      if (span) spans[k] = span;
    }
    return { name, ...spans };
  });
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.name !== '' && seen.has(rule.name)) issues.push({ path: `segments[${i}].name`, message: `Two segments are named "${rule.name}"; give each a different name.` });
    seen.add(rule.name);
  });
  const missed = uncoveredScores(rules);
  if (rules.length > 0 && missed.length > 0) {
    const shown = missed.slice(0, 3).map(([r, f, m]) => `R ${r} F ${f} M ${m}`).join('; ');
    const more = missed.length > 3 ? ` and ${missed.length - 3} more` : '';
    fields.problem('segments', `Customers with scores ${shown}${more} fall in no segment: add a rule for them or widen one (a rule with no ranges catches the rest).`);
  }
  return rules;
}

/** Every problem with an RFM spec, with paths; empty when it compiles. */
export function validateRfmSpec(input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  readRfmSpec(input, issues);
  return issues;
}

/** The spec with defaults filled in; throws AnalyticsError when it has issues. */
export function parseRfmSpec(input: unknown): RfmSpec {
  const issues: SpecIssue[] = [];
  const spec = readRfmSpec(input, issues);
  throwIfIssues(issues, 'RFM');
  return spec;
}

function readRfmSpec(input: unknown, issues: SpecIssue[]): RfmSpec {
  const f = SpecFields.root(input, issues, 'RFM');
  f.only(['v', 'windowDays', 'monetary', 'segments']);
  return {
    v: f.version(),
    windowDays: f.nullableInteger('windowDays', { label: 'The scoring window (days)', min: 1, max: 36_500 }, DEFAULT_RFM_SPEC.windowDays),
    monetary: f.choice('monetary', 'The monetary value', ['total', 'average'], DEFAULT_RFM_SPEC.monetary),
    segments: readRules(f, issues),
  };
}
