/**
 * After a load: text columns that are really dates or numbers. Dates in one or several
 * recognisable formats are converted when every value parses and the day/month order is
 * settled by the data; otherwise the column stays text and a warning says which formats
 * were seen. Numbers written with currency signs or decimal commas are only reported,
 * with the statement that would convert them.
 */
import { ident, join, literal, sql, type Sql } from '../sql';
import type { Row } from '../engine/rows';
import type { ColumnInfo } from '../engine/schema';
import { dateFamilyOf, strptimeFormats, type DateFamily } from './dates';
import { shapeOf, isNullToken, type ValueShape } from './values';

export type QueryFn = (statement: Sql) => Promise<Row[]>;

export interface Suggestion {
  column: string;
  message: string;
  /** A statement the user may choose to run. */
  sql: Sql;
}

export interface Refinement {
  /** Statements to run, in order, to apply the conversions described in `notes`. */
  statements: Sql[];
  notes: string[];
  warnings: string[];
  suggestions: Suggestion[];
}

const SAMPLE_ROWS = 5000;

function cleaned(col: Sql): Sql {
  return sql`nullif(trim(${col}), '')`;
}

/** Month-name dates: drop a leading weekday and ordinal suffixes before strptime. */
function monthNameText(v: Sql): Sql {
  return sql`regexp_replace(regexp_replace(${v}, '^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+', '', 'i'), '(\\d)(st|nd|rd|th)\\b', '\\1', 'g')`;
}

/** The expression that reads every family seen (one order for numeric dates). */
function dateExpr(v: Sql, families: readonly DateFamily[], order: 'dmy' | 'mdy'): Sql {
  const parts: Sql[] = [];
  for (const f of families) {
    if (f.key.startsWith('iso')) {
      // Through TIMESTAMPTZ so that an offset (…+02:00) is honoured. The engine runs without
      // the ICU extension, so TIMESTAMPTZ → TIMESTAMP gives UTC, not the browser's local time.
      parts.push(sql`TRY_CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP)`);
    } else {
      const formats = strptimeFormats(f, order);
      const text = f.key.startsWith('month-name') ? monthNameText(v) : v;
      parts.push(sql`try_strptime(${text}, [${join(formats.map((x) => literal(x)))}])`);
    }
  }
  return parts.length === 1 ? parts[0] : sql`coalesce(${join(parts)})`;
}

function dedupeFamilies(values: readonly string[]): { families: DateFamily[]; recognised: number } {
  const byKey = new Map<string, DateFamily>();
  let recognised = 0;
  for (const v of values) {
    const f = dateFamilyOf(v);
    if (!f) continue;
    recognised++;
    if (!byKey.has(f.key)) byKey.set(f.key, f);
  }
  return { families: [...byKey.values()], recognised };
}

/** The source rows of a column, trimmed, blanks and placeholders removed, as "v". */
function valuesOf(table: string, column: string): Sql {
  const col = ident(column);
  return sql`(SELECT ${cleaned(col)} AS v FROM ${ident(table)} WHERE NOT coalesce(${isNullTokenSql(col)}, false))`;
}

/** The largest first and second numbers of numeric dates: a value above 12 settles the order. */
async function orderEvidence(query: QueryFn, table: string, column: string): Promise<{ firstMax: number; secondMax: number }> {
  const v = ident('v');
  const part = (k: number) => sql`TRY_CAST(regexp_extract(${v}, '^(\\d{1,2})[/.-](\\d{1,2})[/.-]\\d{2,4}', ${literal(k)}) AS INTEGER)`;
  const [r] = await query(sql`SELECT coalesce(max(${part(1)}), 0) AS first_max, coalesce(max(${part(2)}), 0) AS second_max FROM ${valuesOf(table, column)}`);
  return { firstMax: Number(r?.first_max ?? 0), secondMax: Number(r?.second_max ?? 0) };
}

/** How many values of the whole column one reading fails on, and one of them. */
async function unreadable(query: QueryFn, table: string, column: string, families: readonly DateFamily[], order: 'dmy' | 'mdy'): Promise<{ bad: number; example: string | null }> {
  const v = ident('v');
  const expr = dateExpr(v, families, order);
  const [r] = await query(sql`SELECT count(${v}) FILTER (WHERE ${expr} IS NULL) AS bad, min(${v}) FILTER (WHERE ${expr} IS NULL) AS example FROM ${valuesOf(table, column)}`);
  return { bad: Number(r?.bad ?? 0), example: typeof r?.example === 'string' ? r.example : null };
}

function isNullTokenSql(col: Sql): Sql {
  return sql`trim(${col}) IN ('null', 'NULL', 'Null', 'n/a', 'N/A', 'NA', 'na', '-', 'none', 'None', 'NaN', '#N/A')`;
}

function alterToDate(table: string, column: string, type: 'DATE' | 'TIMESTAMP', families: readonly DateFamily[], order: 'dmy' | 'mdy'): Sql {
  const col = ident(column);
  const expr = sql`CASE WHEN ${isNullTokenSql(col)} THEN NULL ELSE ${dateExpr(cleaned(col), families, order)} END`;
  return type === 'DATE'
    ? sql`ALTER TABLE ${ident(table)} ALTER COLUMN ${col} SET DATA TYPE DATE USING CAST(${expr} AS DATE)`
    : sql`ALTER TABLE ${ident(table)} ALTER COLUMN ${col} SET DATA TYPE TIMESTAMP USING ${expr}`;
}

