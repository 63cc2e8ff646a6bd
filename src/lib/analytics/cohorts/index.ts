export { cohortSql } from './cohortSql';
export {
  parseCohortSpec,
  validateCohortSpec,
  DEFAULT_COHORT_SPEC,
  type CohortSpec,
  type CohortSpecInput,
  type CohortAnchor,
  type CohortBreakdown,
  type CohortMetric,
  type CohortMode,
} from './spec';
