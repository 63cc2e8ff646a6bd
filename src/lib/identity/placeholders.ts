/**
 * Values that stand for "we did not ask" rather than for a person. They never link anyone:
 * linking on them would merge everyone who left the field blank into one customer.
 * Compared trimmed and lower-cased, for every identifier type.
 */
export const PLACEHOLDER_VALUES: readonly string[] = [
  '', 'n/a', 'n.a.', 'na', 'none', 'null', 'nil', 'nan', 'undefined', 'unknown', 'unk', 'not known',
  'not provided', 'not available', 'not given', 'missing', 'blank', 'empty', 'dummy', 'test', 'tbc', 'tba',
  'no', 'x', 'xx', 'xxx', '-', '--', '.', '?', '0', '-1', '#n/a',
];

/** Email local parts ("noemail@…") that mean there is no address. */
export const PLACEHOLDER_EMAIL_LOCAL_PARTS: readonly string[] = [
  'noemail', 'no-email', 'no_email', 'no.email', 'nomail', 'no-mail', 'none', 'null', 'na', 'n/a', 'unknown',
  'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'dummy', 'fake', 'test', 'email', 'x', 'xx', 'xxx', 'abc',
];

/** Email domains that exist only to fill a mandatory field. */
export const PLACEHOLDER_EMAIL_DOMAINS: readonly string[] = [
  'noemail.com', 'no-email.com', 'nomail.com', 'none.com', 'test.com', 'invalid', 'invalid.com', 'email.invalid', 'example.invalid',
];

/** Whole addresses commonly typed to get past a form. */
export const PLACEHOLDER_EMAILS: readonly string[] = ['a@a.com', 'a@b.com', 'x@x.com', 'email@email.com', 'test@example.com', 'example@example.com'];

/** Last nine digits of numbers typed to get past a form (0123456789, 1234567890, 987654321…). */
export const PLACEHOLDER_PHONE_TAILS: readonly string[] = ['123456789', '234567890', '012345678', '987654321', '876543210'];
