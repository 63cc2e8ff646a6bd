/**
 * The mapping of loaded tables onto the CRM data model: detected, confirmed or edited by the
 * person, then built into the views activity, customers and customer_features.
 */
import {
  detectRoles,
  modelSql,
  tidyChecks,
  untidyColumns,
  withTidyColumns,
  sampleRowsSql,
  validateModel,
  hasErrors,
  MODEL_RELATIONS,
  type DataModel,
  type Detection,
  type ModelIssue,
  type TableSamples,
} from '../../lib/model';
import { ident, sql } from '../../lib/sql';
import type { Workspace } from './workspace.svelte';
import type { ColumnInfo } from '../../lib/engine/schema';

export interface BuiltModel {
  customers: number;
  activityRows: number;
  asOf: string;
  elapsedMs: number;
}

export class DataModelState {
  detection = $state.raw<Detection | null>(null);
  // Raw: replaced on every edit, and cloned into the notebook document (proxies cannot be).
  model = $state.raw<DataModel | null>(null);
  built = $state<BuiltModel | null>(null);
  building = $state(false);
  /** Columns of the canonical relations once built (for completion and pickers). */
  relations = $state.raw<Record<string, ColumnInfo[]>>({});
  /** Told of every model that was built (the notebook keeps the mapping). */
  onBuilt: ((model: DataModel) => void) | null = null;
  /** The mapping changed since the views were built. */
  dirty = $state(false);
  readonly issues: ModelIssue[] = $derived.by(() => (this.model ? validateModel(this.model, this.ws.tables) : []));

  constructor(private readonly ws: Workspace) {}

  /** Detect roles for tables not mapped yet; keep the person's choices for the others. */
  async suggest(): Promise<void> {
    const tables = this.ws.tables.filter((t) => !MODEL_RELATIONS.includes(t.name));
    if (!tables.length) {
      this.model = null;
      this.detection = null;
      return;
    }
    const samples: TableSamples = {};
    for (const t of tables) samples[t.name] = await this.ws.engine.queryRows(sampleRowsSql(t).text, 200);
    const detection = detectRoles(tables, samples);
    const previous = this.model;
    const kept = previous ? previous.tables.filter((m) => tables.some((t) => t.name === m.table)) : [];
    const fresh = detection.model.tables.filter((m) => !kept.some((k) => k.table === m.table));
    this.detection = detection;
    // Identity stitching stays on when a file is added (validation says if it no longer fits).
    this.model = { v: 1, asOf: previous?.asOf ?? null, ...(previous?.identity ? { identity: previous.identity } : {}), tables: [...kept, ...fresh] };
    this.dirty = true;
  }

  update(model: DataModel): void {
    this.model = model;
    this.dirty = true;
  }

  /** Create the canonical views from the current mapping. */
  async build(): Promise<boolean> {
    if (!this.model || hasErrors(this.issues)) return false;
    this.building = true;
    const t0 = performance.now();
    try {
      // Clean text columns are read as they are (tidy.ts); the saved mapping never carries that.
      const untidy = new Map<string, Set<string>>();
      for (const check of tidyChecks(this.model)) untidy.set(check.table, untidyColumns(check, (await this.ws.engine.queryRows(check.sql.text))[0]));
      await this.ws.engine.execute(modelSql(withTidyColumns(this.model, untidy)).map((s) => s.text));
      const [row] = await this.ws.engine.queryRows(
        sql`SELECT (SELECT count(*) FROM ${ident('customer_features')}) AS customers,
                   (SELECT count(*) FROM ${ident('activity')}) AS activity_rows,
                   (SELECT strftime(as_of, '%Y-%m-%d') FROM ${ident('as_of_date')}) AS as_of`.text,
      );
      this.built = {
        customers: Number(row.customers),
        activityRows: Number(row.activity_rows),
        asOf: String(row.as_of),
        elapsedMs: Math.round(performance.now() - t0),
      };
      const described: Record<string, ColumnInfo[]> = {};
      for (const name of MODEL_RELATIONS) {
        const cols = await this.ws.engine.queryRows(sql`DESCRIBE ${ident(name)}`.text);
        described[name] = cols.map((c) => ({ name: String(c.column_name), type: String(c.column_type) }));
      }
      this.relations = described;
      this.onBuilt?.(this.model);
      this.dirty = false;
      this.ws.revision++;
      return true;
    } catch (e) {
      this.ws.reportError(e);
      return false;
    } finally {
      this.building = false;
    }
  }

  async setAsOf(asOf: string | null): Promise<void> {
    if (!this.model) return;
    this.model = { ...this.model, asOf };
    if (this.built) await this.build();
  }
}
