/**
 * Identity stitching in the Data view: which columns identify a person in each loaded table
 * (suggested, then edited by the person), the options, the run (progress, cancel), the report,
 * and the data model rebuilt on people. The spec that ran is kept in the data model
 * (DataModel.identity), so the notebook saves it and a reload stitches again.
 */
import {
  DEFAULT_IDENTITY_OPTIONS,
  IdentityError,
  StitchAbortedError,
  dropIdentitySql,
  identityReport,
  identityReportSql,
  parseIdentitySpec,
  runStitch,
  suggestIdentifiers,
  type IdentifierType,
  type IdentitySpec,
  type IdentityReport,
  type StitchProgress,
  type StitchRun,
} from '../../lib/identity';
import { sampleRowsSql, type DataModel, type TableSamples } from '../../lib/model';
import { isReservedTableName } from '../../lib/model/names';
import type { Sql } from '../../lib/sql';
import type { LoadedTable } from '../../lib/engine/api';
import { toEngineError } from '../../lib/engine/errors';
import type { Workspace } from './workspace.svelte';

/** One column of a table as the panel shows it: its identifier type, or off. */
export interface DraftColumn {
  column: string;
  columnType: string;
  type: IdentifierType | 'off';
  /** Why it was suggested ("named like an email address"); absent when the person added it. */
  reason?: string;
}

export interface DraftSource {
  table: string;
  /** Stitch this table (a table with no identifier column on is left out either way). */
  included: boolean;
  /** The column naming a record, or null: every row is a record. */
  recordId: string | null;
  columns: DraftColumn[];
}

export interface DraftOptions {
  /** Digits such as 44; '' = none. */
  defaultCountryCode: string;
  maxRecordsPerIdentifier: number;
  /** One value per line. */
  placeholders: string;
  keep: IdentitySpec['options']['keep'];
  disabledTypes: IdentifierType[];
}

export interface IdentityProblem {
  title: string;
  detail: string;
  hint?: string;
}

const states = new WeakMap<Workspace, IdentityState>();

/** The page's one identity-stitching state (the panel and the session share it). */
export function identityFor(ws: Workspace): IdentityState {
  let s = states.get(ws);
  if (!s) {
    s = new IdentityState(ws);
    states.set(ws, s);
  }
  return s;
}

function draftOptions(o: IdentitySpec['options'] = DEFAULT_IDENTITY_OPTIONS): DraftOptions {
  return {
    defaultCountryCode: o.defaultCountryCode ?? '',
    maxRecordsPerIdentifier: o.maxRecordsPerIdentifier,
    placeholders: o.placeholders.join('\n'),
    keep: [...o.keep],
    disabledTypes: [...o.disabledTypes],
  };
}

export class IdentityState {
  sources = $state.raw<DraftSource[]>([]);
  options = $state.raw<DraftOptions>(draftOptions());
  running = $state(false);
  progress = $state.raw<StitchProgress | null>(null);
  report = $state.raw<IdentityReport | null>(null);
  lastRun = $state.raw<(StitchRun & { elapsedMs: number; people: number }) | null>(null);
  problem = $state.raw<IdentityProblem | null>(null);
  private controller: AbortController | null = null;

  constructor(private readonly ws: Workspace) {}

  /** The spec the data model is built on now (null: customers are system records). */
  get applied(): IdentitySpec | null {
    return this.ws.dm.model?.identity ?? null;
  }

  /** Loaded tables that can be stitched (not the model's or stitching's own relations). */
  get tables(): LoadedTable[] {
    return this.ws.tables.filter((t) => !isReservedTableName(t.name));
  }

  /** Suggest identifier columns for tables not in the draft yet; keep the person's choices for the others. */
  async suggest(): Promise<void> {
    const tables = this.tables;
    const kept = this.sources.filter((s) => tables.some((t) => t.name === s.table));
    const fresh = tables.filter((t) => !kept.some((s) => s.table === t.name));
    const added: DraftSource[] = [];
    for (const t of fresh) {
      const samples: TableSamples = {};
      try {
        samples[t.name] = await this.ws.engine.queryRows(sampleRowsSql(t).text, 200);
      } catch {
        // Names alone still suggest most identifiers.
      }
      added.push(this.draftFor(t, samples));
    }
    this.sources = [...kept, ...added];
  }

