/** What the engine knows of a loaded table: the shape every compiler starts from. */
export interface ColumnInfo {
  name: string;
  /** DuckDB type name as DESCRIBE reports it: VARCHAR, BIGINT, DOUBLE, DATE, TIMESTAMP, DECIMAL(18,3)… */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  rowCount: number;
}

export type TypeFamily = 'text' | 'integer' | 'number' | 'date' | 'timestamp' | 'boolean' | 'other';

/** Coarse family of a DuckDB type name, for role detection and pickers. */
export function typeFamily(type: string): TypeFamily {
  const t = type.toUpperCase();
  // Lists, structs and maps first: 'VARCHAR[]' is not text.
  if (t.endsWith(']') || t.startsWith('STRUCT') || t.startsWith('MAP')) return 'other';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR') || t === 'UUID' || t.startsWith('ENUM')) return 'text';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return 'integer';
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL' || t.startsWith('DECIMAL')) return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}
