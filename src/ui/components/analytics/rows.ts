/**
 * The analyses' result rows as typed records (the engine hands back plain objects whose
 * numbers may be bigints' numbers, dates as epoch milliseconds, or strings).
 */
import type { Row } from '../../../lib/engine/rows';
import type { LifecycleStage } from '../../../lib/analytics';

/** A DATE/TIMESTAMP value from the engine as YYYY-MM-DD (UTC), or '' when missing. */
export function isoDay(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'bigint') {
    const d = new Date(Number(v));
    return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  }
  return String(v).slice(0, 10);
}

export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return 0;
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export interface RfmSegmentRow {
  segment: string;
  customers: number;
  customerShare: number | null;
  revenue: number;
  revenueShare: number | null;
  meanRecencyDays: number | null;
  meanFrequency: number | null;
  meanMonetary: number | null;
}

export interface RfmGridRow {
  r: number;
  fm: number;
  segment: string;
  customers: number;
  revenue: number;
  customerShare: number | null;
  revenueShare: number | null;
}

export interface RfmData {
  segments: RfmSegmentRow[];
  grid: RfmGridRow[];
}

export function rfmSegmentRows(rows: readonly Row[]): RfmSegmentRow[] {
  return rows.map((r) => ({
    segment: str(r.segment),
    customers: num(r.customers),
    customerShare: numOrNull(r.customer_share),
    revenue: num(r.revenue),
    revenueShare: numOrNull(r.revenue_share),
    meanRecencyDays: numOrNull(r.mean_recency_days),
    meanFrequency: numOrNull(r.mean_frequency),
    meanMonetary: numOrNull(r.mean_monetary),
  }));
}

export function rfmGridRows(rows: readonly Row[]): RfmGridRow[] {
  return rows.map((r) => ({
    r: num(r.r),
    fm: num(r.fm),
    segment: str(r.segment),
    customers: num(r.customers),
    revenue: num(r.revenue),
    customerShare: numOrNull(r.customer_share),
    revenueShare: numOrNull(r.revenue_share),
  }));
}

export interface CohortRow {
  cohort: string;
  channel: string | null;
  periodIndex: number;
  periodStart: string;
  cohortSize: number;
  value: number | null;
  complete: boolean;
}

export interface CohortData {
  rows: CohortRow[];
}

export function cohortRows(rows: readonly Row[]): CohortRow[] {
  return rows.map((r) => ({
    cohort: isoDay(r.cohort),
    channel: r.channel === null || r.channel === undefined ? null : String(r.channel),
    periodIndex: num(r.period_index),
    periodStart: isoDay(r.period_start),
    cohortSize: num(r.cohort_size),
    value: numOrNull(r.value),
    complete: r.complete === true,
  }));
}

export interface JourneyNodeRow {
  level: number;
  node: string;
  label: string;
  kind: 'step' | 'other' | 'start' | 'end';
  customers: number;
}

export interface JourneyLinkRow {
  level: number;
  source: string;
  target: string;
  customers: number;
}

export interface JourneyData {
  nodes: JourneyNodeRow[];
  links: JourneyLinkRow[];
}

const NODE_KINDS = ['step', 'other', 'start', 'end'] as const;

export function journeyNodeRows(rows: readonly Row[]): JourneyNodeRow[] {
  return rows.map((r) => {
    const kind = str(r.kind);
    return {
      level: num(r.level),
      node: str(r.node),
      label: str(r.label),
      kind: (NODE_KINDS as readonly string[]).includes(kind) ? (kind as JourneyNodeRow['kind']) : 'step',
      customers: num(r.customers),
    };
  });
}

export function journeyLinkRows(rows: readonly Row[]): JourneyLinkRow[] {
  return rows.map((r) => ({ level: num(r.level), source: str(r.source), target: str(r.target), customers: num(r.customers) }));
}

export interface StageRow {
  period: string;
  stage: LifecycleStage;
  customers: number;
  complete: boolean;
}

export interface TransitionRow {
  period: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  customers: number;
  complete: boolean;
}

export interface LifecycleData {
  stages: StageRow[];
  transitions: TransitionRow[];
}

export function stageRows(rows: readonly Row[]): StageRow[] {
  return rows.map((r) => ({ period: isoDay(r.period), stage: str(r.stage) as LifecycleStage, customers: num(r.customers), complete: r.complete === true }));
}

export function transitionRows(rows: readonly Row[]): TransitionRow[] {
  return rows.map((r) => ({
    period: isoDay(r.period),
    from: r.from_stage === null || r.from_stage === undefined ? null : (String(r.from_stage) as LifecycleStage),
    to: str(r.to_stage) as LifecycleStage,
    customers: num(r.customers),
    complete: r.complete === true,
  }));
}