  private draftFor(t: LoadedTable, samples: TableSamples): DraftSource {
    const found = suggestIdentifiers(t, samples);
    const customer = found.find((f) => f.type === 'customer_id');
    return {
      table: t.name,
      included: found.length > 0,
      recordId: customer ? customer.column : null,
      columns: found.map((f) => ({ column: f.column, columnType: f.columnType, type: f.type, reason: f.reason })),
    };
  }

  /** The draft of a spec that ran (a saved notebook): its sources and options, other tables as suggested. */
  private adopt(spec: IdentitySpec): void {
    const fromSpec: DraftSource[] = spec.sources.map((s) => ({
      table: s.table,
      included: true,
      recordId: s.recordId,
      columns: s.identifiers.map((i) => ({ column: i.column, columnType: i.columnType ?? 'VARCHAR', type: i.type })),
    }));
    const others = this.sources.filter((d) => !fromSpec.some((s) => s.table.toLowerCase() === d.table.toLowerCase())).map((d) => ({ ...d, included: false }));
    this.sources = [...fromSpec, ...others];
    this.options = draftOptions(spec.options);
  }

  updateSource(table: string, change: (s: DraftSource) => DraftSource): void {
    this.sources = this.sources.map((s) => (s.table === table ? change(s) : s));
  }

  setColumnType(table: string, column: string, type: IdentifierType | 'off'): void {
    this.updateSource(table, (s) => ({ ...s, columns: s.columns.map((c) => (c.column === column ? { ...c, type } : c)) }));
  }

  addColumn(table: string, column: string): void {
    const info = this.ws.tables.find((t) => t.name === table)?.columns.find((c) => c.name === column);
    if (!info) return;
    this.updateSource(table, (s) => (s.columns.some((c) => c.column === column) ? s : { ...s, included: true, columns: [...s.columns, { column, columnType: info.type, type: 'other' }] }));
  }

  setOptions(change: Partial<DraftOptions>): void {
    this.options = { ...this.options, ...change };
  }

  /** The spec the panel describes, as plain JSON (validated when it runs). */
  specInput(): unknown {
    const o = this.options;
    const sources = this.sources
      .filter((s) => s.included)
      .map((s) => ({
        table: s.table,
        recordId: s.recordId,
        identifiers: s.columns.filter((c) => c.type !== 'off').map((c) => ({ column: c.column, type: c.type, columnType: c.columnType })),
      }));
    const placeholders = o.placeholders.split('\n').map((p) => p.trim()).filter((p) => p !== '');
    return {
      v: 1,
      sources,
      options: {
        defaultCountryCode: o.defaultCountryCode.trim() === '' ? null : o.defaultCountryCode.trim(),
        maxRecordsPerIdentifier: o.maxRecordsPerIdentifier,
        placeholders,
        keep: o.keep,
        disabledTypes: o.disabledTypes,
      },
    };
  }

  /** Stitch the panel's settings, read the report, then build the data model on people. */
  async stitch(): Promise<boolean> {
    const spec = this.parse(this.specInput());
    if (!spec) return false;
    if (!(await this.runSpec(spec))) return false;
    const model = this.ws.dm.model;
    if (model) {
      this.ws.dm.update({ ...model, identity: spec });
      await this.ws.dm.build();
    }
    return true;
  }

  /**
   * A saved spec, stitched again on the data loaded now (a reload, a notebook opened). Does not
   * build the model: the caller does. False when it cannot run (the problem is shown).
   */
  async restore(saved: IdentitySpec): Promise<boolean> {
    if (this.sources.length === 0) await this.suggest();
    this.adopt(saved);
    const spec = this.parse(saved);
    return spec !== null && (await this.runSpec(spec));
  }

