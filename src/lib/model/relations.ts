/**
 * Names of the canonical relations every compiler targets, and of their fixed columns.
 * A loaded table may not use one of these names: the model would overwrite it.
 */

export const ACTIVITY = 'activity';
export const CUSTOMERS = 'customers';
export const CUSTOMER_FEATURES = 'customer_features';
/** One row, one column `as_of` (DATE): the as-of date the features were computed at. */
export const AS_OF_DATE = 'as_of_date';
/** One row per order and per return up to the as-of date (ordersSql.ts). */
export const ORDER_DAYS = 'order_days';

export const MODEL_RELATIONS: readonly string[] = [ACTIVITY, CUSTOMERS, CUSTOMER_FEATURES, AS_OF_DATE, ORDER_DAYS];

export const ACTIVITY_COLUMNS = [
  'customer_id',
  'occurred_at',
  'amount',
  'order_id',
  'channel',
  'event',
  'product',
  'category',
  // The loaded table the row comes from: the exporting system.
  'source',
] as const;

/** Columns of customer_features before the customer attributes, in order. */
export const FEATURE_COLUMNS = [
  'customer_id',
  'first_seen',
  'first_order_at',
  'last_order_at',
  'last_activity_at',
  'orders',
  'revenue',
  'average_order_value',
  'days_since_last_order',
  'tenure_days',
  'channels',
  'channel_count',
  'returns',
  'return_amount',
  'events',
  // RFM scores: NULL until an RFM cell runs and writes them (src/lib/analytics/rfm/traitsSql.ts).
  'rfm_recency',
  'rfm_frequency',
  'rfm_monetary',
  'rfm_score',
  'rfm_segment',
  // Lifetime value: NULL until a lifetime value cell runs (src/ui/state/clvRunner.ts).
  'p_alive',
  'expected_purchases',
  'predicted_clv',
] as const;

/** True when a loaded table's name would collide with a model relation (DuckDB names are case-insensitive). */
export function isModelRelationName(name: string): boolean {
  return MODEL_RELATIONS.includes(name.toLowerCase());
}
