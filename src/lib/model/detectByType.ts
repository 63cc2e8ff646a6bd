/**
 * Roles by type alone, for tables whose names say nothing (a headerless file loads as
 * column0…column4, like the aligned CDNOW text: master id, sample id, yyyymmdd date, cds,
 * dollars). The guesses are labelled low-confidence so the mapping screen asks to confirm.
 */
import type { ColumnCandidates } from './detectColumns';
import type { Assignment } from './assignment';

function free(cols: readonly ColumnCandidates[], assigned: ReadonlyMap<string, Assignment>): ColumnCandidates[] {
  return cols.filter((c) => !assigned.has(c.column.name));
}

function hasRole(assigned: ReadonlyMap<string, Assignment>, role: Assignment['role']): boolean {
  return [...assigned.values()].some((a) => a.role === role);
}

/** The time of each row: the only DATE/TIMESTAMP column, else the first, else a yyyymmdd number. */
export function timeByType(cols: readonly ColumnCandidates[], assigned: Map<string, Assignment>): void {
  if (hasRole(assigned, 'occurred_at')) return;
  const dates = free(cols, assigned).filter((c) => c.family === 'date' || c.family === 'timestamp');
  if (dates.length > 0) {
    const only = dates.length === 1;
    assigned.set(dates[0].column.name, {
      role: 'occurred_at',
      confidence: only ? 0.5 : 0.35,
      reason: only ? `"${dates[0].column.name}" is the only date column` : `"${dates[0].column.name}" is the first of several date columns`,
    });
    return;
  }
  const numeric = free(cols, assigned).find((c) => c.yyyymmdd);
  if (numeric) {
    assigned.set(numeric.column.name, { role: 'occurred_at', confidence: 0.45, reason: `The values of "${numeric.column.name}" look like dates written as yyyymmdd`, format: 'yyyymmdd' });
  }
}

/** The customer id: the first whole-number or text column; the amount: the last decimal column. */
export function idAndAmountByType(cols: readonly ColumnCandidates[], assigned: Map<string, Assignment>): void {
  if (!hasRole(assigned, 'customer_id')) {
    const id = free(cols, assigned).find((c) => (c.family === 'integer' || c.family === 'text') && !c.yyyymmdd);
    if (id) assigned.set(id.column.name, { role: 'customer_id', confidence: 0.35, reason: `"${id.column.name}" is the first id-like column` });
  }
  if (!hasRole(assigned, 'amount')) {
    const decimals = free(cols, assigned).filter((c) => c.family === 'number');
    const last = decimals[decimals.length - 1];
    if (last) assigned.set(last.column.name, { role: 'amount', confidence: 0.4, reason: `"${last.column.name}" is the last decimal column` });
  }
}
