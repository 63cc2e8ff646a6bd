/**
 * Segments: the segment document (spec.ts), its validation against the loaded data's fields,
 * the compiler to SQL over the canonical relations (DuckDB or PostgreSQL), live counts, and
 * share links.
 *
 *   const v = validateSegment(json, customerFeatureFields(model), { segments: saved });
 *   const { sql } = compileSegment(json, { fields, dialect: 'duckdb', segments: saved });
 *   const link = await encodeSegmentLink(json);      // '#segment=1.…'
 *   const json2 = await decodeSegmentLink(location.hash);
 */
export * from './spec';
export type * from './ast';
export { SegmentError, ShareLinkError, type SegmentIssue, type SegmentIssueCode, type ShareLinkProblem } from './errors';
export { ACTIVITY_FILTER_FIELDS, familyOf, type SegmentField, type SegmentFieldKind } from './fields';
export { LIMITS } from './limits';
export { OPERATORS, OPERATOR_LABELS, valueShape, type ValueShape } from './operators';
export { validateSegment, type SegmentValidation, type ValidateOptions } from './validate/segment';
export type { SegmentLookup } from './validate/references';
export { compileSegment, compileValidSegment, ruleSubqueries, type CompileOptions, type CompiledSegment } from './compile/segment';
export { ruleKey } from './compile/activity';
export { type DialectName } from './compile/dialect';
export { compileRuleCounts, readRuleCounts, formatSegmentSize, type RuleCountsQuery, type RuleCountColumn, type SegmentCounts } from './compile/counts';
export { renameSegmentFields } from './rename';
export { encodeSegmentLink, decodeSegmentLink, openSegmentLink, SEGMENT_LINK_FORMAT } from './link/segmentLink';
export { encodeNotebookLink, decodeNotebookLink, NOTEBOOK_LINK_FORMAT } from './link/notebookLink';
export { encodeShareLink, decodeShareLink, shareLinkKind, type ShareKind } from './link/shareLink';
export {
  compareSegmentsSql,
  readSegmentComparison,
  segmentAov,
  repeatRate,
  retentionRate,
  COMPARE_MIN,
  COMPARE_MAX,
  RETENTION_DAYS,
  type SegmentComparison,
  type SegmentComparisonQuery,
  type SegmentStats,
} from './compare';
export { suggestFieldMapping, type FieldMatch } from './fieldMapping';
