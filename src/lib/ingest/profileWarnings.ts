/**
 * What a CRM analyst should know before trusting a table: rows that cannot be tied to a
 * customer, returns hidden in the amounts, copies of rows, impossible dates, numbers kept
 * as text. Each warning says what was found and what to do.
 */
import type { TableMapping } from '../model/datamodel';
import { nameTokens } from '../model/names';
import type { Role } from '../model/roles';
import type { ColumnProfile, ProfileWarning, TableProfile } from './profileTypes';

const fmt = (n: number): string => n.toLocaleString('en-US');
const pct = (part: number, whole: number): string => `${whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10}%`;
const rowsWord = (n: number): string => (n === 1 ? 'row' : 'rows');

/** Identifier roles: digits in text are right for them (leading zeros, long numbers). */
const CODE_ROLES: readonly Role[] = ['customer_id', 'order_id', 'product', 'category', 'channel', 'event'];
const CODE_WORDS = ['id', 'code', 'no', 'nr', 'number', 'ref', 'key', 'sku', 'zip', 'postcode', 'postal', 'phone', 'tel', 'mobile', 'ean', 'upc', 'isbn', 'iban'];

function column(profile: TableProfile, name: string | undefined): ColumnProfile | undefined {
  return name === undefined ? undefined : profile.columns.find((c) => c.name === name);
}

function roleColumn(mapping: TableMapping | undefined, role: Role): string | undefined {
  return mapping?.columns.find((c) => c.role === role)?.column;
}

/**
 * Warnings for one profiled table. `mapping` (the table's part of the data model) tells
 * which column is the customer id and which the amount; without it those checks are skipped.
 */
export function profileWarnings(profile: TableProfile, mapping?: TableMapping): ProfileWarning[] {
  const out: ProfileWarning[] = [];
  const rows = profile.rows;

  const id = column(profile, roleColumn(mapping, 'customer_id'));
  if (id) {
    const missing = id.nulls + id.blankText;
    if (missing > 0) {
      out.push({
        code: 'missing_customer_id',
        severity: missing === rows ? 'error' : 'warning',
        column: id.name,
        count: missing,
        message: `${fmt(missing)} ${rowsWord(missing)} (${pct(missing, rows)}) have no customer id in ${id.name}.`,
        action:
          'These rows cannot be tied to a customer and are left out of the customer views. Guest checkouts are expected to have none; otherwise check the export, or choose another column (an email can serve) as the customer id.',
      });
    }
  }

  const amount = column(profile, roleColumn(mapping, 'amount') ?? roleColumn(mapping, 'quantity'));
  if (amount && amount.negatives > 0) {
    out.push({
      code: 'negative_amounts',
      severity: 'info',
      column: amount.name,
      count: amount.negatives,
      message: `${fmt(amount.negatives)} ${rowsWord(amount.negatives)} (${pct(amount.negatives, rows)}) have a negative ${amount.name}: returns or refunds.`,
      action: 'They count as returns and are netted from revenue. If negative values mean something else in this export, choose another amount column.',
    });
  }

  if (profile.duplicateRows > 0) {
    const n = profile.duplicateRows;
    out.push({
      code: 'duplicate_rows',
      severity: 'warning',
      count: n,
      message: `${fmt(n)} ${rowsWord(n)} (${pct(n, rows)}) are exact copies of another row.`,
      action:
        'If the export was appended or downloaded twice, remove the copies (CREATE TABLE … AS SELECT DISTINCT *). Identical order lines can be genuine when the export has no line number.',
    });
  }

  for (const c of profile.columns) {
    if (c.futureDates > 0) {
      out.push({
        code: 'future_dates',
        severity: 'warning',
        column: c.name,
        count: c.futureDates,
        message: `${fmt(c.futureDates)} values of ${c.name} are after today (${profile.today}).`,
        action:
          'Often a typing slip (2203 for 2023), a time-zone shift or scheduled rather than past events. They also push the default as-of date into the future: fix or filter them, or set the as-of date by hand.',
      });
    }
    if (c.datesBefore1900 > 0) {
      out.push({
        code: 'old_dates',
        severity: 'warning',
        column: c.name,
        count: c.datesBefore1900,
        message: `${fmt(c.datesBefore1900)} values of ${c.name} are before 1900.`,
        action: 'These are usually placeholders for an unknown date (0001-01-01, or 1899-12-30 from a spreadsheet). Treat them as missing.',
      });
    }
    const w = numbersAsText(c, rows, mapping);
    if (w) out.push(w);
  }
  return out;
}

function numbersAsText(c: ColumnProfile, rows: number, mapping: TableMapping | undefined): ProfileWarning | null {
  if (c.family !== 'text') return null;
  const filled = rows - c.nulls - c.blankText;
  if (filled === 0 || c.numericText / filled < 0.9) return null;
  const role = mapping?.columns.find((m) => m.column === c.name)?.role;
  if (role !== undefined && CODE_ROLES.includes(role)) return null;
  if (role === undefined && nameTokens(c.name).some((t) => CODE_WORDS.includes(t))) return null;
  const all = c.numericText === filled;
  return {
    code: 'numbers_as_text',
    severity: all ? 'info' : 'warning',
    column: c.name,
    count: c.numericText,
    message: all
      ? `${c.name} holds numbers stored as text.`
      : `${c.name} holds numbers stored as text: ${fmt(c.numericText)} of ${fmt(filled)} values read as numbers, the others do not.`,
    action:
      'If it is an amount, a price or a quantity, load it as a number (mapping it works too: the model converts it, and values that are not numbers become empty). Codes such as ids, postcodes and phone numbers are right as text.',
  };
}
