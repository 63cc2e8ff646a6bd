/**
 * Whitespace-aligned text (columns separated by runs of spaces, as in old reports and
 * the original CDNOW file). read_csv cannot split on "one or more spaces", so the engine
 * reads each line whole, splits it with a regular expression into a staging table,
 * and the final column types are chosen from every row, not a sample.
 */
import { ident, literal, join, raw, sql, structLiteral, type Sql } from '../sql';
import { shapeOf, isNumericShape } from './values';
import { uniqueColumnNames } from './columnNames';
import { commonReadOptions, readCsvCall } from './csv';
import type { CsvDialect } from './dialect';

export interface AlignedLayout {
  /** 'whitespace': split on runs of blanks; 'fixed': cut at character positions. */
  split: 'whitespace' | 'fixed';
  /** For 'fixed': [start, end) character ranges, 0-based. */
  ranges: [number, number][];
  /** Header names when the first line is a header. */
  header: string[] | null;
  columnCount: number;
  /** Per column, the typed readings every sampled value allows (the probe checks only these). */
  candidates: Candidate[][];
}

export type Candidate = 'ymd' | 'int' | 'dbl' | 'date' | 'ts';

const CANDIDATE_TESTS: Record<Candidate, RegExp> = {
  ymd: /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/,
  int: /^[-+]?\d+$/,
  dbl: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
  date: /^\d{4}-\d{1,2}-\d{1,2}$/,
  ts: /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/,
};

function candidatesOf(rows: string[][], width: number): Candidate[][] {
  const out: Candidate[][] = [];
  for (let c = 0; c < width; c++) {
    const values = rows.map((r) => r[c]).filter((v): v is string => v !== undefined && v !== '');
    out.push((Object.keys(CANDIDATE_TESTS) as Candidate[]).filter((k) => values.every((v) => CANDIDATE_TESTS[k].test(v))));
  }
  return out;
}

const SAMPLE_LINES = 400;

function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

function mostlyTyped(rows: string[][], width: number): boolean {
  for (let c = 0; c < width; c++) {
    let typed = 0;
    let n = 0;
    for (const r of rows) {
      const v = r[c];
      if (v === undefined || v === '') continue;
      n++;
      const s = shapeOf(v);
      if (isNumericShape(s) || s === 'date' || s === 'timestamp') typed++;
    }
    if (n > 0 && typed / n >= 0.9) return true;
  }
  return false;
}

function headerOf(first: string[], rest: string[][], width: number): string[] | null {
  if (first.length !== width) return null;
  const firstTyped = first.some((v) => isNumericShape(shapeOf(v)));
  if (firstTyped || !mostlyTyped(rest, width)) return null;
  return uniqueColumnNames(first).names;
}

function fixedRanges(lines: string[]): [number, number][] {
  const width = Math.max(...lines.map((l) => l.length));
  const gap: boolean[] = new Array(width).fill(true);
  for (const l of lines) for (let i = 0; i < l.length; i++) if (l[i] !== ' ') gap[i] = false;
  const ranges: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= width; i++) {
    const isGap = i === width || gap[i];
    if (!isGap && start < 0) start = i;
    if (isGap && start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  }
  return ranges;
}

/**
 * The layout of whitespace-aligned lines, or null when the text is not a table of that kind.
 * Requires a consistent number of fields and at least one numeric or date column, so that
 * ordinary prose or a list of names is not taken for a table.
 */
export function detectAligned(allLines: readonly string[]): AlignedLayout | null {
  const lines = allLines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  if (lines.length === 0 || lines.some((l) => l.includes('\t'))) return null;
  const split = lines.map(tokens);
  const counts = new Map<number, number>();
  for (const t of split) counts.set(t.length, (counts.get(t.length) ?? 0) + 1);
  let modal = 0;
  let freq = 0;
  for (const [c, f] of counts) if (f > freq) [modal, freq] = [c, f];
  const body = split.slice(1);
  if (modal >= 2 && freq / lines.length >= 0.95 && mostlyTyped(body.length > 0 ? body : split, modal)) {
    const header = headerOf(split[0], body, modal);
    return { split: 'whitespace', ranges: [], header, columnCount: modal, candidates: candidatesOf(header ? body : split, modal) };
  }
  // Values with spaces inside ("New York"): fall back to the columns of blanks shared by every line.
  const ranges = fixedRanges(lines);
  if (ranges.length < 2) return null;
  const cut = lines.map((l) => ranges.map(([s, e]) => l.slice(s, e).trim()));
  const fixedBody = cut.slice(1);
  if (!mostlyTyped(fixedBody.length > 0 ? fixedBody : cut, ranges.length)) return null;
  const header = headerOf(cut[0], fixedBody, ranges.length);
  return { split: 'fixed', ranges, header, columnCount: ranges.length, candidates: candidatesOf(header ? fixedBody : cut, ranges.length) };
}

/** The unit separator: a character that does not occur in text, so each line is one value. */
const WHOLE_LINE = '\u001f';

