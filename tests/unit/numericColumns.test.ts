import { describe, expect, it } from 'vitest';
import { numericColumnsToIpc } from '../../src/lib/engine/numericColumns';
import { openTestDb } from './helpers/duckdb';

describe('numeric columns from JavaScript', () => {
  it('insert into the engine with non-finite values as NULL', async () => {
    const db = await openTestDb();
    const ipc = numericColumnsToIpc([
      { name: 'i', values: Int32Array.from([0, 1, 2]) },
      { name: 'p_alive', values: Float64Array.from([0.5, Number.NaN, 1]) },
      { name: 'clv', values: Float64Array.from([12.25, Number.POSITIVE_INFINITY, -3]) },
    ]);
    db.insertArrowIPC(ipc, 'predictions');
    expect(db.query('SELECT * FROM predictions ORDER BY i')).toEqual([
      { i: 0, p_alive: 0.5, clv: 12.25 },
      { i: 1, p_alive: null, clv: null },
      { i: 2, p_alive: 1, clv: -3 },
    ]);
    expect(db.query("SELECT column_type FROM (DESCRIBE predictions) WHERE column_name = 'i'")[0].column_type).toBe('INTEGER');
    db.close();
  });
});
