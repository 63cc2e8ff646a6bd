/** The stitching report read from the rows of identityReportSql's queries (plain values, safe to post between workers). */
import type { Row } from '../engine/rows';
import { IDENTIFIER_TYPES, type IdentifierType } from './spec';
import type { IdentityReportPart, IdentityReportQueries } from './reportSql';
import type { RunSql } from './run';
import { cellCount } from '../engine/cells';

export interface SourceSummary {
  readonly source: string;
  readonly records: number;
  readonly people: number;
  /** Records that share their person with at least one other record. */
  readonly mergedRecords: number;
  /** People of this source who also have records in another source. */
  readonly peopleAlsoElsewhere: number;
}

export interface TypeSummary {
  readonly type: IdentifierType;
  /** Distinct usable values. */
  readonly values: number;
  /** Values that link two or more records. */
  readonly linkingValues: number;
  readonly linkedRecords: number;
  readonly linkedPeople: number;
  /** Occurrences (record × value) that link no one, by reason. */
  readonly blank: number;
  readonly invalid: number;
  readonly placeholder: number;
  readonly disabled: number;
  /** Values excluded as implausibly shared, and those kept anyway. */
  readonly overShared: number;
  readonly kept: number;
}

export interface Cluster {
  readonly personId: string;
  readonly records: number;
  readonly sources: readonly string[];
  readonly emails: number;
  readonly phones: number;
  readonly loyaltyCards: number;
  readonly customerIds: number;
  readonly others: number;
  /** 'type: value' of some of its identifiers. */
  readonly sample: readonly string[];
}

export interface Conflict {
  readonly type: IdentifierType;
  readonly namespace: string;
  readonly value: string;
  readonly records: number;
  readonly otherType: IdentifierType;
  readonly otherNamespace: string;
  readonly distinctValues: number;
  readonly otherValues: readonly string[];
}

export interface SplitIdentifier {
  readonly type: IdentifierType;
  readonly namespace: string;
  readonly value: string;
  /** Why it did not link: 'over_shared', 'disabled', 'placeholder', 'invalid'. */
  readonly status: string;
  readonly records: number;
  readonly people: number;
}

export interface ExcludedIdentifier {
  readonly type: IdentifierType;
  readonly namespace: string;
  readonly value: string;
  readonly records: number;
  /** Distinct combinations of identifiers among its records (what the limit is compared with). */
  readonly combinations: number;
  readonly kept: boolean;
}

export interface IdentityReport {
  readonly records: number;
  readonly people: number;
  readonly mergedRecords: number;
  readonly mergedPeople: number;
  readonly peopleInSeveralSources: number;
  readonly largestCluster: number;
  readonly sources: readonly SourceSummary[];
  readonly types: readonly TypeSummary[];
  readonly clusters: readonly Cluster[];
  /** The first conflicts and how many there are in all. */
  readonly conflicts: readonly Conflict[];
  readonly conflictCount: number;
  readonly splitIds: readonly SplitIdentifier[];
  readonly splitIdCount: number;
  readonly excluded: readonly ExcludedIdentifier[];
  readonly excludedCount: number;
}

export type IdentityReportRows = Readonly<Record<IdentityReportPart, readonly Row[]>>;

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function strings(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(str);
  const list = v as { toArray?: () => ArrayLike<unknown> };
  return typeof list.toArray === 'function' ? Array.from(list.toArray(), str) : [];
}

function type(v: unknown): IdentifierType {
  const s = str(v);
  return (IDENTIFIER_TYPES as readonly string[]).includes(s) ? (s as IdentifierType) : 'other';
}

export function readIdentityReport(rows: IdentityReportRows): IdentityReport {
  const s = rows.summary[0] ?? {};
  const total = (list: readonly Row[]): number => cellCount(list[0]?.total);
  return {
    records: cellCount(s.records),
    people: cellCount(s.people),
    mergedRecords: cellCount(s.merged_records),
    mergedPeople: cellCount(s.merged_people),
    peopleInSeveralSources: cellCount(s.people_in_several_sources),
    largestCluster: cellCount(s.largest),
    sources: rows.sources.map((r) => ({
      source: str(r.source),
      records: cellCount(r.records),
      people: cellCount(r.people),
      mergedRecords: cellCount(r.merged_records),
      peopleAlsoElsewhere: cellCount(r.people_also_elsewhere),
    })),
    types: rows.types.map((r) => ({
      type: type(r.type),
      values: cellCount(r.values),
      linkingValues: cellCount(r.linking_values),
      linkedRecords: cellCount(r.linked_records),
      linkedPeople: cellCount(r.linked_people),
      blank: cellCount(r.blank),
      invalid: cellCount(r.invalid),
      placeholder: cellCount(r.placeholder),
      disabled: cellCount(r.disabled),
      overShared: cellCount(r.over_shared),
      kept: cellCount(r.kept),
    })),
    clusters: rows.clusters.map((r) => ({
      personId: str(r.person_id),
      records: cellCount(r.records),
      sources: strings(r.sources),
      emails: cellCount(r.emails),
      phones: cellCount(r.phones),
      loyaltyCards: cellCount(r.loyalty_cards),
      customerIds: cellCount(r.customer_ids),
      others: cellCount(r.others),
      sample: strings(r.sample),
    })),
    conflicts: rows.conflicts.map((r) => ({
      type: type(r.type),
      namespace: str(r.namespace),
      value: str(r.value),
      records: cellCount(r.records),
      otherType: type(r.other_type),
      otherNamespace: str(r.other_namespace),
      distinctValues: cellCount(r.distinct_values),
      otherValues: strings(r.other_values),
    })),
    conflictCount: total(rows.conflicts),
    splitIds: rows.splitIds.map((r) => ({
      type: type(r.type),
      namespace: str(r.namespace),
      value: str(r.value),
      status: str(r.status),
      records: cellCount(r.records),
      people: cellCount(r.people),
    })),
    splitIdCount: total(rows.splitIds),
    excluded: rows.excluded.map((r) => ({
      type: type(r.type),
      namespace: str(r.namespace),
      value: str(r.value),
      records: cellCount(r.records),
      combinations: cellCount(r.combinations),
      kept: r.kept === true,
    })),
    excludedCount: total(rows.excluded),
  };
}

/** Runs every report query with `run` and reads the result. */
export async function identityReport(queries: IdentityReportQueries, run: RunSql): Promise<IdentityReport> {
  const parts = Object.keys(queries) as IdentityReportPart[];
  const results = await Promise.all(parts.map(async (p) => [p, await run(queries[p])] as const));
  return readIdentityReport(Object.fromEntries(results) as IdentityReportRows);
}
