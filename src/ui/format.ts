/** How values look in grids: numbers grouped and right-aligned, dates readable. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function isNumericType(type: string): boolean {
  return /^(Int|Uint|Float|Decimal|BIGINT|INTEGER|DOUBLE|FLOAT|DECIMAL|SMALLINT|TINYINT|HUGEINT|REAL)/i.test(type);
}

export function formatCell(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toLocaleString('en-US');
  if (/^Date/i.test(type) && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (/^Timestamp/i.test(type) && typeof value === 'number') {
    const iso = new Date(value).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'number') return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** A short label for a DuckDB or Arrow type name. */
export function typeLabel(type: string): string {
  const t = type.toUpperCase();
  if (/^(UTF8|VARCHAR|LARGEUTF8)/.test(t)) return 'text';
  if (/^(INT|UINT|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT)/.test(t)) return 'integer';
  if (/^(FLOAT|DOUBLE|DECIMAL|REAL)/.test(t)) return 'number';
  if (/^DATE/.test(t)) return 'date';
  if (/^TIMESTAMP/.test(t)) return 'timestamp';
  if (/^BOOL/.test(t)) return 'boolean';
  return type.toLowerCase();
}
