/**
 * Profiling a loaded table: the discovery step of a CRM project. Run after the table is
 * loaded and described (TableInfo), and after the data model is confirmed when warnings
 * about customer ids and amounts are wanted:
 *
 *   const profile = await profileTable(table, (q) => engine.query(q));
 *   const warnings = profileWarnings(profile, model.tables.find((t) => t.table === table.name));
 *
 * Two passes over the table in all (see profileSql.ts).
 */
import type { Sql } from '../sql';
import type { TableInfo } from '../engine/schema';
import type { Row } from '../engine/rows';
import { profileDistributionSql, profileSql } from './profileSql';
import { readDistribution, readProfileStats } from './profileParse';
import type { ProfileOptions, TableProfile } from './profileTypes';

export type { ColumnProfile, Histogram, HistogramBin, ProfileOptions, ProfileWarning, TableProfile, TopValue, WarningCode } from './profileTypes';
export { profileWarnings } from './profileWarnings';
export { profileSql, profileDistributionSql, type DistributionRequest } from './profileSql';
export { readProfileStats, readDistribution } from './profileParse';

/** Runs one statement and returns its rows as plain objects (the engine client's query). */
export type RunQuery = (query: Sql) => Promise<readonly Row[]> | readonly Row[];

export const DEFAULT_BINS = 20;

/** Today's date on this computer as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export async function profileTable(table: TableInfo, run: RunQuery, options: ProfileOptions = {}): Promise<TableProfile> {
  const today = options.today ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be YYYY-MM-DD, not ${today}`);
  const bins = Math.max(1, Math.floor(options.bins ?? DEFAULT_BINS));
  const { profile, requests } = readProfileStats(table, await run(profileSql(table, today)), today, bins);
  const second = profileDistributionSql(table, requests);
  return second ? readDistribution(profile, requests, await run(second)) : profile;
}
