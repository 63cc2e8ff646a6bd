/**
 * CSV of the three tables: header row, comma delimiter, '\n' line ends, timestamps
 * 'YYYY-MM-DD HH:MM:SS', dates 'YYYY-MM-DD', money with '.' and two decimals, UTF-8. No value
 * contains a comma, a quote or a line break (catalogue and name lists are chosen so), hence
 * no quoting.
 */
import { TWO_DIGITS, type TimestampFormatter } from './time';
import type { ByteWriter } from './bytes';
import type { SimulatedCustomer } from './customer';

export const CSV_HEADERS = {
  customers: 'customer_id,first_name,last_name,email,signup_date,signup_channel,country,loyalty_tier',
  orderLines: 'order_id,customer_id,ordered_at,channel,product,category,quantity,unit_price,discount',
  events: 'customer_id,occurred_at,event,channel',
} as const;

export type TableName = keyof typeof CSV_HEADERS;

/** DuckDB types of each table's columns, in order: what a CSV reader should detect. */
export const COLUMN_TYPES: Readonly<Record<TableName, Readonly<Record<string, string>>>> = {
  customers: {
    customer_id: 'VARCHAR', first_name: 'VARCHAR', last_name: 'VARCHAR', email: 'VARCHAR',
    signup_date: 'DATE', signup_channel: 'VARCHAR', country: 'VARCHAR', loyalty_tier: 'VARCHAR',
  },
  orderLines: {
    order_id: 'VARCHAR', customer_id: 'VARCHAR', ordered_at: 'TIMESTAMP', channel: 'VARCHAR', product: 'VARCHAR',
    category: 'VARCHAR', quantity: 'INTEGER', unit_price: 'DOUBLE', discount: 'DOUBLE',
  },
  events: { customer_id: 'VARCHAR', occurred_at: 'TIMESTAMP', event: 'VARCHAR', channel: 'VARCHAR' },
};

/** File names of the tables (CLI output, registration in the engine). */
export const TABLE_FILES: Readonly<Record<TableName, string>> = {
  customers: 'customers.csv',
  orderLines: 'order_lines.csv',
  events: 'events.csv',
};

/** Cents as a decimal amount: 1234 → "12.34", -5 → "-0.05". */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  return `${cents < 0 ? '-' : ''}${units}.${TWO_DIGITS[abs - units * 100]}`;
}

const ORDER_DIGITS = 8;

/** Purchase O00000123; its return R00000123. */
export function orderId(kind: 'purchase' | 'return', orderNumber: number): string {
  return `${kind === 'purchase' ? 'O' : 'R'}${String(orderNumber).padStart(ORDER_DIGITS, '0')}`;
}

export function writeHeader(w: ByteWriter, table: TableName): void {
  w.ascii(CSV_HEADERS[table]).newline();
}

export function writeCustomer(w: ByteWriter, c: SimulatedCustomer, fmt: TimestampFormatter): void {
  w.ascii(c.id).comma().token(c.firstName).comma().token(c.lastName).comma().ascii(c.email).comma();
  w.date(fmt, c.signupDay).comma().token(c.signupChannel).comma().token(c.country).comma().token(c.loyaltyTier).newline();
}

export function writeOrderLines(w: ByteWriter, c: SimulatedCustomer, fmt: TimestampFormatter): void {
  for (const o of c.orders) {
    for (const l of o.lines) {
      w.ascii(o.kind === 'purchase' ? 'O' : 'R').uint(o.number, ORDER_DIGITS).comma().ascii(c.id).comma();
      w.timestamp(fmt, o.at).comma().token(o.channel).comma().token(l.product.name).comma().token(l.product.category).comma();
      w.int(l.quantity).comma().cents(l.unitPrice).comma().cents(l.discount).newline();
    }
  }
}

export function writeEvents(w: ByteWriter, c: SimulatedCustomer, fmt: TimestampFormatter): void {
  for (const e of c.events) {
    w.ascii(c.id).comma().timestamp(fmt, e.at).comma().token(e.event).comma().token(e.channel).newline();
  }
}
