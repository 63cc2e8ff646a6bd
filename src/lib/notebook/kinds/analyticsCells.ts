/**
 * The CRM analysis cells — RFM, cohorts, journeys, lifecycle. Each spec is the analytics
 * library's own spec (src/lib/analytics), parsed by its parser with defaults filled in, plus
 * `segment`: the name of a saved segment the analysis is narrowed to, or null for all
 * customers. The runner (in the UI) compiles it to SQL over the data model's relations.
 */
import {
  AnalyticsError,
  DEFAULT_COHORT_SPEC,
  DEFAULT_JOURNEY_SPEC,
  DEFAULT_LIFECYCLE_SPEC,
  DEFAULT_RFM_SPEC,
  parseCohortSpec,
  parseJourneySpec,
  parseLifecycleSpec,
  parseRfmSpec,
  type CohortSpec,
  type JourneySpec,
  type LifecycleSpec,
  type RfmSpec,
} from '../../analytics';
import { invalid } from '../errors';
import type { CellKind } from '../registry';
import { isObject, segmentFilterAt } from './shape';

/** The relations every analysis reads: a cell of these kinds is stale when the data model changes. */
export const ANALYSIS_REFERENCES: readonly string[] = ['activity', 'as_of_date', 'customer_features', 'order_days'];

/** What every analysis cell adds to its library spec. */
export interface SegmentFilter {
  /** Name of a saved segment whose customers alone are analysed; null for all customers. */
  readonly segment: string | null;
}

/**
 * A stored spec split into the saved segment's name and the library's part (everything
 * else). Throws NotebookError at `segment` when it is not a name.
 */
export function splitSegment(spec: unknown): { segment: string | null; analysis: unknown } {
  if (!isObject(spec)) return { segment: null, analysis: spec };
  const { segment: _ignored, ...analysis } = spec;
  return { segment: segmentFilterAt(spec, ''), analysis };
}

/** The library's parser, its AnalyticsError turned into the notebook's error at the issue's path. */
function parseWith<S>(parse: (input: unknown) => S): (spec: unknown) => S & SegmentFilter {
  return (spec) => {
    const { segment, analysis } = splitSegment(spec);
    try {
      return { ...parse(analysis), segment };
    } catch (e) {
      if (e instanceof AnalyticsError) throw invalid(e.issues[0]?.path ?? '', e.message);
      throw e;
    }
  };
}

function analysisKind<S>(kind: string, label: string, defaults: S, parse: (input: unknown) => S): CellKind<S & SegmentFilter> {
  return {
    kind,
    label,
    defaultSpec: () => ({ ...structuredClone(defaults), segment: null }),
    parse: parseWith(parse),
    // The saved segment answers to its name (see dependencies.ts): a change to it makes this cell stale.
    references: (spec) => [...ANALYSIS_REFERENCES, ...(spec.segment === null ? [] : [spec.segment.toLowerCase()])],
  };
}

export type RfmCellSpec = RfmSpec & SegmentFilter;
export type CohortCellSpec = CohortSpec & SegmentFilter;
export type JourneyCellSpec = JourneySpec & SegmentFilter;
export type LifecycleCellSpec = LifecycleSpec & SegmentFilter;

export const rfmCell: CellKind<RfmCellSpec> = analysisKind('rfm', 'RFM', DEFAULT_RFM_SPEC, parseRfmSpec);
export const cohortCell: CellKind<CohortCellSpec> = analysisKind('cohort', 'Cohorts', DEFAULT_COHORT_SPEC, parseCohortSpec);
export const journeyCell: CellKind<JourneyCellSpec> = analysisKind('journey', 'Journeys', DEFAULT_JOURNEY_SPEC, parseJourneySpec);
export const lifecycleCell: CellKind<LifecycleCellSpec> = analysisKind('lifecycle', 'Lifecycle', DEFAULT_LIFECYCLE_SPEC, parseLifecycleSpec);
