/** The journey spec (version 1): what a step is, where journeys are anchored, and how they are cut. */
import { throwIfIssues, type SpecIssue } from '../errors';
import { SpecFields } from '../fields';

/** A step is the activity's event ("email_click"), its channel ("web"), or both ("web site_visit"). */
export type JourneyStepKind = 'event' | 'channel' | 'channel_event';

/**
 * 'start': the journey begins at the customer's FIRST activity with `event` (any activity when
 * null) and runs forward. 'end': it ends at the customer's LAST activity with `event` (e.g.
 * the last purchase) and the steps before it are shown.
 */
export interface JourneyAnchor {
  readonly at: 'start' | 'end';
  readonly event: string | null;
}

export interface JourneySpec {
  readonly v: 1;
  readonly by: JourneyStepKind;
  readonly anchor: JourneyAnchor;
  /** Steps shown, anchor included. */
  readonly steps: number;
  /** Merge consecutive identical steps (email_open, email_open → email_open). */
  readonly collapseRepeats: boolean;
  /** A silence longer than this many days ends the journey (null: never). */
  readonly gapDays: number | null;
  /** Only these events take part (null: all events). */
  readonly events: readonly string[] | null;
  /** A path (from the anchor to a step) followed by fewer than this share of customers is grouped into "Other". */
  readonly minShare: number;
}

export type JourneySpecInput = Omit<Partial<JourneySpec>, 'anchor'> & { readonly anchor?: Partial<JourneyAnchor> };

export const DEFAULT_JOURNEY_SPEC: JourneySpec = {
  v: 1,
  by: 'event',
  anchor: { at: 'start', event: null },
  steps: 5,
  collapseRepeats: true,
  gapDays: null,
  events: null,
  minShare: 0.01,
};

function readAnchor(f: SpecFields): JourneyAnchor {
  const a = f.child('anchor', 'The anchor');
  if (a === null) return DEFAULT_JOURNEY_SPEC.anchor;
  a.only(['at', 'event']);
  return {
    at: a.choice('at', 'The anchor position', ['start', 'end'], DEFAULT_JOURNEY_SPEC.anchor.at),
    event: a.text('event', 'The anchor event', null),
  };
}

function readJourneySpec(input: unknown, issues: SpecIssue[]): JourneySpec {
  const f = SpecFields.root(input, issues, 'journey');
  f.only(['v', 'by', 'anchor', 'steps', 'collapseRepeats', 'gapDays', 'events', 'minShare']);
  const d = DEFAULT_JOURNEY_SPEC;
  const spec: JourneySpec = {
    v: f.version(),
    by: f.choice('by', 'The step', ['event', 'channel', 'channel_event'], d.by),
    anchor: readAnchor(f),
    steps: f.integer('steps', { label: 'The number of steps', min: 1, max: 12 }, d.steps),
    collapseRepeats: f.boolean('collapseRepeats', 'Collapse repeats', d.collapseRepeats),
    gapDays: f.nullableNumber('gapDays', { label: 'The inactivity gap (days)', min: 0.000_1, max: 36_500 }, d.gapDays),
    events: f.texts('events', 'The events'),
    minShare: f.nullableNumber('minShare', { label: 'The share below which paths are grouped into Other', min: 0, max: 1 }, d.minShare, false) ?? d.minShare,
  };
  if (spec.events !== null && spec.anchor.event !== null && !spec.events.includes(spec.anchor.event)) {
    f.problem('anchor.event', `The anchor event "${spec.anchor.event}" is not among the events taken into account; add it to them.`);
  }
  return spec;
}

export function validateJourneySpec(input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  readJourneySpec(input, issues);
  return issues;
}

export function parseJourneySpec(input: unknown): JourneySpec {
  const issues: SpecIssue[] = [];
  const spec = readJourneySpec(input, issues);
  throwIfIssues(issues, 'journey');
  return spec;
}
