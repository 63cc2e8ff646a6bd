/**
 * What a single text value looks like: the evidence the sniffer and the type refinement
 * weigh. Kept in one place so "a number" means the same thing everywhere.
 */

export type ValueShape =
  | 'empty'
  | 'integer'
  | 'decimal' // 12.5
  | 'decimal-comma' // 12,5
  | 'grouped-comma-dot' // 1,234.56 or 1,234
  | 'grouped-dot-comma' // 1.234,56 or 1.234.567
  | 'currency' // €12.50, 12,50 €, $1,234
  | 'percent'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'text';

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/;
const SCIENTIFIC = /^[-+]?\d+[eE][-+]?\d+$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
const GROUPED_COMMA_DOT = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPED_DOT_COMMA = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const CURRENCY = /^[-+]?\s*[$€£¥₹]\s*[-+]?\d[\d.,\s']*$|^[-+]?\d[\d.,\s']*\s*(?:[$€£¥₹]|EUR|USD|GBP|CHF)$/i;
const PERCENT = /^[-+]?\d+([.,]\d+)?\s*%$/;
const BOOLEAN = /^(true|false|yes|no|y|n|t|f)$/i;
const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/;
const SLASH_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})$/;
const SLASH_TIMESTAMP = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})[ T]\d{1,2}:\d{2}(:\d{2})?$/;
const YMD_SLASH = /^\d{4}[/.]\d{1,2}[/.]\d{1,2}$/;

export function shapeOf(raw: string): ValueShape {
  const s = raw.trim();
  if (s === '') return 'empty';
  const c = s.charCodeAt(0);
  const numericStart = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (numericStart) {
    if (INTEGER.test(s)) return 'integer';
    if (DECIMAL.test(s) || SCIENTIFIC.test(s)) return 'decimal';
    if (DECIMAL_COMMA.test(s)) return 'decimal-comma';
    if (GROUPED_COMMA_DOT.test(s)) return 'grouped-comma-dot';
    if (GROUPED_DOT_COMMA.test(s)) return 'grouped-dot-comma';
    if (ISO_DATE.test(s) || SLASH_DATE.test(s) || YMD_SLASH.test(s)) return 'date';
    if (ISO_TIMESTAMP.test(s) || SLASH_TIMESTAMP.test(s)) return 'timestamp';
    if (PERCENT.test(s)) return 'percent';
  }
  if (CURRENCY.test(s)) return 'currency';
  if (BOOLEAN.test(s)) return 'boolean';
  return 'text';
}

export function isNumericShape(shape: ValueShape): boolean {
  return (
    shape === 'integer' ||
    shape === 'decimal' ||
    shape === 'decimal-comma' ||
    shape === 'grouped-comma-dot' ||
    shape === 'grouped-dot-comma'
  );
}

/** A value a CSV reader would type (not plain text). */
export function isTypedShape(shape: ValueShape): boolean {
  return shape !== 'text' && shape !== 'empty';
}

/** Placeholders that mean "no value" in exports. */
export function isNullToken(s: string): boolean {
  return /^(|null|NULL|Null|n\/a|N\/A|NA|na|-|—|none|None|NaN|#N\/A)$/.test(s.trim());
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** JSON text for nested values; 64-bit integers become numbers when that loses nothing. */
export function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return x <= SAFE && x >= -SAFE ? Number(x) : x.toString();
    if (x instanceof Uint8Array) return Array.from(x);
    return x;
  });
}
