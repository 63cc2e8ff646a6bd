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

describe('plain values from the engine', () => {
  it('turns lists and structs into arrays and objects that can cross a worker boundary', async () => {
    const { arrowToRows } = await import('../../src/lib/engine/rows');
    const { openTestDb } = await import('./helpers/duckdb');
    const db = await openTestDb();
    const rows = db.query(`SELECT ['web', 'store'] AS channels, {'a': 1, 'b': [2, 3]} AS s, 12::BIGINT AS n`);
    expect(rows[0]).toEqual({ channels: ['web', 'store'], s: { a: 1, b: [2, 3] }, n: 12 });
    expect(() => structuredClone(rows)).not.toThrow();
    expect(arrowToRows).toBeTypeOf('function');
    db.close();
  });
});

describe('decimals and 128-bit integers', () => {
  it('come out at their real value, never as unscaled integers', async () => {
    const db = await openTestDb();
    const [row] = db.query(`SELECT 12.5::DECIMAL(10,2) AS d, -0.05::DECIMAL(18,3) AS neg, sum(x) AS s, 123456789012.34::DECIMAL(18,2) AS big
                            FROM (VALUES (20::BIGINT), (22::BIGINT)) t(x)`);
    expect(row).toEqual({ d: 12.5, neg: -0.05, s: 42, big: 123456789012.34 });
    db.close();
  });
});
