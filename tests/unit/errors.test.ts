import { describe, expect, it } from 'vitest';
import { describeQueryError, offsetOf } from '../../src/lib/engine/errors';
import { openTestDb } from './helpers/duckdb';

describe('query errors', () => {
  it('carry the position the engine marked, which maps back into the statement', async () => {
    const db = await openTestDb();
    db.query('CREATE TABLE t AS SELECT 1 AS a');
    const text = 'SELECT a,\n  missing_column\nFROM t';
    let raw: unknown;
    try {
      db.query(text);
    } catch (e) {
      raw = e;
    }
    const info = describeQueryError(raw);
    expect(info.kind).toBe('query');
    expect(info.message).toMatch(/missing_column/);
    expect(info.at).toBeDefined();
    expect(text.slice(offsetOf(text, info.at!)).startsWith('missing_column')).toBe(true);
    db.close();
  });
  it('says a query that reaches for the network cannot run', () => {
    expect(describeQueryError(new Error('IO Error: Cannot open https://x.example/a.csv')).message).toMatch(/never reaches the network/);
  });
});