  /** Undo a rule (an identifier type links no one), or put it back; then stitch again. */
  async setTypeDisabled(type: IdentifierType, disabled: boolean): Promise<void> {
    const others = this.options.disabledTypes.filter((t) => t !== type);
    this.setOptions({ disabledTypes: disabled ? [...others, type] : others });
    await this.stitch();
  }

  /** Keep an over-shared identifier (it links after all), or exclude it again; then stitch again. */
  async setKept(type: IdentifierType, value: string, namespace: string, kept: boolean): Promise<void> {
    const others = this.options.keep.filter((k) => !(k.type === type && k.value === value && (k.namespace ?? namespace) === namespace));
    this.setOptions({ keep: kept ? [...others, { type, value, namespace }] : others });
    await this.stitch();
  }

  cancel(): void {
    if (!this.controller) return;
    this.controller.abort();
    // The statement running now stops too (a step over a million records takes a while).
    void this.ws.engine.cancel().catch(() => false);
  }

  /** Customers are system records again: the stitching relations go, the model is rebuilt without them. */
  async turnOff(): Promise<void> {
    const model = this.ws.dm.model;
    if (model?.identity) {
      const rest = { ...model };
      delete rest.identity;
      this.ws.dm.update(rest);
      if (this.ws.dm.built) await this.ws.dm.build();
    }
    try {
      await this.ws.engine.execute(dropIdentitySql().map((s) => s.text));
    } catch {
      // Nothing to drop.
    }
    this.report = null;
    this.lastRun = null;
    this.problem = null;
  }

  private parse(input: unknown): IdentitySpec | null {
    this.problem = null;
    try {
      return parseIdentitySpec(input, this.ws.tables);
    } catch (e) {
      if (e instanceof IdentityError) {
        this.problem = { title: 'The identity settings need a change', detail: e.message, hint: e.hint };
        return null;
      }
      throw e;
    }
  }

  private async runSpec(spec: IdentitySpec): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.problem = null;
    this.progress = { phase: 'prepare', iteration: 0 };
    const controller = new AbortController();
    this.controller = controller;
    const run = (s: Sql) => this.ws.engine.queryRows(s.text, 1_000_000);
    const t0 = performance.now();
    try {
      const result = await runStitch(spec, run, { signal: controller.signal, onProgress: (p) => (this.progress = p) });
      const report = await identityReport(identityReportSql(), run);
      this.report = report;
      this.lastRun = { ...result, elapsedMs: Math.round(performance.now() - t0), people: report.people };
      return true;
    } catch (e) {
      if (controller.signal.aborted || e instanceof StitchAbortedError) {
        this.problem = { title: 'Stitching was cancelled', detail: 'The customers are as they were before.', hint: 'Stitch again when you are ready.' };
      } else if (e instanceof IdentityError) {
        this.problem = { title: 'The identity settings need a change', detail: e.message, hint: e.hint };
      } else {
        const error = toEngineError(e);
        this.problem = { title: 'Stitching failed', detail: error.message, hint: error.hint ?? 'Check the identifier columns and stitch again; your loaded tables are unchanged.' };
      }
      return false;
    } finally {
      this.running = false;
      this.progress = null;
      this.controller = null;
    }
  }
}

/**
 * A saved data model, ready to build on the data loaded now: with stitching on, the people are
 * stitched again first; when that cannot be done, the model comes back without stitching and
 * the person is told why (the panel shows the problem).
 */
export async function withRestoredIdentity(ws: Workspace, model: DataModel): Promise<DataModel> {
  if (!model.identity) return model;
  if (await identityFor(ws).restore(model.identity)) return model;
  const rest = { ...model };
  delete rest.identity;
  ws.messages.push({
    tone: 'warning',
    title: 'Identity stitching was not applied',
    detail: identityFor(ws).problem?.detail ?? 'The saved stitching settings do not fit the loaded tables.',
    hint: 'Check the identifier columns under Identity stitching and stitch again.',
  });
  return rest;
}
