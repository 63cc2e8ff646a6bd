/**
 * Recognising dates written as text, in the formats exports actually use, and saying
 * which strptime formats read them. Numeric dates like 01/03/2024 are ambiguous
 * (1 March or 3 January) unless some value settles the order (13/03/2024).
 */

export type DateOrder = 'dmy' | 'mdy' | 'either';

export interface DateFamily {
  /** Stable key, e.g. 'iso', 'numeric-/', 'month-name-mdy'. */
  key: string;
  /** Human description with an example, for messages. */
  label: string;
  hasTime: boolean;
  /** Only for numeric day/month dates. */
  order?: DateOrder;
  /** Two-digit year. */
  shortYear?: boolean;
  separator?: string;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const YMD_SLASH = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const MONTH_FIRST = new RegExp(`^(?:[a-z]{3,9},?\\s+)?(${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i');
const DAY_FIRST = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?[\\s-](${MONTHS})\\.?[\\s-](\\d{4}|\\d{2})$`, 'i');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** The family of one value, or null when it is not a date we recognise. */
export function dateFamilyOf(raw: string): DateFamily | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) {
    if (!validDay(+m[1], +m[2], +m[3])) return null;
    const hasTime = m[4] !== undefined;
    return { key: hasTime ? 'iso-time' : 'iso', label: hasTime ? 'ISO date-time (2024-03-01 14:30)' : 'ISO (2024-03-01)', hasTime };
  }
  m = YMD_SLASH.exec(s);
  if (m) {
    if (!validDay(+m[1], +m[3], +m[4])) return null;
    return { key: `ymd-${m[2]}`, label: `year first (2024${m[2]}03${m[2]}01)`, hasTime: false, separator: m[2] };
  }
  m = NUMERIC.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    const y = m[4].length === 2 ? 2000 + +m[4] : +m[4];
    const dmyOk = validDay(y, b, a);
    const mdyOk = validDay(y, a, b);
    if (!dmyOk && !mdyOk) return null;
    const order: DateOrder = dmyOk && mdyOk ? 'either' : dmyOk ? 'dmy' : 'mdy';
    const sep = m[2];
    const hasTime = m[5] !== undefined;
    const shortYear = m[4].length === 2;
    return {
      key: `numeric${sep}${shortYear ? 'yy' : ''}${hasTime ? '-time' : ''}`,
      label: `day and month as numbers (01${sep}03${sep}${shortYear ? '24' : '2024'}${hasTime ? ' 14:30' : ''})`,
      hasTime,
      order,
      shortYear,
      separator: sep,
    };
  }
  if (MONTH_FIRST.test(s)) return { key: 'month-name-mdy', label: 'month name first (March 1, 2024)', hasTime: false };
  m = DAY_FIRST.exec(s);
  if (m) {
    const short = m[3].length === 2;
    return { key: `month-name-dmy${short ? 'yy' : ''}`, label: 'day then month name (1 March 2024)', hasTime: false, shortYear: short };
  }
  return null;
}

/** strptime formats that read a family (with a resolved order for numeric dates). */
export function strptimeFormats(f: DateFamily, order: 'dmy' | 'mdy'): string[] {
  if (f.key.startsWith('ymd-')) return [`%Y${f.separator}%m${f.separator}%d`];
  if (f.key.startsWith('numeric')) {
    const sep = f.separator ?? '/';
    const y = f.shortYear ? '%y' : '%Y';
    const date = order === 'dmy' ? `%d${sep}%m${sep}${y}` : `%m${sep}%d${sep}${y}`;
    return f.hasTime ? [`${date} %H:%M:%S`, `${date} %H:%M`, `${date}T%H:%M:%S`, `${date}T%H:%M`] : [date];
  }
  if (f.key === 'month-name-mdy') {
    // Optional weekday and ordinal suffixes are removed before parsing (see refine.ts).
    return ['%B %d, %Y', '%b %d, %Y', '%B %d %Y', '%b %d %Y'];
  }
  if (f.key.startsWith('month-name-dmy')) {
    const y = f.shortYear ? '%y' : '%Y';
    return [`%d %B ${y}`, `%d %b ${y}`, `%d-%b-${y}`, `%d-%B-${y}`];
  }
  return [];
}
