/**
 * The loaded data of this page: engine state, tables, loads in flight, and the questions the
 * app must ask the person (replace a file loaded twice?).
 */
import { EngineClient, type EngineState } from '../../lib/engine/client';
import type { LoadedTable, LoadOptions, LoadProgress } from '../../lib/engine/api';
import { EngineError, toEngineError } from '../../lib/engine/errors';
import { Messages } from './messages.svelte';
import { DataModelState } from './dataModel.svelte';
import { withRestoredIdentity } from './identity.svelte';
import { ALWAYS_FITS_BYTES, browserBudget, describeHead, describeTooLarge, estimateLoad, type MemoryBudget } from '../../lib/ingest/sizeCheck';

export interface TooLargeQuestion {
  fileName: string;
  problem: string;
  hint: string;
  answer: (tryAnyway: boolean) => void;
}

export interface LoadTicket {
  id: number;
  progress: LoadProgress;
  startedAt: number;
}

export type DuplicateChoice = 'replace' | 'keep-both' | 'skip';

export interface DuplicateQuestion {
  file: File;
  existing: LoadedTable;
  answer(choice: DuplicateChoice): void;
}

let ticketId = 1;

export class Workspace {
  readonly engine: EngineClient;
  readonly messages = new Messages();
  readonly dm: DataModelState = new DataModelState(this);
  demoProgress = $state<number | null>(null);
  engineState = $state<EngineState>({ status: 'starting' });
  tables = $state.raw<LoadedTable[]>([]);
  loads = $state<LoadTicket[]>([]);
  selected = $state<string | null>(null);
  duplicate = $state<DuplicateQuestion | null>(null);
  /** Told of every file loaded by the person (not of files restored at start). */
  onFileLoaded: ((file: File) => void) | null = null;
  /** Bumped whenever tables change, so views re-query. */
  revision = $state(0);
  /** Tests only: replaces parts of the browser's memory budget the size check uses. */
  memoryBudgetOverride: Partial<MemoryBudget> | null = null;
  /** The open "too large for this browser?" question, answered through its dialog. */
  tooLarge = $state<TooLargeQuestion | null>(null);
  /** Asked when a file looks too large for this browser: true = try anyway. */
  askTooLarge(fileName: string, problem: string, hint: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.tooLarge = { fileName, problem, hint, answer: (tryAnyway) => ((this.tooLarge = null), resolve(tryAnyway)) };
    });
  }

  constructor(makeWorker: () => Worker) {
    this.engine = new EngineClient(makeWorker, {
      state: (s) => {
        this.engineState = s;
        if (s.status === 'restarting') {
          this.messages.push({
            tone: 'warning',
            title: 'The engine stopped and is restarting',
            detail: s.reason,
            hint: 'Your files are being loaded again; nothing needs to be dropped twice.',
          });
        }
        if (s.status === 'failed') {
          this.messages.push({ tone: 'error', title: 'The engine could not start', detail: s.error.message, hint: 'Reload the page. If it keeps failing, this browser may not support WebAssembly.' });
        }
      },
      restored: (restored, lost) => {
        this.tables = this.tables.filter((t) => restored.some((r) => r.name === t.name)).map((t) => restored.find((r) => r.name === t.name) ?? t);
        this.revision++;
        // The canonical views lived in the old engine: build them again from the same mapping.
        // Stitched people lived there too: stitch again first.
        if (this.dm.built) void this.rebuildAfterRestart();
        this.messages.push({
          tone: lost.length ? 'warning' : 'info',
          title: `Engine restarted: ${restored.length} table${restored.length === 1 ? '' : 's'} loaded again`,
          detail: lost.length ? `Could not reload: ${lost.map((l) => `${l.table} (${l.error.message})`).join('; ')}` : undefined,
        });
      },
    });
  }

  private async rebuildAfterRestart(): Promise<void> {
    const model = this.dm.model;
    if (model) this.dm.update(await withRestoredIdentity(this, model));
    await this.dm.build();
  }

  get selectedTable(): LoadedTable | null {
    return this.tables.find((t) => t.name === this.selected) ?? null;
  }

  /** Load files one after another (the engine does one load at a time anyway), then map them. */
  async addFiles(files: File[], how: { restoring?: boolean } = {}): Promise<number> {
    let loaded = 0;
    for (const file of files) {
      if (!how.restoring && !(await this.fitsInMemory(file))) continue;
      if (await this.addFile(file, how.restoring ? {} : undefined)) {
        loaded++;
        if (!how.restoring) this.onFileLoaded?.(file);
      }
    }
    // Let the new table's preview ask the engine first: rows on screen matter more than the mapping.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (loaded) await this.dm.suggest().catch((e: unknown) => this.reportError(e));
    return loaded;
  }

  /** The seeded demo retailer: generated in the worker, loaded like dropped files, mapped and built. */
  async loadDemo(customers = 20_000): Promise<void> {
    if (this.demoProgress !== null) return;
    this.demoProgress = 0;
    try {
      const files = await this.engine.generateDemo(customers, (done, total) => (this.demoProgress = done / total));
      this.demoProgress = 1;
      const loaded = await this.addFiles(files);
      if (loaded === files.length) await this.dm.build();
    } catch (e) {
      this.reportError(e);
    } finally {
      this.demoProgress = null;
    }
  }

  /** Another sheet of a workbook already loaded, as a table of its own. */
  async loadSheet(table: LoadedTable, sheet: string): Promise<void> {
    const file = this.engine.sourceFile(table.name);
    if (!file) {
      this.messages.push({ tone: 'error', title: `The file behind ${table.name} is no longer available`, hint: 'Drop the workbook again to choose another sheet.' });
      return;
    }
    const stem = file.name.replace(/\.[^.]+$/, '');
    if (await this.addFile(file, { sheet, table: `${stem}_${sheet}` })) await this.dm.suggest().catch((e: unknown) => this.reportError(e));
  }

  /** Before loading: would the file fit in this browser's memory? If not, say so; the person may try anyway. */
  private async fitsInMemory(file: File): Promise<boolean> {
    if (file.size < ALWAYS_FITS_BYTES && !this.memoryBudgetOverride) return true;
    const memory = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory;
    const budget = { ...browserBudget({ jsHeapSizeLimit: memory?.jsHeapSizeLimit, deviceMemoryGiB: (navigator as { deviceMemory?: number }).deviceMemory }), ...this.memoryBudgetOverride };
    const estimate = estimateLoad(file.size, describeHead(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()), file.name, file.size <= 64 * 1024), budget);
    if (estimate.fits) return true;
    const { problem, hint } = describeTooLarge(file.name, estimate, budget);
    if (await this.askTooLarge(file.name, problem, hint)) return true;
    this.messages.push({ tone: 'warning', title: `${file.name} was not loaded: it is probably too large for this browser`, detail: problem, hint });
    return false;
  }

  private async addFile(file: File, preset?: LoadOptions): Promise<boolean> {
    const existing = preset
      ? undefined
      : this.tables.find(
          (t) => t.source && t.source.fileName === file.name && t.source.size === file.size,
        );
    let options: LoadOptions = preset ?? {};
    if (existing) {
      const choice = await new Promise<DuplicateChoice>((resolve) => {
        this.duplicate = { file, existing, answer: (c) => ((this.duplicate = null), resolve(c)) };
      });
      if (choice === 'skip') return false;
      if (choice === 'replace') options = { table: existing.name, replace: true };
    }
    const ticket: LoadTicket = {
      id: ticketId++,
      startedAt: performance.now(),
      progress: { fileName: file.name, phase: 'queued', fraction: null, bytes: null, totalBytes: file.size, rows: null },
    };
    this.loads = [...this.loads, ticket];
    try {
      const table = await this.engine.loadFile(file, options, (p) => {
        this.loads = this.loads.map((l) => (l.id === ticket.id ? { ...l, progress: p } : l));
      });
      this.tables = [...this.tables.filter((t) => t.name !== table.name), table];
      this.selected = table.name;
      this.revision++;
      for (const note of table.notes) this.messages.push({ tone: 'info', title: `${file.name}: ${note}` });
      return true;
    } catch (e) {
      this.reportError(e, file.name);
      return false;
    } finally {
      this.loads = this.loads.filter((l) => l.id !== ticket.id);
    }
  }

  reportError(e: unknown, fileName?: string): EngineError {
    const error = toEngineError(e);
    this.messages.push({
      tone: 'error',
      title: error.file || fileName ? `${error.file ?? fileName} was not loaded` : 'Something went wrong',
      detail: error.message,
      hint: error.hint,
    });
    return error;
  }
}
