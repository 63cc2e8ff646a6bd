/**
 * Most exports hold clean text: no blank ids, no values padded with spaces. Checking that
 * once, when the model is built, lets the activity and customer views read such columns as
 * they are; otherwise every query over `activity` trims every value again (about 3× slower
 * scans in WebAssembly). Only the views change: their values are the same either way.
 */
import { ident, join, sql, type Sql } from '../sql';
import { typeFamily } from '../engine/schema';
import type { DataModel } from './datamodel';

export interface TidyCheck {
  table: string;
  /** One row; column "0", "1"… is TRUE when that text column needs trimming. */
  sql: Sql;
  columns: string[];
}

/** One query per mapped table with text columns. */
export function tidyChecks(model: DataModel): TidyCheck[] {
  const out: TidyCheck[] = [];
  for (const t of model.tables) {
    const columns = [...new Set(t.columns.filter((c) => typeFamily(c.type) === 'text').map((c) => c.column))];
    if (!columns.length) continue;
    const tests = columns.map((name, i) => {
      const c = sql`CAST(${ident(name)} AS VARCHAR)`;
      return sql`coalesce(bool_or(${c} = '' OR starts_with(${c}, ' ') OR ends_with(${c}, ' ')), FALSE) AS ${ident(String(i))}`;
    });
    out.push({ table: t.table, columns, sql: sql`SELECT ${join(tests, ', ')} FROM ${ident(t.table)}` });
  }
  return out;
}

/** The model with `tidy` set on each text column the checks found clean (and cleared elsewhere). */
export function withTidyColumns(model: DataModel, untidy: ReadonlyMap<string, ReadonlySet<string>>): DataModel {
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => {
        const { tidy: _old, ...rest } = c;
        void _old;
        const clean = typeFamily(c.type) === 'text' && untidy.has(t.table) && !untidy.get(t.table)!.has(c.column);
        return clean ? { ...rest, tidy: true } : rest;
      }),
    })),
  };
}

/** Reads one check's row into the set of columns that need trimming. */
export function untidyColumns(check: TidyCheck, row: Record<string, unknown> | undefined): Set<string> {
  return new Set(check.columns.filter((_, i) => row?.[String(i)] !== false));
}

