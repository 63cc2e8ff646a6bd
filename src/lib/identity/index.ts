/**
 * Identity stitching: records of people from several exports (web shop, store tills, email
 * platform, service desk) linked into persons by shared identifiers, in the engine.
 *
 * Worker order: suggestIdentitySpec(tables, samples) → the analyst confirms or edits the spec
 * (validateIdentitySpec says what is wrong, path by path) → runStitch(spec, run) → run
 * identityReportSql() and readIdentityReport(rows) → the data model reads identity_map /
 * identity_records (docs/identity.md). Undo a rule by switching its type off
 * (options.disabledTypes) or keeping an over-shared value (options.keep), and run again.
 */
export * from './spec';
export * from './relations';
export { IdentityError, type IdentityIssue, type IdentityIssueCode } from './errors';
export { stitchPlan, dropIdentitySql, type StitchPlan } from './stitchSql';
export { runStitch, StitchAbortedError, type RunSql, type StitchOptions, type StitchProgress, type StitchRun } from './run';
export { normalisedSql, statusSql, phoneSql, VALUE_STATUSES, type ValueStatus } from './normalise';
export { PLACEHOLDER_VALUES, PLACEHOLDER_EMAILS, PLACEHOLDER_EMAIL_DOMAINS, PLACEHOLDER_EMAIL_LOCAL_PARTS } from './placeholders';
export { identityReportSql, type IdentityReportOptions, type IdentityReportQueries, type IdentityReportPart } from './reportSql';
export {
  readIdentityReport,
  identityReport,
  type IdentityReport,
  type IdentityReportRows,
  type SourceSummary,
  type TypeSummary,
  type Cluster,
  type Conflict,
  type SplitIdentifier,
  type ExcludedIdentifier,
} from './report';
export { suggestIdentifiers, suggestIdentitySpec, type IdentifierSuggestion, type SourceSuggestion } from './suggest';
