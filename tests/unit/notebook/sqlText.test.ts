import { describe, expect, it } from 'vitest';
import { referencedNames, singleQuery, tokenize } from '../../../src/lib/notebook';

describe('SQL tokenizer', () => {
  it('keeps strings, quoted identifiers and comments whole', () => {
    const t = tokenize(`SELECT 'a;b''c', "we""ird;", E'it\\'s;' -- x; y\n/* a /* nested; */ b; */ FROM t`);
    expect(t.map((x) => `${x.type}:${x.value}`)).toEqual([
      'word:select',
      "string:'a;b''c'",
      'punct:,',
      'quoted:we"ird;',
      'punct:,',
      "string:E'it\\'s;'",
      'word:from',
      'word:t',
    ]);
  });

  it('reads dollar-quoted strings, parameters, numbers and casts', () => {
    const t = tokenize('SELECT $$a;b$$, $tag$x$$y$tag$, $1, 1.5e-3, x::int');
    expect(t.filter((x) => x.type !== 'punct').map((x) => `${x.type}:${x.value}`)).toEqual([
      'word:select',
      'string:$$a;b$$',
      'string:$tag$x$$y$tag$',
      'param:$1',
      'number:1.5e-3',
      'word:x',
      'word:int',
    ]);
  });

  it('never throws on unterminated strings and comments', () => {
    expect(tokenize("SELECT 'abc").map((x) => x.type)).toEqual(['word', 'string']);
    expect(tokenize('SELECT "abc').map((x) => x.value)).toEqual(['select', 'abc']);
    expect(tokenize('SELECT /* abc')).toHaveLength(1);
  });
});

describe('relation names a query references', () => {
  it('finds tables and cells, not keywords, functions, aliases or qualified columns', () => {
    expect(referencedNames('SELECT c.customer_id, sum(o.amount) AS total FROM top_customers c JOIN orders o USING (customer_id)')).toEqual([
      'c',
      'o',
      'top_customers',
      'orders',
      'customer_id',
    ]);
    expect(referencedNames("SELECT * FROM read_csv('x.csv')")).toEqual([]);
    expect(referencedNames('SELECT x::bigint AS n FROM main.cell_a')).toEqual(['x', 'cell_a']);
  });

  it('ignores names inside strings and comments, and reads quoted identifiers case-insensitively', () => {
    expect(referencedNames("SELECT 'FROM hidden' AS s -- FROM hidden2\n /* hidden3 */ FROM \"Top_Customers\"")).toEqual(['top_customers']);
  });

  it('excludes CTE names of the same statement, but not of another statement', () => {
    const text = 'WITH recent AS (SELECT * FROM orders), big(x) AS MATERIALIZED (SELECT 1) SELECT * FROM recent, big; SELECT * FROM recent';
    expect(referencedNames(text)).toEqual(['orders', 'x', 'recent']);
    expect(referencedNames('WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT * FROM r) SELECT * FROM r')).toEqual([]);
  });
});

describe('single query detection', () => {
  it('accepts one SELECT-like statement, trimming a trailing ; and comments', () => {
    expect(singleQuery('  SELECT 1;  -- done\n')).toBe('SELECT 1');
    expect(singleQuery('-- top\nWITH a AS (SELECT 1) SELECT * FROM a')).toBe('WITH a AS (SELECT 1) SELECT * FROM a');
    expect(singleQuery('FROM t')).toBe('FROM t');
    expect(singleQuery('(SELECT 1) UNION (SELECT 2)')).toBe('(SELECT 1) UNION (SELECT 2)');
    expect(singleQuery("SELECT ';' AS s")).toBe("SELECT ';' AS s");
  });

  it('rejects several statements, writes, and statements that are not queries', () => {
    expect(singleQuery('SELECT 1; SELECT 2')).toBeNull();
    expect(singleQuery('CREATE TABLE x AS SELECT 1')).toBeNull();
    expect(singleQuery('WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a')).toBeNull();
    expect(singleQuery('SUMMARIZE t')).toBeNull();
    expect(singleQuery('SET threads = 1')).toBeNull();
    expect(singleQuery('  -- nothing\n ; ')).toBeNull();
  });
});
