/**
 * Notebook files (`.arkwright.json`): definitions only — cells, the data model mapping, the
 * names and sizes of the data files — never data rows. Schema: docs/notebook-format.md.
 */
import { newId, type FileRef, type NotebookDoc } from './document';
import { invalid, NotebookError } from './errors';
import { checkVersion, FORMAT_VERSION, guarded, NOTEBOOK_FORMAT, parseCells, parseFiles, parseModel, parseTitle } from './parse';
import { isObject } from './kinds/shape';

/** The file's JSON. Cells carry no ids: ids are minted when a file is opened. */
export interface NotebookFile {
  format: typeof NOTEBOOK_FORMAT;
  v: typeof FORMAT_VERSION;
  title: string;
  createdAt: string;
  cells: { name: string; kind: string; collapsed: boolean; spec: unknown }[];
  dataModel: unknown | null;
  files: FileRef[];
}

/** Largest file import reads (definitions are small; anything this big is not a notebook). */
export const MAX_NOTEBOOK_FILE_CHARS = 20_000_000;

export function notebookFile(doc: NotebookDoc): NotebookFile {
  return {
    format: NOTEBOOK_FORMAT,
    v: FORMAT_VERSION,
    title: doc.title,
    createdAt: doc.createdAt,
    cells: doc.cells.map((c) => ({ name: c.name, kind: c.kind, collapsed: c.collapsed, spec: c.spec })),
    dataModel: doc.dataModel,
    files: doc.files.map((f) => ({ name: f.name, size: f.size })),
  };
}

/** The notebook as pretty JSON. */
export function exportNotebook(doc: NotebookDoc): string {
  return `${JSON.stringify(notebookFile(doc), null, 2)}\n`;
}

/** A file name for the export: the title made safe, ending in .arkwright.json. */
export function exportFileName(doc: NotebookDoc): string {
  const base = doc.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 100) || 'notebook';
  return `${base}.arkwright.json`;
}

/**
 * A new notebook (new ids, created now) from a file's text. Throws only NotebookError:
 * not-json, not-a-notebook, newer-version, or invalid / bad-name / unknown-kind with the path
 * of what is wrong (e.g. `cells[2].spec.mark`).
 */
export function importNotebook(text: string, now: Date = new Date()): NotebookDoc {
  return guarded(() => {
    if (typeof text !== 'string') throw new NotebookError('not-json', 'This file is not a notebook: it holds no text.');
    if (text.length > MAX_NOTEBOOK_FILE_CHARS) throw new NotebookError('not-a-notebook', 'This file is too large to be a notebook.');
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new NotebookError('not-json', `This file is not a notebook: it is not valid JSON (${e instanceof Error ? e.message : 'unreadable'}).`);
    }
    return fromDefinitions(json, 'file', now);
  });
}

/** A notebook from the definitions a file or link carries (format, v, title, cells, dataModel, files). */
export function fromDefinitions(json: unknown, source: 'file' | 'link', now: Date): NotebookDoc {
  const what = source === 'file' ? 'This file' : 'This link';
  if (!isObject(json) || json.format !== NOTEBOOK_FORMAT) {
    throw new NotebookError('not-a-notebook', `${what} is not an Arkwright notebook (it has no "format": "${NOTEBOOK_FORMAT}").`);
  }
  checkVersion(json.v);
  const at = now.toISOString();
  const createdAt = typeof json.createdAt === 'string' && !Number.isNaN(Date.parse(json.createdAt)) ? json.createdAt : at;
  if (json.cells === undefined) throw invalid('cells', 'is missing');
  return {
    v: 1,
    id: newId(),
    title: parseTitle(json.title),
    createdAt,
    updatedAt: at,
    cells: parseCells(json.cells, false),
    dataModel: parseModel(json.dataModel),
    files: parseFiles(json.files),
  };
}
