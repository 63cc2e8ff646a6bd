/** An IngestTarget over the test engine, recording every statement it runs. */
import { ident, type Sql } from '../../../src/lib/sql';
import type { IngestTarget } from '../../../src/lib/ingest';
import type { TestDb } from '../helpers/duckdb';

export interface RecordingTarget extends IngestTarget {
  statements: string[];
  registered: string[];
}

export function testTarget(db: TestDb): RecordingTarget {
  let appends = 0;
  const statements: string[] = [];
  const registered: string[] = [];
  return {
    statements,
    registered,
    async registerFile(name, source) {
      registered.push(name);
      db.registerBuffer(name, new Uint8Array(await source.slice(0, source.size)));
    },
    async dropFile(name) {
      // The test helper cannot unregister; replace the bytes with nothing instead.
      db.registerBuffer(name, new Uint8Array(0));
    },
    async query(statement: Sql) {
      statements.push(statement.text);
      return db.query(statement);
    },
    async insertArrowIPC(ipc, { name, create }) {
      if (create) {
        db.insertArrowIPC(ipc, name);
        return;
      }
      // tests/unit/helpers/duckdb.ts only creates tables; append through a scratch table.
      const scratch = `append_scratch_${appends++}`;
      db.insertArrowIPC(ipc, scratch);
      db.query(`INSERT INTO ${ident(name).text} SELECT * FROM ${ident(scratch).text}`);
      db.query(`DROP TABLE ${ident(scratch).text}`);
    },
  };
}

/** Column name → DuckDB type of a table. */
export function typesOf(db: TestDb, table: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of db.query(`DESCRIBE ${ident(table).text}`)) out[String(r.column_name)] = String(r.column_type);
  return out;
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
