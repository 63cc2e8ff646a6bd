/**
 * Cell names: each cell's result is a relation other cells query by this name, so a name must
 * be a plain SQL identifier that needs no quoting, unique in the notebook, and must not hide a
 * canonical relation of the data model or a loaded table.
 */
import { isModelRelationName, MODEL_RELATIONS } from '../model/relations';
import { isIdentityRelationName } from '../identity/relations';
import { NotebookError } from './errors';

export const MAX_NAME_LENGTH = 63;
const NAME = /^[a-z_][a-z0-9_]*$/;

/** DuckDB's reserved keywords (duckdb_keywords(), category 'reserved'): not usable unquoted. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create default ' +
    'deferrable desc describe distinct do else end except false fetch for foreign from group having in initially ' +
    'intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer pivot_wider ' +
    'placing primary qualify references returning select show some summarize symmetric table then to trailing true ' +
    'union unique unpivot using variadic when where window with').split(' '),
);

/**
 * Clause words DuckDB does not reserve but a reader takes for SQL. The tokenizer does not
 * count them as relation names, so no cell may be called by one either: dependencies would miss it.
 */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set(
  ('join inner left right outer cross full natural semi anti positional asof recursive materialized by over partition ' +
    'rows range groups between is isnull notnull like ilike glob similar escape exists interval filter within ignore ' +
    'respect nulls first last preceding following unbounded current row sample tablesample insert update delete set ' +
    'values replace exclude struct map list').split(' '),
);

/** A word the tokenizer never reads as a relation name. */
export function isKeyword(word: string): boolean {
  return RESERVED_WORDS.has(word) || CLAUSE_WORDS.has(word);
}

export interface NameRules {
  /** Names of the other cells (the renamed cell's own name excluded). */
  taken: readonly string[];
  /** Tables loaded from files: a cell may not replace one. */
  loadedTables?: readonly string[];
}

/** Why `name` cannot name a cell, in words; null when it can. */
export function cellNameProblem(name: string, rules: NameRules): string | null {
  if (name.length === 0) return 'A cell needs a name.';
  if (name.length > MAX_NAME_LENGTH) return `"${name}" is too long: at most ${MAX_NAME_LENGTH} characters.`;
  if (!NAME.test(name)) return `"${name}" is not a valid name: use lower-case letters, digits and _, starting with a letter or _ (for example top_customers).`;
  if (isKeyword(name)) return `"${name}" is an SQL keyword: choose another name.`;
  if (isModelRelationName(name)) return `"${name}" is the name of a data model view (${MODEL_RELATIONS.join(', ')}): choose another name.`;
  if (isIdentityRelationName(name)) return `"${name}" is the name of a table identity stitching keeps: choose another name.`;
  const lower = (s: string): string => s.toLowerCase();
  if (rules.taken.some((t) => lower(t) === name)) return `Another cell is already called "${name}".`;
  // DuckDB names are case-insensitive, so Orders and orders are the same table.
  if ((rules.loadedTables ?? []).some((t) => lower(t) === name)) return `"${name}" is the name of a loaded table: choose another name.`;
  return null;
}

export function assertCellName(name: string, rules: NameRules, path = ''): void {
  const problem = cellNameProblem(name, rules);
  if (problem !== null) throw new NotebookError('bad-name', problem, { path });
}

/** `${base}` made into a valid name, suffixed `_2`, `_3`… until no name in `taken` has it. */
export function uniqueName(base: string, taken: Iterable<string>, firstSuffix: number | null = null): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let stem = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  if (!/^[a-z_]/.test(stem)) stem = `_${stem}`;
  const free = (n: string): boolean => !used.has(n) && !isKeyword(n) && !isModelRelationName(n);
  const fit = (suffix: string): string => `${stem.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
  if (firstSuffix === null && free(fit(''))) return fit('');
  for (let n = firstSuffix ?? 2; ; n++) {
    const candidate = fit(`_${n}`);
    if (free(candidate)) return candidate;
  }
}
