/**
 * Dropped data files kept, with the analyst's consent, in the origin-private file system
 * (OPFS), so that after a reload the tables come back without dropping the files again.
 * Files live in `arkwright-data/files/`; `arkwright-data/manifest.json` keeps what OPFS
 * does not: each file's original lastModified and type. Only the subset of the File System
 * Access API used here is typed, so tests can pass an in-memory directory.
 */
import { NotebookError } from './errors';
import { isObject } from './kinds/shape';

export type WritableLike = WritableStream<Uint8Array>;

export interface FileHandleLike {
  getFile(): Promise<File>;
  createWritable(): Promise<WritableLike>;
}

export interface DirectoryLike {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryLike>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  keys(): AsyncIterable<string>;
}

const DIR = 'arkwright-data';
const FILES = 'files';
const MANIFEST = 'manifest.json';

interface ManifestEntry {
  lastModified: number;
  type: string;
}
type Manifest = Record<string, ManifestEntry>;

/** True when this browser can keep files in OPFS with streamed writes (not every browser's main thread can). */
export async function isOpfsAvailable(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') return false;
    if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return false;
    await navigator.storage.getDirectory();
    return true;
  } catch {
    return false; // e.g. private browsing that refuses storage
  }
}

function opfsRoot(): Promise<DirectoryLike> {
  // The platform handle's types are wider than DirectoryLike (overloads, async iterators); it has every member used.
  return navigator.storage.getDirectory() as unknown as Promise<DirectoryLike>;
}

/**
 * Keeps a copy of `file`, streamed to disk (never wholly in memory). A file of the same name
 * is replaced. Throws NotebookError ('storage') when the browser refuses (quota, no OPFS).
 */
export function saveDataFile(file: File, root?: DirectoryLike): Promise<void> {
  return serialised(async () => {
    checkName(file.name);
    try {
      const files = await filesDir(root, true);
      const handle = await files.getFileHandle(file.name, { create: true });
      const writable = await handle.createWritable();
      // pipeTo closes the writable when done, and aborts it (discarding the partial copy) on error.
      await file.stream().pipeTo(writable);
      const manifest = await readManifest(root);
      manifest[file.name] = { lastModified: file.lastModified, type: file.type };
      await writeManifest(root, manifest);
    } catch (e) {
      if (e instanceof NotebookError) throw e;
      await removeIfNew(root, file.name);
      const quota = e instanceof DOMException && e.name === 'QuotaExceededError';
      throw new NotebookError(
        'storage',
        quota ? `There is not enough space in this browser to keep ${file.name}.` : `${file.name} could not be kept in this browser.`,
        { cause: e, hint: 'The data is still loaded for now; drop the file again after a reload, or free some space.' },
      );
    }
  });
}

/** The kept files, with their original name, size, lastModified and type, sorted by name. */
export async function listDataFiles(root?: DirectoryLike): Promise<File[]> {
  const files = await filesDir(root, false);
  if (files === null) return [];
  const manifest = await readManifest(root);
  const out: File[] = [];
  for await (const name of files.keys()) {
    let stored: File;
    try {
      stored = await (await files.getFileHandle(name)).getFile();
    } catch {
      continue; // a directory or a file removed meanwhile
    }
    const meta = manifest[name];
    // Wrapping refers to the stored bytes; it does not copy them.
    out.push(new File([stored], name, { lastModified: meta?.lastModified ?? stored.lastModified, type: meta?.type ?? stored.type }));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Forgets one kept file; no error when it is not there. */
export function deleteDataFile(name: string, root?: DirectoryLike): Promise<void> {
  return serialised(async () => {
    const files = await filesDir(root, false);
    if (files === null) return;
    await files.removeEntry(name).catch(() => undefined);
    const manifest = await readManifest(root);
    delete manifest[name];
    await writeManifest(root, manifest);
  });
}

/** Forgets every kept file ("forget this data"). */
export function forgetAllData(root?: DirectoryLike): Promise<void> {
  return serialised(async () => {
    const base = root ?? (await opfsRoot());
    try {
      await base.removeEntry(DIR, { recursive: true });
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e;
    }
  });
}

/** Opening a handle with create makes an empty file: remove it when a first save failed. */
async function removeIfNew(root: DirectoryLike | undefined, name: string): Promise<void> {
  try {
    if ((await readManifest(root))[name] !== undefined) return;
    await (await filesDir(root, false))?.removeEntry(name);
  } catch {
    // best effort: listDataFiles shows what is there
  }
}

/** OPFS refuses these names; a dropped file never has them, but a name is checked all the same. */
function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\u0000]/.test(name)) {
    throw new NotebookError('storage', `"${name}" is not a file name this browser can keep.`);
  }
}

async function dataDir(root: DirectoryLike | undefined, create: boolean): Promise<DirectoryLike | null> {
  const base = root ?? (await opfsRoot());
  try {
    return await base.getDirectoryHandle(DIR, { create });
  } catch (e) {
    if (!create && e instanceof DOMException && e.name === 'NotFoundError') return null;
    throw e;
  }
}

async function filesDir(root: DirectoryLike | undefined, create: true): Promise<DirectoryLike>;
async function filesDir(root: DirectoryLike | undefined, create: false): Promise<DirectoryLike | null>;
async function filesDir(root: DirectoryLike | undefined, create: boolean): Promise<DirectoryLike | null> {
  const dir = await dataDir(root, create);
  if (dir === null) return null;
  try {
    return await dir.getDirectoryHandle(FILES, { create });
  } catch (e) {
    if (!create && e instanceof DOMException && e.name === 'NotFoundError') return null;
    throw e;
  }
}

async function readManifest(root: DirectoryLike | undefined): Promise<Manifest> {
  try {
    const dir = await dataDir(root, false);
    if (dir === null) return {};
    const json: unknown = JSON.parse(await (await (await dir.getFileHandle(MANIFEST)).getFile()).text());
    const out: Manifest = {};
    if (isObject(json)) {
      for (const [name, v] of Object.entries(json)) {
        if (isObject(v) && typeof v.lastModified === 'number') out[name] = { lastModified: v.lastModified, type: typeof v.type === 'string' ? v.type : '' };
      }
    }
    return out;
  } catch {
    return {}; // no manifest yet, or an unreadable one: the files' own dates stand in
  }
}

async function writeManifest(root: DirectoryLike | undefined, manifest: Manifest): Promise<void> {
  const dir = await dataDir(root, true);
  if (dir === null) return;
  const writable = await (await dir.getFileHandle(MANIFEST, { create: true })).createWritable();
  await new Blob([JSON.stringify(manifest)]).stream().pipeTo(writable);
}

// The manifest is read, changed and written back: one change at a time.
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}
