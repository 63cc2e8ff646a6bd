/**
 * Edits of a notebook: pure and immutable, each returns a new document and leaves the old
 * one as it was (the UI keeps it for undo). They do not touch `updatedAt`: saving stamps it.
 * An edit that cannot be made throws NotebookError.
 */
import './kinds';
import { cellIndex, newId, type NotebookCell, type NotebookDoc } from './document';
import { NotebookError } from './errors';
import { assertCellName, uniqueName } from './names';
import { cellKind } from './registry';

/** What deleteCell removed, for restoreCell. */
export interface DeletedCell {
  cell: NotebookCell;
  index: number;
}

/**
 * A new cell of `kind` at `at` (default: the end), named `<kind>_<n>` with n counting from
 * the new cell count up to the first free name (sql_1, chart_2, …). `spec` defaults to the
 * kind's default spec and is checked by the kind.
 */
export function addCell(doc: NotebookDoc, kind: string, spec?: unknown, at: number = doc.cells.length): NotebookDoc {
  const k = cellKind(kind);
  const cell: NotebookCell = {
    id: newId(),
    kind,
    name: uniqueName(kind, names(doc), doc.cells.length + 1),
    collapsed: false,
    spec: k.parse(spec === undefined ? k.defaultSpec() : spec),
  };
  return withCells(doc, insert(doc.cells, clamp(at, doc.cells.length), cell));
}

/** Removes a cell; `undo` restores it at the same position with restoreCell. */
export function deleteCell(doc: NotebookDoc, id: string): { doc: NotebookDoc; undo: DeletedCell } {
  const index = indexOf(doc, id);
  const cell = doc.cells[index];
  return { doc: withCells(doc, doc.cells.filter((c) => c.id !== id)), undo: { cell, index } };
}

/** Puts a deleted cell back where it was (renamed if its name was taken meanwhile). */
export function restoreCell(doc: NotebookDoc, undo: DeletedCell): NotebookDoc {
  const taken = names(doc);
  const name = taken.includes(undo.cell.name) ? uniqueName(undo.cell.name, taken) : undo.cell.name;
  const id = doc.cells.some((c) => c.id === undo.cell.id) ? newId() : undo.cell.id;
  return withCells(doc, insert(doc.cells, clamp(undo.index, doc.cells.length), { ...undo.cell, id, name }));
}

/** A copy just below the cell, with a new id and the name `<name>_copy` (or _copy_2, …). */
export function duplicateCell(doc: NotebookDoc, id: string): NotebookDoc {
  const index = indexOf(doc, id);
  const source = doc.cells[index];
  const copy: NotebookCell = { ...source, id: newId(), name: uniqueName(`${source.name}_copy`, names(doc)), spec: structuredClone(source.spec) };
  return withCells(doc, insert(doc.cells, index + 1, copy));
}

/** Moves the cell so that it ends up at `toIndex` (clamped to the list). */
export function moveCell(doc: NotebookDoc, id: string, toIndex: number): NotebookDoc {
  const from = indexOf(doc, id);
  const to = clamp(toIndex, doc.cells.length - 1);
  if (from === to) return doc;
  const rest = doc.cells.filter((c) => c.id !== id);
  return withCells(doc, insert(rest, to, doc.cells[from]));
}

export function moveUp(doc: NotebookDoc, id: string): NotebookDoc {
  return moveCell(doc, id, indexOf(doc, id) - 1);
}

export function moveDown(doc: NotebookDoc, id: string): NotebookDoc {
  return moveCell(doc, id, indexOf(doc, id) + 1);
}

/**
 * Renames a cell. The name must be a valid relation name, not another cell's, not a data
 * model view (activity, customers, …) and not one of `loadedTables`. Throws NotebookError
 * ('bad-name') saying which rule it breaks; cellNameProblem gives the same text for live checks.
 */
export function renameCell(doc: NotebookDoc, id: string, name: string, loadedTables: readonly string[] = []): NotebookDoc {
  const index = indexOf(doc, id);
  if (doc.cells[index].name === name) return doc;
  assertCellName(name, { taken: names(doc).filter((_, i) => i !== index), loadedTables });
  return replaceAt(doc, index, { ...doc.cells[index], name });
}

export function setCollapsed(doc: NotebookDoc, id: string, collapsed: boolean): NotebookDoc {
  const index = indexOf(doc, id);
  return replaceAt(doc, index, { ...doc.cells[index], collapsed });
}

/** Replaces the cell's spec, checked by its kind (throws NotebookError when malformed). */
export function updateSpec(doc: NotebookDoc, id: string, spec: unknown): NotebookDoc {
  const index = indexOf(doc, id);
  const cell = doc.cells[index];
  return replaceAt(doc, index, { ...cell, spec: cellKind(cell.kind).parse(spec) });
}

export function setTitle(doc: NotebookDoc, title: string): NotebookDoc {
  return { ...doc, title };
}

/** Sets the data model mapping (already validated by src/lib/model). */
export function setDataModel(doc: NotebookDoc, dataModel: unknown | null, files: NotebookDoc['files'] = doc.files): NotebookDoc {
  return { ...doc, dataModel, files: files.map((f) => ({ name: f.name, size: f.size })) };
}

function names(doc: NotebookDoc): string[] {
  return doc.cells.map((c) => c.name);
}

function indexOf(doc: NotebookDoc, id: string): number {
  const index = cellIndex(doc, id);
  if (index < 0) throw new NotebookError('unknown-cell', 'This cell is no longer in the notebook.');
  return index;
}

function clamp(i: number, max: number): number {
  return Math.max(0, Math.min(Math.trunc(i), max));
}

function insert(cells: readonly NotebookCell[], at: number, cell: NotebookCell): NotebookCell[] {
  return [...cells.slice(0, at), cell, ...cells.slice(at)];
}

function withCells(doc: NotebookDoc, cells: NotebookCell[]): NotebookDoc {
  return { ...doc, cells };
}

function replaceAt(doc: NotebookDoc, index: number, cell: NotebookCell): NotebookDoc {
  return withCells(doc, doc.cells.map((c, i) => (i === index ? cell : c)));
}
