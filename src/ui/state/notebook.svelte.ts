/**
 * The open notebook: its document (autosaved by the caller), and each cell's run state —
 * status, result relation, error — which lives only in this page.
 */
import {
  addCell,
  deleteCell,
  restoreCell,
  duplicateCell,
  moveCell,
  renameCell,
  setCollapsed,
  updateSpec,
  setTitle,
  staleAfterChange,
  runOrder,
  findCell,
  newNotebook,
  cellKind,
  singleQuery,
  type DeletedCell,
  type NotebookCell,
  type NotebookDoc,
} from '../../lib/notebook';
import '../../lib/notebook/kinds';
import type { QueryResult, ResultInfo } from '../../lib/engine/api';
import type { Row } from '../../lib/engine/rows';
import type { ColumnInfo } from '../../lib/engine/schema';
import { toEngineError, type EngineError } from '../../lib/engine/errors';
import type { Workspace } from './workspace.svelte';

/** What a run leaves for the cell's view: a kept result table, a small result, or chart rows. */
export interface CellOutput {
  result: ResultInfo | null;
  rows: QueryResult | null;
  chart?: { rows: Row[]; columns: ColumnInfo[] };
  /** Anything else a kind's view needs (RFM tables, a Sankey's nodes, a model fit…). */
  data?: unknown;
}

export type CellRunState =
  | { state: 'idle' }
  | { state: 'running'; startedAt: number }
  | ({ state: 'done'; elapsedMs: number } & CellOutput)
  | ({ state: 'stale' } & CellOutput)
  | { state: 'error'; error: EngineError };

/** A kind's own runner: returns what the view needs, or throws. */
export type CellRunner = (cell: NotebookCell, nb: NotebookState) => Promise<CellOutput>;

export class NotebookState {
  // Raw state: the document is replaced, never mutated, and is cloned into IndexedDB and
  // workers, which cannot clone Svelte's proxies.
  doc = $state.raw<NotebookDoc>(newNotebook());
  runs = $state.raw<Record<string, CellRunState>>({});
  /** Deleted cells, newest last, for Undo. */
  undo = $state.raw<DeletedCell[]>([]);
  private runners = new Map<string, CellRunner>();
  private runTickets = new Map<string, number>();
  private onChange: (doc: NotebookDoc) => void = () => undefined;

  constructor(private readonly ws: Workspace) {
    this.runners.set('sql', (cell) => this.runSql(cell));
  }

  /** Called with every new version of the document (the autosaver). */
  watch(onChange: (doc: NotebookDoc) => void): void {
    this.onChange = onChange;
  }

  registerRunner(kind: string, runner: CellRunner): void {
    this.runners.set(kind, runner);
  }

  isRunnable(cell: NotebookCell): boolean {
    return this.runners.has(cell.kind);
  }

  open(doc: NotebookDoc): void {
    this.doc = doc;
    this.runs = {};
    this.undo = [];
  }

  private commit(doc: NotebookDoc): void {
    this.doc = { ...doc, updatedAt: new Date().toISOString() };
    this.onChange(this.doc);
  }

  runState(id: string): CellRunState {
    return this.runs[id] ?? { state: 'idle' };
  }

  private setRun(id: string, s: CellRunState): void {
    this.runs = { ...this.runs, [id]: s };
  }

  /** Cells that read `id`'s result keep it, but say it may be out of date. */
  private markStale(id: string): void {
    const next = { ...this.runs };
    for (const d of staleAfterChange(this.doc, id)) {
      if (d === id) continue;
      const r = next[d];
      if (r && (r.state === 'done' || r.state === 'stale')) next[d] = { ...r, state: 'stale' };
    }
    this.runs = next;
  }

  add(kind: string, at?: number): string {
    const before = new Set(this.doc.cells.map((c) => c.id));
    this.commit(addCell(this.doc, kind, undefined, at));
    return this.doc.cells.find((c) => !before.has(c.id))?.id ?? '';
  }

  remove(id: string): void {
    const { doc, undo } = deleteCell(this.doc, id);
    this.undo = [...this.undo, undo];
    this.commit(doc);
  }

  undoDelete(): void {
    const last = this.undo.at(-1);
    if (!last) return;
    this.undo = this.undo.slice(0, -1);
    this.commit(restoreCell(this.doc, last));
  }

  duplicate(id: string): void {
    this.commit(duplicateCell(this.doc, id));
  }

  move(id: string, to: number): void {
    if (to < 0 || to >= this.doc.cells.length) return;
    this.commit(moveCell(this.doc, id, to));
  }

  /** Returns a plain message when the name cannot be used. */
  rename(id: string, name: string): string | null {
    try {
      this.commit(renameCell(this.doc, id, name, this.ws.tables.map((t) => t.name)));
      this.setRun(id, { state: 'idle' });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  collapse(id: string, collapsed: boolean): void {
    this.commit(setCollapsed(this.doc, id, collapsed));
  }

  setSpec(id: string, spec: unknown): void {
    try {
      this.commit(updateSpec(this.doc, id, spec));
    } catch (e) {
      this.ws.reportError({ kind: 'query', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const r = this.runs[id];
    if (r && r.state === 'done') this.setRun(id, { ...r, state: 'stale' });
    this.markStale(id);
  }

  /** A new version of the document from outside the cells (its data model mapping). */
  replaceDoc(doc: NotebookDoc): void {
    this.commit(doc);
  }

  setTitle(title: string): void {
    this.commit(setTitle(this.doc, title));
  }

  async run(id: string): Promise<boolean> {
    const cell = findCell(this.doc, id);
    const runner = cell && this.runners.get(cell.kind);
    if (!cell || !runner) return true;
    const startedAt = performance.now();
    // A run started later for the same cell wins: an older, slower answer never overwrites it.
    const ticket = (this.runTickets.get(id) ?? 0) + 1;
    this.runTickets.set(id, ticket);
    const latest = () => this.runTickets.get(id) === ticket;
    this.setRun(id, { state: 'running', startedAt });
    try {
      const out = await runner(cell, this);
      if (!latest()) return true;
      // Edited while running: the answer is for the old settings.
      const edited = findCell(this.doc, id)?.spec !== cell.spec;
      this.setRun(id, edited ? { state: 'stale', ...out } : { state: 'done', elapsedMs: Math.round(performance.now() - startedAt), ...out });
      this.markStale(id);
      return true;
    } catch (e) {
      if (latest()) this.setRun(id, { state: 'error', error: toEngineError(e) });
      return false;
    }
  }

  /** Every cell in order; stops at the first error. */
  async runAll(): Promise<boolean> {
    for (const id of runOrder(this.doc).order) {
      const cell = findCell(this.doc, id);
      if (cell && this.runners.has(cell.kind) && !(await this.run(id))) return false;
    }
    return true;
  }

  /** The cell after `id` (for Shift+Enter), or null at the end. */
  nextCell(id: string): string | null {
    const i = this.doc.cells.findIndex((c) => c.id === id);
    return this.doc.cells[i + 1]?.id ?? null;
  }

  cancel(): void {
    void this.ws.engine.cancel();
  }

  /** A SQL cell: one query becomes the cell's table; anything else runs as it is. */
  private async runSql(cell: NotebookCell): Promise<CellOutput> {
    const spec = cellKind('sql').parse(cell.spec) as { sql: string };
    const query = singleQuery(spec.sql);
    if (query !== null) return { result: await this.ws.engine.materialize(cell.name, query), rows: null };
    return { result: null, rows: await this.ws.engine.query(spec.sql, 1000) };
  }
}
