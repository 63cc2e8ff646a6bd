/**
 * The columns of customer_features as the segment builder and pickers see them:
 * name, kind of value and a plain label. Attributes follow the computed features.
 */
import { typeFamily, type TypeFamily } from '../engine/schema';
import type { DataModel } from './datamodel';
import { customerAttributes } from './attributes';
import { ROLE_LABELS } from './roles';

export type FieldKind = TypeFamily | 'list';

export interface FeatureField {
  name: string;
  kind: FieldKind;
  label: string;
  /** True for features the model computes; false for attributes taken from the data. */
  computed: boolean;
}

const COMPUTED: readonly (readonly [string, FieldKind, string])[] = [
  ['customer_id', 'text', 'Customer id'],
  ['first_seen', 'timestamp', 'First seen'],
  ['first_order_at', 'timestamp', 'First order'],
  ['last_order_at', 'timestamp', 'Last order'],
  ['last_activity_at', 'timestamp', 'Last activity'],
  ['orders', 'integer', 'Orders'],
  ['revenue', 'number', 'Revenue (net of returns)'],
  ['average_order_value', 'number', 'Average order value'],
  ['days_since_last_order', 'integer', 'Days since last order'],
  ['tenure_days', 'integer', 'Days since first seen'],
  ['channels', 'list', 'Channels used'],
  ['channel_count', 'integer', 'Number of channels'],
  ['returns', 'integer', 'Returns'],
  ['return_amount', 'number', 'Amount returned'],
  ['events', 'integer', 'Activities'],
  ['rfm_recency', 'integer', 'RFM recency score (1–5)'],
  ['rfm_frequency', 'integer', 'RFM frequency score (1–5)'],
  ['rfm_monetary', 'integer', 'RFM monetary score (1–5)'],
  ['rfm_score', 'integer', 'RFM score (R F M digits, e.g. 545)'],
  ['rfm_segment', 'text', 'RFM segment'],
  ['p_alive', 'number', 'P(alive) (0–1)'],
  ['expected_purchases', 'number', 'Expected purchases'],
  ['predicted_clv', 'number', 'Predicted CLV'],
];

export function customerFeatureFields(model: DataModel): FeatureField[] {
  const computed = COMPUTED.map(([name, kind, label]) => ({ name, kind, label, computed: true }));
  const attributes = customerAttributes(model).map((a): FeatureField => {
    const kind: FieldKind = a.role === 'signup_date' ? 'date' : a.role === 'attribute' ? typeFamily(a.sources[0].column.type) : 'text';
    const label = a.role === 'attribute' ? a.sources[0].column.column : capitalise(ROLE_LABELS[a.role]);
    return { name: a.name, kind, label, computed: false };
  });
  return [...computed, ...attributes];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
