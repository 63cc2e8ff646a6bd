/** Table names derived from file names: readable, safe to type, unique. */

const EXTENSIONS = /\.(csv|tsv|tab|txt|dat|psv|json|jsonl|ndjson|xlsx|xlsm|xls|parquet|pq|gz|gzip|zip)$/i;
const MAX_LENGTH = 63;

/** The file's base name without folders and data-file extensions ("orders.csv.gz" → "orders"). */
export function baseName(fileName: string): string {
  let base = fileName.split(/[\\/]/).pop() ?? fileName;
  // A URL-looking name is still just a name: drop any query or fragment.
  base = base.replace(/[?#].*$/, '');
  while (EXTENSIONS.test(base)) base = base.replace(EXTENSIONS, '');
  return base;
}

/** Lower-case ASCII letters, digits and underscores; accents folded ("Ventes été" → "ventes_ete"). */
export function sanitizeName(text: string, fallback: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `t_${s}`;
  return s.slice(0, MAX_LENGTH).replace(/_+$/, '') || fallback;
}

/**
 * The table named after the file: sanitised and not clashing with an existing table
 * (compared case-insensitively, as DuckDB does): orders, orders_2, orders_3…
 */
export function tableNameFor(fileName: string, existing: Set<string>): string {
  const base = sanitizeName(baseName(fileName), 'data');
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `_${i}`;
    const candidate = base.slice(0, MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The name under which the engine should register the file for read_csv. Built by us,
 * never the user's file name, so that no name can look like a URL or a path, and with
 * `.gz` only when the bytes really are gzip (read_csv chooses decompression by name).
 */
export function registeredNameFor(table: string, gzip: boolean): string {
  return `arkwright_ingest_${table}.csv${gzip ? '.gz' : ''}`;
}
