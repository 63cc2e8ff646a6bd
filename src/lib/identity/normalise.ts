/**
 * Identifier values as they are matched, in SQL. Each type has one normal form and one rule
 * for when a value links no one (see docs/identity.md):
 *   email         trimmed, lower-cased; must look like local@domain.tld
 *   phone         digits only, with the country code (rules in phoneSql); 8–15 digits
 *   loyalty_card  upper-cased, spaces, dots and dashes removed
 *   customer_id   the text the data model uses for the id (trimmed; 17850.0 → 17850)
 *   other         trimmed, lower-cased
 */
import { join, literal, sql, type Sql } from '../sql';
import type { IdentifierType, IdentityOptions } from './spec';
import { PLACEHOLDER_EMAIL_DOMAINS, PLACEHOLDER_EMAIL_LOCAL_PARTS, PLACEHOLDER_EMAILS, PLACEHOLDER_PHONE_TAILS, PLACEHOLDER_VALUES } from './placeholders';

/** Why an identifier value does or does not link records. */
export const VALUE_STATUSES = ['blank', 'invalid', 'placeholder', 'disabled', 'ok'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

function inList(value: Sql, list: readonly string[]): Sql {
  return sql`${value} IN (${join(list.map((v) => literal(v)))})`;
}

/** Every character the same ('0000', 'XXXX'): what people type to get past a mandatory field. */
function allSameSql(value: Sql): Sql {
  return sql`(length(${value}) > 0 AND length(replace(${value}, left(${value}, 1), '')) = 0)`;
}

/**
 * A phone number as digits with its country code:
 *   "(0)" inside a number (+44 (0)20 …) is the trunk prefix written for locals: dropped;
 *   starts with '+'           → international: the digits as they are;
 *   digits start with '00'    → international dialling prefix: dropped;
 *   digits start with one '0' → national: the 0 replaced by the default country code;
 *   otherwise                 → already international when it has 11+ digits and starts with
 *                               the default country code, else national without its 0 (a
 *                               number stored as a number lost it): the country code is added.
 * Without a default country code, national numbers stay as they are (with their 0), so they
 * match each other but not the same number written internationally.
 */
export function phoneSql(raw: Sql, countryCode: string | null): Sql {
  const digits = sql`regexp_replace(replace(${raw}, '(0)', ''), '[^0-9]', '', 'g')`;
  if (countryCode === null) {
    return sql`(CASE WHEN starts_with(${raw}, '+') THEN ${digits} WHEN starts_with(${digits}, '00') THEN substr(${digits}, 3) ELSE ${digits} END)`;
  }
  const cc = literal(countryCode);
  return sql`(CASE
    WHEN starts_with(${raw}, '+') THEN ${digits}
    WHEN starts_with(${digits}, '00') THEN substr(${digits}, 3)
    WHEN starts_with(${digits}, '0') THEN ${cc} || substr(${digits}, 2)
    WHEN length(${digits}) >= 11 AND starts_with(${digits}, ${cc}) THEN ${digits}
    ELSE ${cc} || ${digits} END)`;
}

/** The normal form of `raw` (text, trimmed, NULL when blank) for an identifier type. */
export function normalisedSql(type: IdentifierType, raw: Sql, options: IdentityOptions): Sql {
  switch (type) {
    case 'email':
    case 'other':
      return sql`lower(${raw})`;
    case 'phone':
      return phoneSql(raw, options.defaultCountryCode);
    case 'loyalty_card':
      return sql`upper(regexp_replace(${raw}, '[\\s.\\-]', '', 'g'))`;
    case 'customer_id':
      return raw;
  }
}

/**
 * Whether a value links records, given its raw text and normal form (both columns of the
 * row, so the normal form is computed once). Disabled types are decided here too, so the
 * report can count what each switched-off rule would have linked.
 */
export function statusSql(type: IdentifierType, raw: Sql, value: Sql, options: IdentityOptions): Sql {
  const generic = [...PLACEHOLDER_VALUES, ...options.placeholders.map((p) => p.trim().toLowerCase())];
  const placeholder = sql`(${inList(sql`lower(${raw})`, generic)} OR ${inList(value, generic)})`;
  const disabled = options.disabledTypes.includes(type);
  const rule = (invalid: Sql, extraPlaceholder: Sql | null): Sql =>
    sql`CASE WHEN ${raw} IS NULL OR ${value} IS NULL OR ${value} = '' THEN 'blank'
      WHEN ${placeholder}${extraPlaceholder ? sql` OR ${extraPlaceholder}` : sql``} THEN 'placeholder'
      WHEN ${invalid} THEN 'invalid'
      WHEN ${literal(disabled)} THEN 'disabled'
      ELSE 'ok' END`;
  switch (type) {
    case 'email': {
      const local = sql`split_part(${value}, '@', 1)`;
      const domain = sql`split_part(${value}, '@', 2)`;
      return rule(
        sql`NOT regexp_full_match(${value}, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+')`,
        sql`${inList(local, PLACEHOLDER_EMAIL_LOCAL_PARTS)} OR ${inList(domain, PLACEHOLDER_EMAIL_DOMAINS)} OR ${inList(value, PLACEHOLDER_EMAILS)}`,
      );
    }
    case 'phone': {
      const last7 = sql`right(${value}, 7)`;
      return rule(sql`length(${value}) NOT BETWEEN 8 AND 15`, sql`${allSameSql(last7)} OR ${inList(sql`right(${value}, 9)`, PLACEHOLDER_PHONE_TAILS)}`);
    }
    case 'loyalty_card':
      return rule(sql`length(${value}) < 3`, allSameSql(value));
    case 'customer_id':
    case 'other':
      return rule(sql`FALSE`, null);
  }
}
