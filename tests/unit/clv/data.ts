/**
 * Reference data for the CLV tests, read from ../shared/data (never copied into the repo).
 * Each loader returns null when the file is absent so tests can skip with a clear message.
 */
import { readFileSync } from 'node:fs';
import { sharedData } from '../helpers/duckdb';
import { summarize, type CustomerSummary, type Transaction } from '../../../src/lib/clv';

export const CDNOW_CSV = sharedData('cdnow/cdnow_sample.csv');
export const DONATIONS_CSV = sharedData('cdnow/donations.csv');
export const MISSING = (file: string): string => `reference data ../shared/data/${file} is absent — tests that need it are skipped`;

// Say once, loudly, why tests are skipped instead of letting them fail obscurely.
if (!CDNOW_CSV) console.warn(MISSING('cdnow/cdnow_sample.csv'));
if (!DONATIONS_CSV) console.warn(MISSING('cdnow/donations.csv'));

export function cdnowTransactions(): Transaction[] {
  if (!CDNOW_CSV) throw new Error(MISSING('cdnow/cdnow_sample.csv'));
  const lines = readFileSync(CDNOW_CSV, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [customerId, date, , dollars] = line.split(',');
    return { customerId: Number(customerId), occurredAt: date, amount: Number(dollars) };
  });
}

let cached: CustomerSummary | null = null;
/** The FHL (2005) calibration summary: 1997-01-01 … 1997-09-30 in weeks, holdout to 1998-06-30. */
export function cdnowSummary(): CustomerSummary {
  cached ??= summarize(cdnowTransactions(), { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
  return cached;
}

export function donations(): { x: number[]; tx: number[]; T: number[]; weights: number[] } {
  if (!DONATIONS_CSV) throw new Error(MISSING('cdnow/donations.csv'));
  const rows = readFileSync(DONATIONS_CSV, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r[0]), tx: rows.map((r) => r[1]), T: rows.map((r) => r[2]), weights: rows.map((r) => r[3]) };
}

/** |actual/expected − 1| ≤ tol. */
export function within(actual: number, expected: number, tol: number): boolean {
  return Math.abs(actual / expected - 1) <= tol;
}