/** Stage 1: every non-blank line split into a list `p` of strings. */
export function alignedStageSql(
  staging: string,
  registeredName: string,
  layout: AlignedLayout,
  d: Pick<CsvDialect, 'encoding' | 'maxLineSize' | 'compression'>,
): Sql {
  const options: Sql[] = [
    sql`columns=${structLiteral({ line: 'VARCHAR' })}`,
    sql`delim=${literal(WHOLE_LINE)}`,
    sql`quote=${literal('')}`,
    sql`escape=${literal('')}`,
    sql`header=${literal(false)}`,
    sql`auto_detect=${literal(false)}`,
    sql`skip=${literal(layout.header ? 1 : 0)}`,
    ...commonReadOptions(d),
  ];
  const line = ident('line');
  const parts =
    layout.split === 'whitespace'
      ? sql`string_split_regex(trim(${line}), ${literal('\\s+')})`
      : sql`list_value(${join(layout.ranges.map(([s, e]) => sql`trim(substring(${line}, ${literal(s + 1)}, ${literal(e - s)}))`))})`;
  return sql`CREATE TEMP TABLE ${ident(staging)} AS SELECT ${parts} AS p FROM ${readCsvCall(registeredName, options)} WHERE trim(${line}) <> ''`;
}

/** Stage 2: the widest row, over the whole file. */
export function alignedWidthSql(staging: string): Sql {
  return sql`SELECT max(len(p)) AS width, count(*) AS rows, count(*) FILTER (WHERE len(p) <> (SELECT max(len(p)) FROM ${ident(staging)})) AS short FROM ${ident(staging)}`;
}

export type AlignedType = 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'VARCHAR';

function part(k: number): Sql {
  return sql`nullif(p[${literal(k)}], '')`;
}

/**
 * The SQL test for each reading. A cheap regular expression guards the casts: a failing
 * TRY_CAST or try_strptime costs microseconds per value, and AND evaluates its right side
 * only for rows that passed the left.
 */
function candidateTest(c: Candidate, v: Sql): Sql {
  switch (c) {
    case 'ymd':
      return sql`(regexp_full_match(${v}, '(19|20)\\d{6}') AND try_strptime(${v}, '%Y%m%d') IS NOT NULL)`;
    case 'int':
      // TRY_CAST('29.33' AS BIGINT) rounds instead of failing: require digits only.
      return sql`(regexp_full_match(${v}, '[-+]?\\d+') AND TRY_CAST(${v} AS BIGINT) IS NOT NULL)`;
    case 'dbl':
      return sql`TRY_CAST(${v} AS DOUBLE) IS NOT NULL`;
    case 'date':
      return sql`(regexp_full_match(${v}, '\\d{4}-\\d{1,2}-\\d{1,2}') AND TRY_CAST(${v} AS DATE) IS NOT NULL)`;
    case 'ts':
      return sql`(regexp_full_match(${v}, '\\d{4}-\\d{1,2}-\\d{1,2}[T ].*') AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL)`;
  }
}

const ALL_CANDIDATES: Candidate[] = ['ymd', 'int', 'dbl', 'date', 'ts'];

/**
 * Stage 3: for each column, whether every value (not just the sample) fits each reading
 * the sample allowed. Columns wider than the sample are tested for every reading.
 */
export function alignedProbeSql(staging: string, width: number, candidates: readonly Candidate[][] = []): Sql {
  const cols: Sql[] = [];
  for (let k = 1; k <= width; k++) {
    const v = part(k);
    cols.push(sql`count(${v}) AS ${ident(`n${k}`)}`);
    for (const c of candidates[k - 1] ?? ALL_CANDIDATES) {
      cols.push(sql`coalesce(bool_and(${v} IS NULL OR ${candidateTest(c, v)}), false) AS ${ident(`${c}${k}`)}`);
    }
  }
  return sql`SELECT ${join(cols)} FROM ${ident(staging)}`;
}

export function alignedTypes(probe: Record<string, unknown>, width: number): AlignedType[] {
  const types: AlignedType[] = [];
  for (let k = 1; k <= width; k++) {
    const yes = (name: string) => probe[`${name}${k}`] === true;
    if (!(Number(probe[`n${k}`]) > 0)) types.push('VARCHAR');
    else if (yes('ymd')) types.push('DATE');
    else if (yes('int')) types.push('BIGINT');
    else if (yes('dbl')) types.push('DOUBLE');
    else if (yes('date')) types.push('DATE');
    else if (yes('ts')) types.push('TIMESTAMP');
    else types.push('VARCHAR');
  }
  return types;
}

function typed(k: number, type: AlignedType): Sql {
  const v = part(k);
  if (type === 'DATE') return sql`CAST(coalesce(try_strptime(${v}, '%Y%m%d'), TRY_CAST(${v} AS TIMESTAMP)) AS DATE)`;
  if (type === 'VARCHAR') return v;
  return sql`CAST(${v} AS ${raw(type)})`;
}

/** Stage 4: the typed table. */
export function alignedFinishSql(table: string, staging: string, names: readonly string[], types: readonly AlignedType[]): Sql {
  const cols = types.map((t, i) => sql`${typed(i + 1, t)} AS ${ident(names[i])}`);
  return sql`CREATE TABLE ${ident(table)} AS SELECT ${join(cols)} FROM ${ident(staging)}`;
}

export function alignedDropSql(staging: string): Sql {
  return sql`DROP TABLE IF EXISTS ${ident(staging)}`;
}

/** Column names: the header's, else column_1, column_2… */
export function alignedNames(layout: AlignedLayout, width: number): string[] {
  const names: string[] = [];
  for (let k = 0; k < width; k++) names.push(layout.header?.[k] ?? `column_${k + 1}`);
  return uniqueColumnNames(names).names;
}
