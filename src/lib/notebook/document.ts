/**
 * The notebook document: an ordered list of cells plus the data model mapping and the names
 * of the files it was built on. Definitions only — never data rows. Plain JSON, versioned.
 */

export interface NotebookCell {
  id: string;
  /** A registered cell kind: 'sql', 'chart', 'note', … (see registry.ts). */
  kind: string;
  /** The relation other cells query (e.g. top_customers): unique, [a-z_][a-z0-9_]*. */
  name: string;
  collapsed: boolean;
  /** The kind's spec, checked by its parse(). */
  spec: unknown;
}

/** A data file the notebook was built on: its name and size, never its contents. */
export interface FileRef {
  name: string;
  size: number;
}

export interface NotebookDoc {
  v: 1;
  id: string;
  title: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  cells: NotebookCell[];
  /** The DataModel JSON (src/lib/model), checked with parseDataModel; null before mapping. */
  dataModel: unknown | null;
  files: FileRef[];
}

export const NOTEBOOK_VERSION = 1;
export const DEFAULT_TITLE = 'Untitled notebook';

export function newId(): string {
  return crypto.randomUUID();
}

/** An empty notebook. */
export function newNotebook(title = DEFAULT_TITLE, now: Date = new Date()): NotebookDoc {
  const at = now.toISOString();
  return { v: 1, id: newId(), title, createdAt: at, updatedAt: at, cells: [], dataModel: null, files: [] };
}

export function findCell(doc: NotebookDoc, id: string): NotebookCell | undefined {
  return doc.cells.find((c) => c.id === id);
}

export function cellIndex(doc: NotebookDoc, id: string): number {
  return doc.cells.findIndex((c) => c.id === id);
}
