/**
 * A relation as a downloadable file. CSV is written by the engine itself (COPY … TO);
 * Parquet by hyparquet-writer in this worker, because the engine build has no Parquet
 * extension. Types Parquet cannot hold directly are cast in SQL first.
 */
import { parquetWriteBuffer, type BasicType } from 'hyparquet-writer';
import type { Table } from 'apache-arrow';
import { ident, join, raw, sql, type Sql } from '../sql';
import { typeFamily, type ColumnInfo } from './schema';

export function csvCopySql(relation: string, fileName: string): Sql {
  return sql`COPY (SELECT * FROM ${ident(relation)}) TO ${fileName} (FORMAT csv, HEADER true)`;
}

/** One SELECT whose columns each map onto a Parquet type. */
export function parquetReadySql(relation: string, columns: readonly ColumnInfo[]): Sql {
  const parts = columns.map((c) => {
    const col = ident(c.name);
    switch (parquetType(c.type)) {
      case 'INT64':
        return sql`CAST(${col} AS BIGINT) AS ${col}`;
      case 'DOUBLE':
        return sql`CAST(${col} AS DOUBLE) AS ${col}`;
      case 'TIMESTAMP':
        return sql`CAST(${col} AS TIMESTAMP) AS ${col}`;
      case 'BOOLEAN':
        return col;
      default:
        return typeFamily(c.type) === 'text' ? col : sql`CAST(${col} AS VARCHAR) AS ${col}`;
    }
  });
  return sql`SELECT ${parts.length ? join(parts) : raw('*')} FROM ${ident(relation)}`;
}

export function parquetType(type: string): BasicType {
  switch (typeFamily(type)) {
    case 'integer':
      return /HUGEINT|UBIGINT/i.test(type) ? 'DOUBLE' : 'INT64';
    case 'number':
      return 'DOUBLE';
    case 'date':
    case 'timestamp':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'STRING';
  }
}

/** Arrow result of parquetReadySql → Parquet bytes. */
export function arrowToParquet(table: Table, columns: readonly ColumnInfo[]): Uint8Array {
  const columnData = columns.map((c, i) => {
    const vector = table.getChildAt(i);
    const type = parquetType(c.type);
    const data: unknown[] = new Array(table.numRows);
    for (let r = 0; r < table.numRows; r++) {
      const v: unknown = vector?.get(r) ?? null;
      data[r] = v === null ? null : type === 'TIMESTAMP' ? new Date(Number(v)) : type === 'INT64' ? BigInt(v as number | bigint) : v;
    }
    return { name: c.name, data, type };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
