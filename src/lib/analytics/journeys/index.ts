export { journeySql, journeyCustomersSql, type JourneyQueries, type JourneyNodeRef } from './journeySql';
export {
  parseJourneySpec,
  validateJourneySpec,
  DEFAULT_JOURNEY_SPEC,
  type JourneySpec,
  type JourneySpecInput,
  type JourneyAnchor,
  type JourneyStepKind,
} from './spec';
export { OTHER_LABEL, END_LABEL, START_LABEL } from './stepsSql';
