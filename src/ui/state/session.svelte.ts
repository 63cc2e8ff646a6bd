/**
 * What survives a reload: the open notebook (IndexedDB, autosaved), the list of notebooks,
 * and — with the person's consent, on by default — the dropped data files (the origin-private
 * file system), which are loaded again at start so nothing has to be dropped twice.
 */
import {
  createAutosaver,
  exportFileName,
  exportNotebook,
  forgetAllData,
  importNotebook,
  isOpfsAvailable,
  listDataFiles,
  newNotebook,
  notebookLink,
  openNotebookLink,
  openNotebookStore,
  saveDataFile,
  setDataModel,
  type Autosaver,
  type NotebookDoc,
  type NotebookStore,
  type NotebookSummary,
} from '../../lib/notebook';
import { parseDataModel } from '../../lib/model';
import type { Workspace } from './workspace.svelte';
import type { NotebookState } from './notebook.svelte';
import { openSegmentFromHash } from './segmentLink';
import { withRestoredIdentity } from './identity.svelte';
import { customerPage } from './customerPage.svelte';
import { parseCustomerHash } from '../../lib/customer/profile';

const KEEP_DATA_KEY = 'arkwright.keepData';

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 3000 });
    else setTimeout(resolve, 500);
  });
}

export class Session {
  notebooks = $state<NotebookSummary[]>([]);
  keepData = $state(true);
  opfs = $state(false);
  ready = $state(false);
  private store: NotebookStore | null = null;
  private autosaver: Autosaver<NotebookDoc> | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly nb: NotebookState,
  ) {}

  async start(): Promise<void> {
    this.keepData = localStorage.getItem(KEEP_DATA_KEY) !== 'false';
    try {
      this.store = await openNotebookStore();
    } catch (e) {
      this.ws.messages.push({ tone: 'warning', title: 'Notebooks cannot be saved in this browser', detail: e instanceof Error ? e.message : String(e), hint: 'Private windows often block storage; export the notebook to keep it.' });
    }
    const store = this.store;
    this.autosaver = createAutosaver(async (doc: NotebookDoc) => {
      if (!store) return;
      await store.saveNotebook(doc);
      await this.refreshList();
    });
    const flush = () => void this.autosaver?.flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
    this.nb.watch((doc) => this.autosaver?.schedule(doc));

    // Remember the mapping with the notebook whenever it is built.
    this.ws.dm.onBuilt = (model) => this.nb.replaceDoc(setDataModel(this.nb.doc, model, this.ws.tables.filter((t) => t.source).map((t) => ({ name: t.source!.fileName, size: t.source!.size }))));
    // Copy files into private storage only once the browser is idle: the first rows on screen come first.
    this.ws.onFileLoaded = (file) => void whenIdle().then(() => this.keep(file));

    const fromLink = location.hash.startsWith('#notebook=') ? location.hash : null;
    if (fromLink) {
      history.replaceState(null, '', location.pathname + location.search);
      await this.openLink(fromLink);
    } else {
      const last = store ? await store.getLastOpened().catch(() => null) : null;
      const doc = last && store ? await store.loadNotebook(last).catch(() => null) : null;
      await this.show(doc ?? newNotebook());
    }
    this.openSegmentHash();
    this.openCustomerHash();
    // A link pasted into a tab that is already open arrives as a hash change, not a page load.
    addEventListener('hashchange', () => {
      if (location.hash.startsWith('#notebook=')) {
        const hash = location.hash;
        history.replaceState(null, '', location.pathname + location.search);
        void this.openLink(hash, true);
      } else if (location.hash.startsWith('#customer=')) this.openCustomerHash();
      else this.openSegmentHash();
    });
    await this.refreshList();
    this.opfs = await isOpfsAvailable();
    this.ready = true;
    await this.restoreData();
  }

  private openSegmentHash(): void {
    if (!location.hash.startsWith('#segment=')) return;
    const hash = location.hash;
    history.replaceState(null, '', location.pathname + location.search);
    void openSegmentFromHash(hash, this.nb, this.ws);
  }

  /** `#customer=<id>`: that customer's page (the hash carries the id only, never data). */
  private openCustomerHash(): void {
    const id = parseCustomerHash(location.hash);
    if (location.hash.startsWith('#customer=')) history.replaceState(null, '', location.pathname + location.search);
    if (id !== null) customerPage.open(id);
  }

  private async refreshList(): Promise<void> {
    if (this.store) this.notebooks = await this.store.listNotebooks();
  }

  /** Open a document and remember it as the one to reopen. */
  private async show(doc: NotebookDoc): Promise<void> {
    await this.autosaver?.flush();
    this.nb.open(doc);
    if (this.store) {
      await this.store.saveNotebook(doc);
      await this.store.setLastOpened(doc.id);
    }
    await this.applyModel();
  }

  /** The notebook's mapping, applied to the data loaded now, when it fits. */
  private async applyModel(): Promise<void> {
    const json = this.nb.doc.dataModel;
    if (!json || this.ws.tables.length === 0) return;
    try {
      const model = parseDataModel(json);
      if (model.tables.every((m) => this.ws.tables.some((t) => t.name === m.table))) {
        // Stitched people come back first (identity spec saved with the model).
        this.ws.dm.update(await withRestoredIdentity(this.ws, model));
        await this.ws.dm.build();
      }
    } catch {
      // A mapping that no longer fits the data: the person maps the columns again.
    }
  }

  /** Tables kept from the last visit come back; then the notebook's cells run again. */
  private async restoreData(): Promise<void> {
    if (!this.keepData || !this.opfs) return;
    const files = await listDataFiles().catch(() => [] as File[]);
    if (!files.length) return;
    await this.ws.addFiles(files, { restoring: true });
    await this.applyModel();
    if (this.nb.doc.cells.length) await this.nb.runAll();
  }

  private async keep(file: File): Promise<void> {
    if (!this.keepData || !this.opfs) return;
    await saveDataFile(file).catch((e: unknown) =>
      this.ws.messages.push({ tone: 'warning', title: `${file.name} is loaded but will not come back after a reload`, detail: e instanceof Error ? e.message : String(e) }),
    );
  }

  async setKeepData(keep: boolean): Promise<void> {
    this.keepData = keep;
    localStorage.setItem(KEEP_DATA_KEY, String(keep));
    if (!keep) await this.forgetData();
  }

  async forgetData(): Promise<void> {
    await forgetAllData().catch(() => undefined);
    this.ws.messages.push({ tone: 'info', title: 'Your data files were removed from this browser', detail: 'Tables stay loaded until you close or reload the page.' });
  }

  async create(): Promise<void> {
    await this.show(newNotebook());
    await this.refreshList();
  }

  async open(id: string): Promise<void> {
    if (!this.store) return;
    try {
      await this.show(await this.store.loadNotebook(id));
    } catch (e) {
      this.ws.messages.push({ tone: 'error', title: 'That notebook could not be opened', detail: e instanceof Error ? e.message : String(e) });
    }
  }

  async rename(id: string, title: string): Promise<void> {
    await this.store?.renameNotebook(id, title);
    if (id === this.nb.doc.id) this.nb.setTitle(title);
    await this.refreshList();
  }

  async duplicate(id: string): Promise<void> {
    await this.store?.duplicateNotebook(id);
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    if (id === this.nb.doc.id) this.autosaver?.cancel();
    await this.store?.deleteNotebook(id);
    await this.refreshList();
    if (id === this.nb.doc.id) {
      // The most recently edited of the others, or a fresh one when none is left.
      const next = this.notebooks[0];
      if (next) await this.open(next.id);
      else await this.show(newNotebook());
      await this.refreshList();
    }
  }

  exportCurrent(): void {
    const blob = new Blob([exportNotebook(this.nb.doc)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(this.nb.doc);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** A notebook file; a bad one leaves the open notebook exactly as it was. */
  async importFile(file: File): Promise<void> {
    try {
      const doc = importNotebook(await file.text());
      await this.show(doc);
      await this.refreshList();
      this.ws.messages.push({ tone: 'info', title: `Imported “${doc.title}”`, detail: `${doc.cells.length} cells. Run all to compute their results on the data loaded here.` });
    } catch (e) {
      const hint = e instanceof Error && 'hint' in e ? String((e as { hint: unknown }).hint) : undefined;
      this.ws.messages.push({ tone: 'error', title: `${file.name} was not imported`, detail: e instanceof Error ? e.message : String(e), hint });
    }
  }

  async copyLink(): Promise<string | null> {
    try {
      const link = `${location.origin}${location.pathname}${await notebookLink(this.nb.doc)}`;
      await navigator.clipboard?.writeText(link).catch(() => undefined);
      this.ws.messages.push({ tone: 'info', title: 'Notebook link copied', detail: 'It carries the cells and the column mapping, never your data.' });
      return link;
    } catch (e) {
      this.ws.messages.push({ tone: 'error', title: 'No link could be made for this notebook', detail: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  private async openLink(hash: string, keepCurrentOnFailure = false): Promise<void> {
    try {
      const doc = await openNotebookLink(hash);
      await this.show(doc);
      this.ws.messages.push({
        tone: 'info',
        title: `Opened “${doc.title}” from a link`,
        detail: this.ws.tables.length ? 'Run all to compute it on your data.' : 'Add your data files (or try the demo dataset): the columns are mapped by role, then Run all computes the cells on your data.',
      });
    } catch (e) {
      this.ws.messages.push({ tone: 'error', title: 'That notebook link cannot be opened', detail: e instanceof Error ? e.message : String(e) });
      if (!keepCurrentOnFailure) await this.show(newNotebook());
    }
  }
}
