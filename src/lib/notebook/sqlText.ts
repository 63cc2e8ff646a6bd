/**
 * What a SQL cell's text is: which relation names it mentions, and whether it is a single
 * query that can become the cell's relation (`CREATE OR REPLACE TABLE <name> AS <query>`).
 */
import { splitStatements, tokenize, type Token } from './sqlTokens';
import { isKeyword } from './names';

/** Words that start a statement DuckDB accepts after `CREATE TABLE … AS` (checked on the engine). */
const QUERY_STARTS = new Set(['select', 'with', 'from', 'values', 'table', 'pivot', 'unpivot']);
/** Data-changing statements a WITH may lead into: those are not queries. */
const WRITES = new Set(['insert', 'update', 'delete', 'merge', 'copy', 'create', 'drop', 'alter']);
/** Schemas in which `schema.name` still names a relation a cell could have made. */
const SCHEMAS = new Set(['main', 'temp', 'memory']);
const isPunct = (t: Token | undefined, v: string): boolean => t !== undefined && t.type === 'punct' && t.value === v;
const isWord = (t: Token | undefined, v: string): boolean => t !== undefined && t.type === 'word' && t.value === v;

/**
 * The query of a cell whose text is one SELECT-like statement (a trailing `;` and trailing
 * comments dropped), or null when the text is several statements, not a query, or empty.
 * DuckDB runs every statement of `CREATE TABLE x AS SELECT 1; SELECT 2` and keeps only the
 * first as x, so wrapping is done only when there is exactly one statement.
 */
export function singleQuery(text: string): string | null {
  const tokens = tokenize(text);
  const statements = splitStatements(tokens);
  if (statements.length !== 1) return null;
  const stmt = statements[0];
  const first = stmt[0];
  if (!(isPunct(first, '(') || (first.type === 'word' && QUERY_STARTS.has(first.value)))) return null;
  if (isWord(first, 'with') && topLevelWords(stmt).some((w) => WRITES.has(w))) return null;
  return text.slice(first.start, stmt[stmt.length - 1].end);
}

/** Words outside any parentheses. */
function topLevelWords(stmt: readonly Token[]): string[] {
  let depth = 0;
  const out: string[] = [];
  for (const t of stmt) {
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.type === 'word') out.push(t.value);
  }
  return out;
}

/**
 * Names the text may use as relations, lower-cased, in order of first use. Deliberately
 * generous (any identifier that is not a keyword, an alias, a function, a column after `.`
 * or a CTE of the same statement): dependencies keep only names of cells, so an extra
 * word at worst marks a cell stale for nothing, while a missed one would leave it wrong.
 * Quoted identifiers count: DuckDB matches "Top_Customers" to top_customers.
 */
export function referencedNames(text: string): string[] {
  const found = new Set<string>();
  for (const stmt of splitStatements(tokenize(text))) {
    const ctes = cteNames(stmt);
    stmt.forEach((t, i) => {
      if (t.type !== 'word' && t.type !== 'quoted') return;
      const name = t.value.toLowerCase();
      if (t.type === 'word' && isKeyword(name)) return;
      if (ctes.has(name) || name.length === 0) return;
      const prev = stmt[i - 1];
      const next = stmt[i + 1];
      if (isPunct(next, '(')) return; // a function call: read_csv(…), count(…)
      if (isPunct(next, '.') && SCHEMAS.has(name)) return; // main.x: the schema, not a relation
      if (isWord(prev, 'as')) return; // an alias or a type
      if (isPunct(prev, '::')) return; // a cast's type
      if (isPunct(prev, '.')) {
        const qualifier = stmt[i - 2];
        if (!qualifier || !SCHEMAS.has(qualifier.value.toLowerCase())) return; // t.column
      }
      found.add(name);
    });
  }
  return [...found];
}

/** Names defined by `WITH [RECURSIVE] a [(cols)] AS [NOT] [MATERIALIZED] (…), b AS (…)` anywhere in the statement. */
export function cteNames(stmt: readonly Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < stmt.length; i++) {
    if (!isWord(stmt[i], 'with')) continue;
    let j = i + 1;
    if (isWord(stmt[j], 'recursive')) j++;
    for (;;) {
      const nameTok = stmt[j];
      if (!nameTok || (nameTok.type !== 'word' && nameTok.type !== 'quoted')) break;
      j++;
      if (isPunct(stmt[j], '(')) j = skipGroup(stmt, j);
      if (!isWord(stmt[j], 'as')) break;
      names.add(nameTok.value.toLowerCase());
      j++;
      while (isWord(stmt[j], 'not') || isWord(stmt[j], 'materialized')) j++;
      if (!isPunct(stmt[j], '(')) break;
      j = skipGroup(stmt, j);
      if (!isPunct(stmt[j], ',')) break;
      j++;
    }
  }
  return names;
}

/** Index just past the parenthesised group opening at `i`. */
function skipGroup(stmt: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < stmt.length; j++) {
    if (isPunct(stmt[j], '(')) depth++;
    else if (isPunct(stmt[j], ')') && --depth === 0) return j + 1;
  }
  return stmt.length;
}
