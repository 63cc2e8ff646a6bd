/**
 * Reading notebook JSON that came from outside the running page — a file, a link, IndexedDB
 * written by an older build — with every problem a NotebookError naming where it is.
 */
import './kinds';
import { parseDataModel } from '../model/datamodel';
import { ModelError } from '../model/errors';
import { newId, type FileRef, type NotebookCell } from './document';
import { invalid, NotebookError, underPath } from './errors';
import { cellNameProblem } from './names';
import { cellKind, hasCellKind } from './registry';
import { isObject } from './kinds/shape';

export const NOTEBOOK_FORMAT = 'arkwright-notebook';
export const FORMAT_VERSION = 1;
/** Bounds on an untrusted document, so a hostile file gives a message rather than a hang. */
export const NOTEBOOK_LIMITS = { cells: 1_000, titleLength: 500, files: 1_000 } as const;

/** Rejects a document from a newer Arkwright before its shape is judged (it may differ). */
export function checkVersion(v: unknown): void {
  if (typeof v === 'number' && Number.isInteger(v) && v > FORMAT_VERSION) {
    throw new NotebookError('newer-version', `This notebook was made by a newer version of Arkwright (v${v}); this version reads v${FORMAT_VERSION}.`);
  }
  if (v !== FORMAT_VERSION) throw invalid('v', `is not a notebook version this Arkwright knows (${JSON.stringify(v) ?? 'missing'})`);
}

export function parseTitle(json: unknown, path = 'title'): string {
  if (json === undefined) return 'Untitled notebook';
  if (typeof json !== 'string') throw invalid(path, 'must be text');
  if (json.length > NOTEBOOK_LIMITS.titleLength) throw invalid(path, `is longer than ${NOTEBOOK_LIMITS.titleLength} characters`);
  return json;
}

/** The data model mapping (null when absent), shape-checked by src/lib/model. */
export function parseModel(json: unknown, path = 'dataModel'): unknown | null {
  if (json === undefined || json === null) return null;
  try {
    return parseDataModel(json);
  } catch (e) {
    if (e instanceof ModelError) throw invalid(path, e.message);
    throw e;
  }
}

export function parseFiles(json: unknown, path = 'files'): FileRef[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) throw invalid(path, 'must be a list');
  if (json.length > NOTEBOOK_LIMITS.files) throw invalid(path, `holds more than ${NOTEBOOK_LIMITS.files} files`);
  return json.map((f, i): FileRef => {
    const at = `${path}[${i}]`;
    if (!isObject(f) || typeof f.name !== 'string') throw invalid(at, 'must have a file name');
    if (typeof f.size !== 'number' || !Number.isFinite(f.size) || f.size < 0) throw invalid(`${at}.size`, 'must be a size in bytes');
    return { name: f.name, size: f.size };
  });
}

/**
 * The cells, each checked by its kind; names valid and unique. With `keepIds` (a saved
 * notebook) the ids must be there; otherwise (an import, a link) every cell gets a new id.
 */
export function parseCells(json: unknown, keepIds: boolean, path = 'cells'): NotebookCell[] {
  if (!Array.isArray(json)) throw invalid(path, 'must be a list of cells');
  if (json.length > NOTEBOOK_LIMITS.cells) throw invalid(path, `holds more than ${NOTEBOOK_LIMITS.cells} cells`);
  const taken: string[] = [];
  const ids = new Set<string>();
  return json.map((c, i): NotebookCell => {
    const at = `${path}[${i}]`;
    if (!isObject(c)) throw invalid(at, 'must be a cell');
    if (typeof c.kind !== 'string') throw invalid(`${at}.kind`, 'must name a kind of cell');
    if (!hasCellKind(c.kind)) throw new NotebookError('unknown-kind', `"${c.kind}" is not a kind of cell this version of Arkwright knows`, { path: `${at}.kind` });
    if (typeof c.name !== 'string') throw invalid(`${at}.name`, 'must be text');
    const problem = cellNameProblem(c.name, { taken });
    if (problem !== null) throw new NotebookError('bad-name', problem, { path: `${at}.name` });
    taken.push(c.name);
    if (c.collapsed !== undefined && typeof c.collapsed !== 'boolean') throw invalid(`${at}.collapsed`, 'must be true or false');
    let id = newId();
    if (keepIds) {
      if (typeof c.id !== 'string' || c.id === '' || ids.has(c.id)) throw invalid(`${at}.id`, 'must be a unique id');
      id = c.id;
      ids.add(id);
    }
    let spec: unknown;
    try {
      spec = cellKind(c.kind).parse(c.spec);
    } catch (e) {
      if (e instanceof NotebookError) throw underPath(e, `${at}.spec`);
      throw e;
    }
    return { id, kind: c.kind, name: c.name, collapsed: c.collapsed === true, spec };
  });
}

/** Runs `read`, turning anything but a NotebookError (a stack overflow on absurd nesting…) into one. */
export function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof NotebookError) throw e;
    throw new NotebookError('invalid', `This notebook cannot be read (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
}
