/**
 * The CRM data model: column roles → canonical views and customer features.
 *
 * Worker order: describe the loaded tables (TableInfo) → run sampleRowsSql per table →
 * detectRoles(tables, samples) → the analyst confirms or edits the mapping (validateModel
 * says what is missing) → run modelSql(model) statements in order → compilers query
 * activity, customers and customer_features.
 */
export * from './roles';
export * from './relations';
export { ModelError } from './errors';
export {
  emptyModel,
  parseDataModel,
  snakeCase,
  columnForRole,
  activityTables,
  customerTables,
  DEFAULT_EVENT,
  type DataModel,
  type TableMapping,
  type ColumnMapping,
  type DiscountKind,
  type DateFormat,
} from './datamodel';
export { detectRoles, type Detection, type TableSuggestion, type RoleSuggestion } from './detect';
export { sampleRowsSql, type TableSamples } from './samples';
export { validateModel, hasErrors, type ModelIssue } from './validate';
export { modelSql, dropModelSql } from './modelSql';
export { createOrderDaysSql } from './orderDaysSql';
export { defaultAsOfSql, isIsoDate } from './asOf';
export { activityBodySql } from './activitySql';
export { customerAttributes, type CustomerAttribute } from './attributes';
export { customerFeatureFields, type FeatureField, type FieldKind } from './fields';
export { nameTokens, compactName, isUnnamed } from './names';
export { tidyChecks, withTidyColumns, untidyColumns, type TidyCheck } from './tidy';
