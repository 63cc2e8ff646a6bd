/**
 * Column roles: what a column means in the CRM data model.
 * Activity roles describe one thing a customer did at a time; attribute roles describe the
 * customer. `quantity`, `unit_price` and `discount` only feed the derived amount.
 */

export const ACTIVITY_ROLES = [
  'customer_id',
  'occurred_at',
  'amount',
  'order_id',
  'channel',
  'event',
  'product',
  'category',
  'quantity',
  'unit_price',
  'discount',
] as const;

export const ATTRIBUTE_ROLES = ['first_name', 'last_name', 'email', 'country', 'signup_date', 'attribute'] as const;

export type ActivityRole = (typeof ACTIVITY_ROLES)[number];
export type AttributeRole = (typeof ATTRIBUTE_ROLES)[number];
export type Role = ActivityRole | AttributeRole;

/** Attribute roles with a fixed meaning (and a fixed column name in the customer views). */
export type NamedAttributeRole = Exclude<AttributeRole, 'attribute'>;
export const NAMED_ATTRIBUTE_ROLES: readonly NamedAttributeRole[] = ['first_name', 'last_name', 'email', 'country', 'signup_date'];

/** What a loaded table is in the model. */
export type TableKind = 'activity' | 'customers' | 'ignore';

/** Roles that may be chosen in a table of each kind. */
export function rolesForKind(kind: TableKind): readonly Role[] {
  if (kind === 'activity') return [...ACTIVITY_ROLES, ...ATTRIBUTE_ROLES];
  if (kind === 'customers') return ['customer_id', ...ATTRIBUTE_ROLES];
  return [];
}

/** Every role but `attribute` is held by at most one column per table. */
export function isSingleColumnRole(role: Role): boolean {
  return role !== 'attribute';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ((ACTIVITY_ROLES as readonly string[]).includes(value) || (ATTRIBUTE_ROLES as readonly string[]).includes(value));
}

/** Words for the UI and for messages ("Choose which column holds the customer id"). */
export const ROLE_LABELS: Record<Role, string> = {
  customer_id: 'customer id',
  occurred_at: 'date or time',
  amount: 'amount',
  order_id: 'order id',
  channel: 'channel',
  event: 'event',
  product: 'product',
  category: 'category',
  quantity: 'quantity',
  unit_price: 'unit price',
  discount: 'discount',
  first_name: 'first name',
  last_name: 'last name',
  email: 'email',
  country: 'country',
  signup_date: 'signup date',
  attribute: 'customer attribute',
};
