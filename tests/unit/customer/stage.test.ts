import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerStageSql, readStage } from '../../../src/lib/customer';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFixture } from './fixtures';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadFixture(db);
});
afterAll(() => db.close());

const stageOf = (id: string) => readStage(db.query(customerStageSql(id)));

describe("a customer's lifecycle stage at the as-of date (2024-06-30)", () => {
  it('follows the lifecycle rules, for one customer alone (hand-checked)', () => {
    expect(stageOf('c1')).toBe('active'); // bought on 06-28 (and in March): active, not new
    expect(stageOf('c2')).toBe('active'); // last purchase 05-01: 60 days, under the 90 of "at risk"
    expect(stageOf('c3')).toBe('lapsed'); // one purchase 532 days before
    expect(stageOf('c4')).toBeNull(); // never bought: a prospect, no stage
    expect(stageOf("o'hara%_1")).toBe('new'); // first purchase in June
  });

  it('moves to at risk after 90 days without a purchase', () => {
    db.query(`CREATE OR REPLACE TABLE as_of_date AS SELECT DATE '2024-08-05' AS as_of`);
    try {
      expect(stageOf('c2')).toBe('at_risk'); // 96 days after 05-01
    } finally {
      db.query(`CREATE OR REPLACE TABLE as_of_date AS SELECT DATE '2024-06-30' AS as_of`);
    }
  });
});
