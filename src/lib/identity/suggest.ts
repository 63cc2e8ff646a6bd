/**
 * Which columns identify a person, guessed from names, types and sample values, for the
 * analyst to confirm: an email pattern, phone-like digits, loyalty/card/member names, customer
 * ids. Names decide when they are clear; values decide when the name says nothing ("contact").
 */
import { typeFamily, type TableInfo } from '../engine/schema';
import { nameTokens, compactName } from '../model/names';
import { sampleValues, type TableSamples } from '../model/samples';
import type { IdentifierType, IdentitySource, IdentitySpecInput } from './spec';

export interface IdentifierSuggestion {
  readonly column: string;
  readonly type: IdentifierType;
  readonly columnType: string;
  /** 0–1: how sure the guess is (names ≥ 0.8; values alone 0.6–0.7). */
  readonly confidence: number;
  /** In words, for the UI: "named like an email", "90% of sampled values look like emails". */
  readonly reason: string;
}

export interface SourceSuggestion {
  readonly table: string;
  /** The customer id column (records are customers), else an order/ticket/receipt id, else null (rows). */
  readonly recordId: string | null;
  readonly recordIdType?: string;
  readonly identifiers: readonly IdentifierSuggestion[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with the usual phone punctuation, 8–15 digits in all. */
const PHONE_CHARS = /^\+?[\d\s().\-/]+$/;

function share(values: readonly string[], test: (v: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

function isPhoneLike(v: string): boolean {
  if (!PHONE_CHARS.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

/** Punctuation, a '+' or a leading 0: what tells a phone number from any long number. */
function isFormattedPhone(v: string): boolean {
  return isPhoneLike(v) && (/^\+|^0|[\s().\-/]/.test(v.trim()));
}

const CUSTOMER_ID_EXACT = [
  'customerid', 'custid', 'customerno', 'customernumber', 'customernr', 'customerref', 'customerkey', 'customercode',
  'clientid', 'clientno', 'accountid', 'accountno', 'accountnumber', 'userid', 'shopperid', 'contactid', 'personid',
  'guestid', 'buyerid', 'cid', 'uid',
];
const CUSTOMER_WORDS = ['customer', 'cust', 'client', 'account', 'user', 'shopper', 'contact', 'guest', 'buyer', 'patron'];
const ID_WORDS = ['id', 'no', 'nr', 'number', 'num', 'ref', 'key', 'code'];
const PHONE_WORDS = ['phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'msisdn', 'landline', 'telefon', 'telefono', 'telephone'];
const LOYALTY_WORDS = ['loyalty', 'member', 'membership', 'club', 'rewards', 'reward', 'card', 'loyaltycard', 'clubcard', 'nectar'];
const NOT_LOYALTY = ['type', 'tier', 'level', 'status', 'brand', 'expiry', 'expires', 'credit', 'debit', 'payment', 'since', 'date', 'balance', 'points'];
const RECORD_WORDS = ['order', 'transaction', 'txn', 'receipt', 'invoice', 'ticket', 'case', 'event', 'record', 'row', 'message', 'basket', 'sale'];

function guess(column: string, columnType: string, values: readonly string[]): IdentifierSuggestion | null {
  const family = typeFamily(columnType);
  if (family === 'date' || family === 'timestamp' || family === 'boolean' || family === 'other') return null;
  const tokens = nameTokens(column);
  const compact = compactName(column);
  const has = (words: readonly string[]): boolean => tokens.some((t) => words.includes(t));
  const make = (type: IdentifierType, confidence: number, reason: string): IdentifierSuggestion => ({ column, type, columnType, confidence, reason });

  const emailShare = share(values, (v) => EMAIL.test(v));
  if (family === 'text') {
    if ((tokens.includes('email') || tokens.includes('mail') || compact.includes('email')) && (values.length === 0 || emailShare >= 0.5)) {
      return make('email', 0.95, 'named like an email address');
    }
    if (emailShare >= 0.8) return make('email', 0.7, `${Math.round(emailShare * 100)}% of sampled values look like email addresses`);
  }
  const phoneShare = share(values, isPhoneLike);
  if (has(PHONE_WORDS) || compact.includes('phone')) {
    if (values.length === 0 || phoneShare >= 0.5) return make('phone', 0.9, 'named like a phone number');
  }
  if (has(LOYALTY_WORDS) && !has(NOT_LOYALTY)) {
    return make('loyalty_card', 0.85, 'named like a loyalty or membership card');
  }
  if (CUSTOMER_ID_EXACT.includes(compact) || (has(CUSTOMER_WORDS) && has(ID_WORDS))) {
    return make('customer_id', 0.9, 'named like a customer id');
  }
  if (family === 'text' && share(values, isFormattedPhone) >= 0.8) {
    return make('phone', 0.6, `${Math.round(phoneShare * 100)}% of sampled values look like phone numbers`);
  }
  return null;
}

function recordIdColumn(table: TableInfo, identifiers: readonly IdentifierSuggestion[]): { column: string; type: string } | null {
  const customer = identifiers.find((i) => i.type === 'customer_id');
  if (customer) return { column: customer.column, type: customer.columnType };
  for (const c of table.columns) {
    const tokens = nameTokens(c.name);
    if (tokens.some((t) => RECORD_WORDS.includes(t)) && tokens.some((t) => ID_WORDS.includes(t))) return { column: c.name, type: c.type };
  }
  return null;
}

/** Identifier columns of one table, best guess per column, in column order. */
export function suggestIdentifiers(table: TableInfo, samples?: TableSamples): IdentifierSuggestion[] {
  const out: IdentifierSuggestion[] = [];
  for (const c of table.columns) {
    const s = guess(c.name, c.type, sampleValues(samples, table.name, c.name));
    if (s) out.push(s);
  }
  return out;
}

/** A spec to start from: every table with at least one identifier column, with the default options. */
export function suggestIdentitySpec(tables: readonly TableInfo[], samples?: TableSamples): { spec: IdentitySpecInput; sources: SourceSuggestion[] } {
  const suggestions: SourceSuggestion[] = [];
  for (const t of tables) {
    const identifiers = suggestIdentifiers(t, samples);
    if (identifiers.length === 0) continue;
    const rid = recordIdColumn(t, identifiers);
    suggestions.push(rid ? { table: t.name, recordId: rid.column, recordIdType: rid.type, identifiers } : { table: t.name, recordId: null, identifiers });
  }
  const sources: IdentitySource[] = suggestions.map((s) => {
    const source: IdentitySource = {
      table: s.table,
      recordId: s.recordId,
      identifiers: s.identifiers.map((i) => ({ column: i.column, type: i.type, columnType: i.columnType })),
    };
    if (s.recordIdType !== undefined) source.recordIdType = s.recordIdType;
    return source;
  });
  return { spec: { v: 1, sources }, sources: suggestions };
}
