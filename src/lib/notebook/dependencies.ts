/**
 * Which cells read which: a cell depends on the cells whose names its references list
 * (names compare case-insensitively, as DuckDB's do). Used to mark dependants stale after an
 * edit and to warn about a cell that reads one further down.
 */
import './kinds';
import type { NotebookCell, NotebookDoc } from './document';
import { hasCellKind, cellKind } from './registry';

/** The relation names a cell reads, lower-cased; [] for an unknown kind or a malformed spec. */
export function cellReferences(cell: NotebookCell): string[] {
  if (!hasCellKind(cell.kind)) return [];
  const kind = cellKind(cell.kind);
  if (!kind.references) return [];
  try {
    return kind.references(kind.parse(cell.spec)).map((n) => n.toLowerCase());
  } catch {
    return [];
  }
}

/** The names a cell answers to, lower-cased: its own, and any its kind adds (a segment's name). */
export function cellNamesOf(cell: NotebookCell): string[] {
  const own = cell.name.toLowerCase();
  if (!hasCellKind(cell.kind)) return [own];
  const kind = cellKind(cell.kind);
  if (!kind.provides) return [own];
  try {
    return [own, ...kind.provides(kind.parse(cell.spec)).map((n) => n.toLowerCase())];
  } catch {
    return [own];
  }
}

/** For each cell id, the ids of the cells it reads (in document order, itself excluded). */
export function dependencyMap(doc: NotebookDoc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const names = new Map(doc.cells.map((c) => [c.id, cellNamesOf(c)]));
  for (const cell of doc.cells) {
    const refs = new Set(cellReferences(cell));
    const ids = doc.cells.filter((c) => c.id !== cell.id && (names.get(c.id) ?? []).some((n) => refs.has(n))).map((c) => c.id);
    out.set(cell.id, ids);
  }
  return out;
}

/** Ids of every cell that reads the changed cell, directly or through others, in document order. */
export function staleAfterChange(doc: NotebookDoc, changedCellId: string): string[] {
  const deps = dependencyMap(doc);
  const stale = new Set<string>();
  let frontier = [changedCellId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const cell of doc.cells) {
      if (stale.has(cell.id) || cell.id === changedCellId) continue;
      if ((deps.get(cell.id) ?? []).some((d) => frontier.includes(d))) {
        stale.add(cell.id);
        next.push(cell.id);
      }
    }
    frontier = next;
  }
  return doc.cells.filter((c) => stale.has(c.id)).map((c) => c.id);
}

/** Ids of the cells `cellId` reads, directly or through others, in document order: what to run first. */
export function upstreamOf(doc: NotebookDoc, cellId: string): string[] {
  const deps = dependencyMap(doc);
  const seen = new Set<string>();
  const visit = (id: string): void => {
    for (const d of deps.get(id) ?? []) {
      if (d === cellId || seen.has(d)) continue;
      seen.add(d);
      visit(d);
    }
  };
  visit(cellId);
  return doc.cells.filter((c) => seen.has(c.id)).map((c) => c.id);
}

/** A cell that reads a cell placed after it: Run all would run it before its input. */
export interface ForwardReference {
  cellId: string;
  /** The later cell it reads. */
  readsId: string;
  readsName: string;
}

/** Run all's order (the document's), and the cells that read a later cell. */
export function runOrder(doc: NotebookDoc): { order: string[]; forward: ForwardReference[] } {
  const deps = dependencyMap(doc);
  const position = new Map(doc.cells.map((c, i) => [c.id, i]));
  const forward: ForwardReference[] = [];
  doc.cells.forEach((cell, i) => {
    for (const d of deps.get(cell.id) ?? []) {
      const at = position.get(d) ?? -1;
      if (at > i) forward.push({ cellId: cell.id, readsId: d, readsName: doc.cells[at].name });
    }
  });
  return { order: doc.cells.map((c) => c.id), forward };
}
