/**
 * Column types for formats that carry JavaScript values (JSON, Excel): numbers,
 * booleans, dates and timestamps (Date objects or ISO text), else text. A column whose
 * values disagree (numbers and words) becomes text, so no value is ever lost.
 */
import type { ColumnKind } from './arrow';
import { jsonText } from './values';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date, or null. */
export function isoDateDays(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
  return t / DAY_MS;
}

/** Microseconds since the epoch (UTC) for an ISO timestamp; without an offset it is read as UTC. */
export function isoTimestampMicros(s: string): number | null {
  const m = ISO_TIMESTAMP.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, sec ? +sec : 0);
  if (Number.isNaN(t) || +mo > 12 || +d > 31 || +h > 23 || +mi > 59) return null;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offMin = +digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0);
    t -= sign * offMin * 60_000;
  }
  const micros = frac ? Math.round(+`0.${frac}` * 1e6) : 0;
  return t * 1000 + micros;
}

function isDate(v: unknown): v is Date {
  return v instanceof Date && !Number.isNaN(v.getTime());
}

export interface InferredColumn {
  kind: ColumnKind;
  /** Turns a source value into the representation arrow.ts expects for `kind`. */
  convert: (v: unknown) => unknown;
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isDate(v)) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  if (typeof v === 'object') return jsonText(v);
  return String(v);
}

const nullable =
  <T>(f: (v: unknown) => T) =>
  (v: unknown): T | null =>
    v === null || v === undefined ? null : f(v);

/** Watches every value of one column and decides its kind. */
export class ColumnInference {
  private values = 0;
  private numbers = 0;
  private nonIntegers = 0;
  private booleans = 0;
  private dates = 0;
  private datesWithTime = 0;
  private strings = 0;
  private isoDates = 0;
  private isoTimestamps = 0;
  private objects = 0;

  add(v: unknown): void {
    if (v === null || v === undefined) return;
    this.values++;
    switch (typeof v) {
      case 'number':
        this.numbers++;
        if (!Number.isSafeInteger(v)) this.nonIntegers++;
        return;
      case 'bigint':
        this.numbers++;
        return;
      case 'boolean':
        this.booleans++;
        return;
      case 'string': {
        if (v === '') {
          // Empty text in a typed column is a missing value, not a reason to make it text.
          this.values--;
          return;
        }
        this.strings++;
        if (isoDateDays(v) !== null) this.isoDates++;
        else if (isoTimestampMicros(v) !== null) this.isoTimestamps++;
        return;
      }
      default:
        if (isDate(v)) {
          this.dates++;
          if (v.getTime() % DAY_MS !== 0) this.datesWithTime++;
        } else this.objects++;
    }
  }

  result(): InferredColumn {
    const n = this.values;
    const asText: InferredColumn = { kind: 'text', convert: nullable(textOf) };
    if (n === 0) return asText;
    if (this.booleans === n) return { kind: 'boolean', convert: (v) => (typeof v === 'boolean' ? v : null) };
    if (this.numbers === n) {
      return this.nonIntegers === 0
        ? { kind: 'int64', convert: (v) => (typeof v === 'number' || typeof v === 'bigint' ? v : null) }
        : { kind: 'float64', convert: (v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null) };
    }
    const temporal = this.dates + this.isoDates + this.isoTimestamps;
    if (temporal === n) {
      const withTime = this.datesWithTime + this.isoTimestamps > 0;
      if (!withTime) {
        return {
          kind: 'date',
          convert: (v) => (isDate(v) ? Math.floor(v.getTime() / DAY_MS) : typeof v === 'string' ? isoDateDays(v) : null),
        };
      }
      return {
        kind: 'timestamp',
        convert: (v) =>
          isDate(v)
            ? v.getTime() * 1000
            : typeof v === 'string'
              ? (isoTimestampMicros(v) ?? (isoDateDays(v) !== null ? (isoDateDays(v) as number) * DAY_MS * 1000 : null))
              : null,
      };
    }
    return asText;
  }

  /** True when the column mixes kinds and was read as text. */
  get mixed(): boolean {
    const kinds = [this.numbers, this.booleans, this.dates + this.isoDates + this.isoTimestamps, this.strings - this.isoDates - this.isoTimestamps, this.objects].filter(
      (k) => k > 0,
    ).length;
    return kinds > 1;
  }

  get nested(): boolean {
    return this.objects > 0;
  }
}
