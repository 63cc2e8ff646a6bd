/**
 * The CRM analysis cells — RFM, cohorts, journeys, lifecycle. Each spec is the analytics
 * library's own spec (src/lib/analytics), parsed by its parser with defaults filled in; the
 * runner (in the UI) compiles it to SQL over the data model's relations.
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

/** The relations every analysis reads: a cell of these kinds is stale when the data model changes. */
export const ANALYSIS_REFERENCES: readonly string[] = ['activity', 'as_of_date', 'customer_features'];

/** The library's parser, its AnalyticsError turned into the notebook's error at the issue's path. */
function parseWith<S>(parse: (input: unknown) => S): (spec: unknown) => S {
  return (spec) => {
    try {
      return parse(spec);
    } catch (e) {
      if (e instanceof AnalyticsError) throw invalid(e.issues[0]?.path ?? '', e.message);
      throw e;
    }
  };
}

function analysisKind<S>(kind: string, label: string, defaults: S, parse: (input: unknown) => S): CellKind<S> {
  return {
    kind,
    label,
    defaultSpec: () => structuredClone(defaults),
    parse: parseWith(parse),
    references: () => [...ANALYSIS_REFERENCES],
  };
}

export type RfmCellSpec = RfmSpec;
export type CohortCellSpec = CohortSpec;
export type JourneyCellSpec = JourneySpec;
export type LifecycleCellSpec = LifecycleSpec;

export const rfmCell: CellKind<RfmCellSpec> = analysisKind('rfm', 'RFM', DEFAULT_RFM_SPEC, parseRfmSpec);
export const cohortCell: CellKind<CohortCellSpec> = analysisKind('cohort', 'Cohorts', DEFAULT_COHORT_SPEC, parseCohortSpec);
export const journeyCell: CellKind<JourneyCellSpec> = analysisKind('journey', 'Journeys', DEFAULT_JOURNEY_SPEC, parseJourneySpec);
export const lifecycleCell: CellKind<LifecycleCellSpec> = analysisKind('lifecycle', 'Lifecycle', DEFAULT_LIFECYCLE_SPEC, parseLifecycleSpec);
