/**
 * CRM analyses as specs compiled to SQL: RFM segments, acquisition cohorts, customer
 * journeys and the lifecycle flow. Each takes a versioned JSON spec (validated, defaults
 * filled) and returns DuckDB SQL over the data model's canonical relations — activity,
 * customer_features, as_of_date — that runs unchanged in DuckDB-WASM and native DuckDB.
 * Everything is relative to the as-of date; activity after it is left out.
 */
export * from './rfm';
export * from './cohorts';
export * from './journeys';
export * from './lifecycle';
export { AnalyticsError, type SpecIssue } from './errors';
export { PERIOD_UNITS, type PeriodUnit } from './periods';
export type { AnalyticsOptions } from './scope';
