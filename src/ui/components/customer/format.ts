/** How the customer page writes values: amounts, dates, event names. */
import { formatCell } from '../../format';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** An amount in the data's currency (not known to the app): two decimals, grouped. */
export function formatAmount(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : money.format(v);
}

export function formatShare(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : share.format(v);
}

export function formatDecimal(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : decimal.format(v);
}

/** Epoch milliseconds as 'YYYY-MM-DD HH:MM', or the date alone at midnight. */
export function formatWhen(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

/** Epoch milliseconds (a TIMESTAMP or DATE from the engine) as a date. */
export function formatDate(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString().slice(0, 10) : '—';
}

/** Any engine value of a column of `type`, as text (never HTML). */
export function formatValue(v: unknown, type: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => formatCell(x, '')).join(', ') : '—';
  return formatCell(v, type);
}

const EVENT_LABELS: Record<string, string> = {
  purchase: 'Order',
  return: 'Return',
  email_sent: 'Email sent',
  email_open: 'Email opened',
  email_click: 'Email clicked',
  site_visit: 'Site visit',
  visit: 'Visit',
  support_ticket: 'Support ticket',
  ticket: 'Support ticket',
};

/** "email_open" → "Email opened"; unknown events in sentence case. */
export function eventLabel(event: string): string {
  const known = EVENT_LABELS[event];
  if (known) return known;
  const words = event.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Activity';
}
