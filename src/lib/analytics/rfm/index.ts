export { rfmSql, rfmSummarySql, rfmCustomersSql, type RfmQueries, type RfmSelection } from './rfmSql';
export { parseRfmSpec, validateRfmSpec, DEFAULT_RFM_SPEC, type RfmSpec, type RfmSpecInput, type RfmMonetary } from './spec';
export { DEFAULT_RFM_RULES, segmentForScores, uncoveredScores, fmScore, type RfmRule, type ScoreSpan } from './rules';
export { rfmTraitsSql, RFM_TRAITS } from './traitsSql';
