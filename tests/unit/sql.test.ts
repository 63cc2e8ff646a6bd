import { describe, expect, it } from 'vitest';
import { ident, literal, sql, SqlError, listLiteral } from '../../src/lib/sql';
import { openTestDb } from './helpers/duckdb';

describe('sql quoting', () => {
  it('doubles quotes in identifiers and literals', () => {
    expect(ident('a"b').text).toBe('"a""b"');
    expect(literal("O'Brien").text).toBe("'O''Brien'");
  });
  it('rejects NUL and non-finite numbers', () => {
    expect(() => ident('a\u0000')).toThrow(SqlError);
    expect(() => literal(Number.NaN)).toThrow(SqlError);
    expect(() => literal(Infinity)).toThrow(SqlError);
  });
  it('round-trips hostile strings through the real engine unchanged', async () => {
    const db = await openTestDb();
    const hostile = ["'; DROP TABLE x; --", 'a"b', "\\'", 'ünï©ødé 🎉', "read_csv('https://x')"];
    for (const h of hostile) {
      const rows = db.query(sql`SELECT ${h} AS ${ident(h)}`);
      expect(rows[0][h]).toBe(h);
    }
    expect(db.query(sql`SELECT len(${listLiteral(['a', "b'"])}) AS n`)[0].n).toBe(2);
    db.close();
  });
});
