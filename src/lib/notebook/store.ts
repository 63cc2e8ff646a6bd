/**
 * Notebooks in IndexedDB (database `arkwright`): store `notebooks` holds documents by id,
 * store `meta` small values by key (the last opened notebook). Every method starts its
 * transaction synchronously, so writes issued in order commit in order — the autosaver
 * relies on it, and a save issued from `pagehide` is queued before the page is frozen.
 */
import { newId, type NotebookDoc } from './document';
import { NotebookError } from './errors';
import { done, openDatabase, request } from './idb';
import { checkVersion, guarded, parseCells, parseFiles, parseModel, parseTitle } from './parse';
import { isObject } from './kinds/shape';

export const DB_NAME = 'arkwright';
const DB_VERSION = 1;
const NOTEBOOKS = 'notebooks';
const META = 'meta';
const LAST_OPENED = 'lastOpened';

export interface NotebookSummary {
  id: string;
  title: string;
  updatedAt: string;
  cells: number;
}

export interface NotebookStore {
  /** Every notebook, most recently updated first. */
  listNotebooks(): Promise<NotebookSummary[]>;
  /** Throws NotebookError: not-found, or invalid when what is stored cannot be read. */
  loadNotebook(id: string): Promise<NotebookDoc>;
  /** Stores the document with `updatedAt` set to now; resolves to what was stored once committed. */
  saveNotebook(doc: NotebookDoc): Promise<NotebookDoc>;
  deleteNotebook(id: string): Promise<void>;
  /** A copy with a new id (and new cell ids) titled "<title> (copy)". */
  duplicateNotebook(id: string): Promise<NotebookDoc>;
  renameNotebook(id: string, title: string): Promise<NotebookDoc>;
  getLastOpened(): Promise<string | null>;
  setLastOpened(id: string | null): Promise<void>;
  close(): void;
}

export interface StoreOptions {
  /** Default: the page's indexedDB (tests pass fake-indexeddb's). */
  factory?: IDBFactory;
  name?: string;
  now?: () => Date;
}

export async function openNotebookStore(options: StoreOptions = {}): Promise<NotebookStore> {
  const factory = options.factory ?? globalThis.indexedDB;
  const now = options.now ?? (() => new Date());
  if (!factory) throw new NotebookError('storage', 'This browser cannot keep notebooks (IndexedDB is not available).');
  let db: IDBDatabase;
  try {
    db = await openDatabase(factory, options.name ?? DB_NAME, DB_VERSION, (d) => {
      if (!d.objectStoreNames.contains(NOTEBOOKS)) d.createObjectStore(NOTEBOOKS, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
    });
  } catch (e) {
    throw storageError('open the saved notebooks', e);
  }

  const put = async (doc: NotebookDoc): Promise<NotebookDoc> => {
    const stored: NotebookDoc = { ...doc, updatedAt: now().toISOString() };
    try {
      const tx = db.transaction(NOTEBOOKS, 'readwrite');
      tx.objectStore(NOTEBOOKS).put(stored);
      await done(tx);
    } catch (e) {
      throw storageError(`save "${doc.title}"`, e);
    }
    return stored;
  };

  const load = async (id: string): Promise<NotebookDoc> => {
    const json = await request<unknown>(db.transaction(NOTEBOOKS).objectStore(NOTEBOOKS).get(id)).catch((e: unknown) => {
      throw storageError('read the notebook', e);
    });
    if (json === undefined) throw new NotebookError('not-found', 'This notebook is not saved in this browser any more.');
    return parseStoredNotebook(json);
  };

  return {
    async listNotebooks() {
      const all = await request<unknown[]>(db.transaction(NOTEBOOKS).objectStore(NOTEBOOKS).getAll());
      return all
        .filter(isObject)
        .map((d): NotebookSummary => ({
          id: String(d.id),
          title: typeof d.title === 'string' ? d.title : 'Untitled notebook',
          updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : '',
          cells: Array.isArray(d.cells) ? d.cells.length : 0,
        }))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    loadNotebook: load,
    saveNotebook: put,
    async deleteNotebook(id) {
      const tx = db.transaction([NOTEBOOKS, META], 'readwrite');
      tx.objectStore(NOTEBOOKS).delete(id);
      const meta = tx.objectStore(META);
      // Forget it as the last opened one too, in the same transaction.
      const last = meta.get(LAST_OPENED);
      last.onsuccess = () => {
        if (last.result === id) meta.delete(LAST_OPENED);
      };
      await done(tx);
    },
    async duplicateNotebook(id) {
      const doc = await load(id);
      const at = now().toISOString();
      return put({ ...doc, id: newId(), title: `${doc.title} (copy)`, createdAt: at, cells: doc.cells.map((c) => ({ ...c, id: newId() })) });
    },
    async renameNotebook(id, title) {
      return put({ ...(await load(id)), title: parseTitle(title) });
    },
    async getLastOpened() {
      const v = await request<unknown>(db.transaction(META).objectStore(META).get(LAST_OPENED));
      return typeof v === 'string' ? v : null;
    },
    async setLastOpened(id) {
      const tx = db.transaction(META, 'readwrite');
      if (id === null) tx.objectStore(META).delete(LAST_OPENED);
      else tx.objectStore(META).put(id, LAST_OPENED);
      await done(tx);
    },
    close() {
      db.close();
    },
  };
}

/** A document as stored (ids kept), checked like an import: an older build may have written it. */
export function parseStoredNotebook(json: unknown): NotebookDoc {
  return guarded(() => {
    if (!isObject(json)) throw new NotebookError('invalid', 'The saved notebook is not readable.');
    checkVersion(json.v);
    if (typeof json.id !== 'string' || typeof json.createdAt !== 'string' || typeof json.updatedAt !== 'string') {
      throw new NotebookError('invalid', 'The saved notebook is not readable: it has no id or dates.');
    }
    return {
      v: 1,
      id: json.id,
      title: parseTitle(json.title),
      createdAt: json.createdAt,
      updatedAt: json.updatedAt,
      cells: parseCells(json.cells, true),
      dataModel: parseModel(json.dataModel),
      files: parseFiles(json.files),
    };
  });
}

function storageError(what: string, e: unknown): NotebookError {
  const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
  const detail = quota ? `There is not enough space in this browser to ${what}.` : `Arkwright could not ${what} in this browser's storage.`;
  return new NotebookError('storage', detail, { cause: e });
}
