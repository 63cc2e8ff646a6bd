/** Reading profiling results back into a TableProfile. */
import type { TableInfo, TypeFamily } from '../engine/schema';
import type { Row } from '../engine/rows';
import { planBins } from './profileBins';
import { profileFamily, statName, TOP_VALUES, type DistributionRequest } from './profileSql';
import type { ColumnProfile, Histogram, TableProfile } from './profileTypes';

const DAY_MS = 86_400_000;

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function count(v: unknown): number {
  return num(v) ?? 0;
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** The profile from step 1 (top values and histograms still empty), and what step 2 should count. */
export function readProfileStats(
  table: TableInfo,
  rows: readonly Row[],
  today: string,
  bins: number,
): { profile: TableProfile; requests: DistributionRequest[] } {
  const row = rows[0] ?? {};
  const total = count(row.row_count);
  const requests: DistributionRequest[] = [];
  const columns = table.columns.map((col, i): ColumnProfile => {
    const family = profileFamily(col.type);
    const get = (stat: string): unknown => row[statName(i, stat)];
    const nonNull = count(get('non_null'));
    const nulls = total - nonNull;
    const candidates: string[] = [];
    for (let k = 1; k <= TOP_VALUES; k++) {
      const v = text(get(`top${k}`));
      if (v !== null) candidates.push(v);
    }
    const lo = num(get('lo'));
    const hi = num(get('hi'));
    const plan = lo !== null && hi !== null ? planBins(lo, hi, bins, family !== 'number' && family !== 'timestamp') : null;
    if (candidates.length > 0 || plan) requests.push({ index: i, name: col.name, family, candidates, bins: plan });
    return {
      name: col.name,
      type: col.type,
      family,
      nulls,
      nullPercent: total === 0 ? 0 : (100 * nulls) / total,
      distinct: count(get('distinct')),
      min: text(get('min')),
      max: text(get('max')),
      mean: num(get('mean')),
      negatives: count(get('negative')),
      futureDates: count(get('future')),
      datesBefore1900: count(get('ancient')),
      numericText: count(get('numeric_text')),
      blankText: count(get('blank')),
      topValues: [],
      histogram: null,
    };
  });
  const profile: TableProfile = { table: table.name, rows: total, duplicateRows: total - count(row.distinct_rows), today, columns };
  return { profile, requests };
}

/** The profile with step 2's top-value counts and histograms filled in. */
export function readDistribution(profile: TableProfile, requests: readonly DistributionRequest[], rows: readonly Row[]): TableProfile {
  const columns = profile.columns.map((c) => ({ ...c, topValues: [...c.topValues] }));
  const binCounts = new Map<number, Map<number, number>>();
  for (const r of rows) {
    const i = num(r.col);
    const key = text(r.key);
    if (i === null || key === null || !columns[i]) continue;
    if (r.kind === 'top') columns[i].topValues.push({ value: key, count: count(r.n) });
    else if (r.kind === 'bins') {
      const m = binCounts.get(i) ?? new Map<number, number>();
      const last = (requests.find((q) => q.index === i)?.bins?.count ?? 1) - 1;
      // Rounding can put the maximum one bin past the end (or a hair below the start).
      const k = Math.min(Math.max(Number(key), 0), last);
      m.set(k, (m.get(k) ?? 0) + count(r.n));
      binCounts.set(i, m);
    }
  }
  for (const c of columns) c.topValues.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  for (const req of requests) {
    if (!req.bins) continue;
    columns[req.index].histogram = histogramOf(req.family, req.bins.start, req.bins.step, req.bins.count, binCounts.get(req.index));
  }
  return { ...profile, columns };
}

function histogramOf(family: TypeFamily, start: number, step: number, n: number, counts: Map<number, number> | undefined): Histogram {
  const time = family === 'date' || family === 'timestamp';
  const scale = time ? DAY_MS : 1;
  const bins = Array.from({ length: n }, (_, k) => ({
    start: edge(start + k * step) * scale,
    end: edge(start + (k + 1) * step) * scale,
    count: counts?.get(k) ?? 0,
  }));
  return { unit: time ? 'time' : 'number', bins };
}

/** 0.30000000000000004 → 0.3: edges are sums of round numbers. */
function edge(x: number): number {
  return Number(x.toPrecision(12));
}
