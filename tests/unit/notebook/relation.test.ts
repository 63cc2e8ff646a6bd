import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCell, cellRelationSql, cellResultSql, dropCellRelationSql, newNotebook, planCell, type NotebookCell } from '../../../src/lib/notebook';
import { raw } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const ctx = { dataModel: null, cellNames: [] };
const sqlCell = (sql: string, name = 'sql_1'): NotebookCell => ({ ...addCell(newNotebook(), 'sql', { sql }).cells[0], name });

describe('cell relations on DuckDB', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    db.query('CREATE TABLE orders AS SELECT * FROM (VALUES (1, 10.0::DOUBLE), (1, 5.0), (2, 7.5)) v(customer_id, amount)');
  });
  afterAll(() => db.close());

  it('wraps a single query as a table other cells can read, and replaces it on re-run', () => {
    const top = sqlCell('-- best first\nSELECT customer_id, sum(amount) AS revenue FROM orders GROUP BY 1 ORDER BY 2 DESC; -- end', 'top_customers');
    const plan = planCell(top, ctx);
    expect(plan?.relation).toBe('top_customers');
    expect(plan?.sql.text).toBe('CREATE OR REPLACE TABLE "top_customers" AS\nSELECT customer_id, sum(amount) AS revenue FROM orders GROUP BY 1 ORDER BY 2 DESC');
    db.query(plan!.sql);
    expect(db.query(cellResultSql('top_customers'))).toEqual([
      { customer_id: 1, revenue: 15 },
      { customer_id: 2, revenue: 7.5 },
    ]);
    db.query(planCell(sqlCell('WITH t AS (FROM orders) SELECT count(*) AS n FROM t', 'top_customers'), ctx)!.sql);
    expect(db.query('SELECT n FROM top_customers')).toEqual([{ n: 3 }]);
    db.query(planCell(sqlCell('SELECT n + 1 AS n FROM top_customers', 'top_customers'), ctx)!.sql);
    expect(db.query('SELECT n FROM top_customers')).toEqual([{ n: 4 }]);
    db.query(dropCellRelationSql('top_customers'));
    expect(db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'top_customers'")).toEqual([{ n: 0 }]);
  });

  it('runs several statements as they are, with no relation', () => {
    const plan = planCell(sqlCell('CREATE TABLE scratch AS SELECT 1 AS x; SELECT x + 1 AS y FROM scratch'), ctx);
    expect(plan?.relation).toBeNull();
    expect(db.query(plan!.sql)).toEqual([{ y: 2 }]);
  });

  it('has nothing to run for an empty SQL cell or a note', () => {
    expect(planCell(sqlCell('   '), ctx)).toBeNull();
    expect(planCell(addCell(newNotebook(), 'note').cells[0], ctx)).toBeNull();
    expect(planCell(addCell(newNotebook(), 'chart').cells[0], ctx)).toBeNull();
  });

  it('quotes the name, and wraps every query form DuckDB accepts after AS', () => {
    expect(cellRelationSql({ name: 'a"b' }, raw('SELECT 1')).text).toBe('CREATE OR REPLACE TABLE "a""b" AS\nSELECT 1');
    for (const q of ['FROM orders', 'FROM orders SELECT amount', 'VALUES (1), (2)', 'TABLE orders', '(SELECT 1) UNION ALL (SELECT 2)', 'PIVOT orders ON customer_id USING sum(amount)']) {
      const plan = planCell(sqlCell(q, 'shape'), ctx);
      expect(plan?.relation).toBe('shape');
      expect(() => db.query(plan!.sql)).not.toThrow();
    }
  });
});