async function refineDates(query: QueryFn, table: string, column: string, sample: readonly string[], out: Refinement): Promise<boolean> {
  const values = sample.filter((s) => !isNullToken(s));
  if (values.length === 0) return false;
  const { families, recognised } = dedupeFamilies(values);
  if (families.length === 0 || recognised < values.length) return false;

  const labels = families.map((f) => f.label);
  const formats = families.length === 1 ? `in the format ${labels[0]}` : `in ${families.length} formats: ${labels.join('; ')}`;
  const type = families.some((f) => f.hasTime) ? 'TIMESTAMP' : 'DATE';
  const numeric = families.some((f) => f.order !== undefined);
  const { firstMax, secondMax } = numeric ? await orderEvidence(query, table, column) : { firstMax: 0, secondMax: 0 };

  if (numeric && firstMax > 12 && secondMax > 12) {
    out.warnings.push(`Column "${column}" was left as text: it holds dates ${formats}, but some numeric dates put the day first and others the month first.`);
    return true;
  }
  if (numeric && firstMax <= 12 && secondMax <= 12) {
    out.warnings.push(
      `Column "${column}" was left as text: it holds dates ${formats}, but dates like 01/03/2024 could be 1 March or 3 January, and no value settles which.`,
    );
    if ((await unreadable(query, table, column, families, 'dmy')).bad === 0) {
      out.suggestions.push({
        column,
        message: `If "${column}" is day/month/year, this converts it to ${type} (use %m/%d for month/day/year).`,
        sql: alterToDate(table, column, type, families, 'dmy'),
      });
    }
    return true;
  }

  const order = numeric && secondMax > 12 ? 'mdy' : 'dmy';
  const check = await unreadable(query, table, column, families, order);
  if (check.bad > 0) {
    const such = check.example ? `, such as "${check.example}",` : '';
    out.warnings.push(`Column "${column}" was left as text: it holds dates ${formats}, but ${check.bad} value${check.bad === 1 ? '' : 's'}${such} ${check.bad === 1 ? 'does' : 'do'} not read as dates.`);
    return true;
  }
  out.statements.push(alterToDate(table, column, type, families, order));
  const how = numeric ? `, reading numeric dates as ${order === 'dmy' ? 'day/month/year' : 'month/day/year'}` : '';
  out.notes.push(`Column "${column}" held dates as text ${formats}; converted to ${type}${how}.`);
  return true;
}

const FORMATTED_NUMBER: ReadonlySet<ValueShape> = new Set(['currency', 'decimal-comma', 'grouped-comma-dot', 'grouped-dot-comma', 'percent']);
const PLAIN_NUMBER: ReadonlySet<ValueShape> = new Set(['integer', 'decimal']);

function reportNumbers(table: string, column: string, sample: readonly string[], out: Refinement): void {
  const values = sample.filter((s) => !isNullToken(s));
  if (values.length === 0) return;
  const shapes = values.map(shapeOf);
  if (!shapes.every((s) => FORMATTED_NUMBER.has(s) || PLAIN_NUMBER.has(s))) return;
  const formatted = values.filter((_, i) => FORMATTED_NUMBER.has(shapes[i]));
  if (formatted.length === 0) return;
  const commaDecimal = shapes.some((s) => s === 'decimal-comma' || s === 'grouped-dot-comma') || formatted.some((v) => /\d,\d{1,2}\s*(?:[^\d]|$)/.test(v) && !/\d,\d{3}/.test(v));
  const c = ident(column);
  const digits = sql`regexp_replace(${c}, '[^0-9,.\\-]', '', 'g')`;
  const normalised = commaDecimal ? sql`replace(replace(${digits}, '.', ''), ',', '.')` : sql`replace(${digits}, ',', '')`;
  const statement = sql`ALTER TABLE ${ident(table)} ALTER COLUMN ${c} SET DATA TYPE DOUBLE USING TRY_CAST(${normalised} AS DOUBLE)`;
  const what = shapes.includes('currency') ? 'currency symbols' : shapes.includes('percent') ? 'percent signs' : commaDecimal ? 'decimal commas' : 'thousands separators';
  out.warnings.push(`Column "${column}" holds numbers written as text with ${what} (e.g. "${formatted[0]}"), so it cannot be summed yet.`);
  out.suggestions.push({
    column,
    message: `Convert "${column}" to numbers${commaDecimal ? ' (reading "," as the decimal separator)' : ''}.`,
    sql: statement,
  });
}

/**
 * Inspect the text columns of a loaded table. `columns` saves a DESCRIBE when the caller
 * already has it. Run the returned statements in order to apply the conversions.
 */
export async function refineTable(query: QueryFn, table: string, columns?: readonly ColumnInfo[]): Promise<Refinement> {
  const out: Refinement = { statements: [], notes: [], warnings: [], suggestions: [] };
  const info =
    columns ??
    (await query(sql`DESCRIBE ${ident(table)}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const text = info.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
  if (text.length === 0) return out;
  const rows = await query(sql`SELECT ${join(text.map((c) => ident(c)))} FROM ${ident(table)} LIMIT ${literal(SAMPLE_ROWS)}`);
  for (const column of text) {
    const seen = new Set<string>();
    for (const r of rows) {
      const v = r[column];
      if (typeof v === 'string' && v.trim() !== '') seen.add(v.trim());
    }
    const sample = [...seen];
    if (sample.length === 0) continue;
    if (await refineDates(query, table, column, sample, out)) continue;
    reportNumbers(table, column, sample, out);
  }
  return out;
}
