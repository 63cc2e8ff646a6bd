import { describe, expect, it } from 'vitest';
import {
  addCell,
  deleteCell,
  duplicateCell,
  moveCell,
  moveDown,
  moveUp,
  newNotebook,
  NotebookError,
  renameCell,
  restoreCell,
  setCollapsed,
  updateSpec,
  type NotebookDoc,
} from '../../../src/lib/notebook';

const names = (doc: NotebookDoc): string[] => doc.cells.map((c) => c.name);

function threeCells(): NotebookDoc {
  let doc = newNotebook('Test');
  doc = addCell(doc, 'sql', { sql: 'SELECT 1' });
  doc = addCell(doc, 'chart');
  doc = addCell(doc, 'note', { markdown: '# Hi' });
  return doc;
}

function thrown(f: () => unknown): NotebookError {
  try {
    f();
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('notebook operations', () => {
  it('adds cells with unique automatic names and default specs, without changing the original', () => {
    const empty = newNotebook();
    const doc = threeCells();
    expect(empty.cells).toEqual([]);
    expect(names(doc)).toEqual(['sql_1', 'chart_2', 'note_3']);
    expect(doc.cells[1].spec).toEqual({ source: '', mark: 'bar' });
    expect(new Set(doc.cells.map((c) => c.id)).size).toBe(3);
    const more = addCell(addCell(doc, 'sql', undefined, 0), 'sql');
    expect(names(more)).toEqual(['sql_4', 'sql_1', 'chart_2', 'note_3', 'sql_5']);
    expect(names(doc)).toEqual(['sql_1', 'chart_2', 'note_3']);
  });

  it('skips a name already taken', () => {
    let doc = addCell(newNotebook(), 'sql');
    doc = renameCell(doc, doc.cells[0].id, 'sql_2');
    doc = addCell(doc, 'sql');
    expect(names(doc)).toEqual(['sql_2', 'sql_3']);
  });

  it('rejects an unknown kind and a malformed spec', () => {
    expect(thrown(() => addCell(newNotebook(), 'teleport')).problem).toBe('unknown-kind');
    expect(thrown(() => addCell(newNotebook(), 'chart', { source: 'x', mark: 'pie' })).message).toMatch(/^mark: must be one of bar/);
  });

  it('deletes a cell and undoes it at the same position, with the same id and name', () => {
    const doc = threeCells();
    const { doc: after, undo } = deleteCell(doc, doc.cells[1].id);
    expect(names(after)).toEqual(['sql_1', 'note_3']);
    const restored = restoreCell(after, undo);
    expect(restored.cells).toEqual(doc.cells);
  });

  it('undo of a delete restores the first and the last position, and renames if the name was reused', () => {
    const doc = threeCells();
    const first = deleteCell(doc, doc.cells[0].id);
    expect(restoreCell(first.doc, first.undo).cells).toEqual(doc.cells);
    const last = deleteCell(doc, doc.cells[2].id);
    expect(restoreCell(last.doc, last.undo).cells).toEqual(doc.cells);
    const reused = renameCell(first.doc, first.doc.cells[0].id, 'sql_1');
    expect(names(restoreCell(reused, first.undo))).toEqual(['sql_1_2', 'sql_1', 'note_3']);
  });

  it('duplicates a cell below itself with a new id and unique name', () => {
    const doc = threeCells();
    const d1 = duplicateCell(doc, doc.cells[0].id);
    const d2 = duplicateCell(d1, doc.cells[0].id);
    expect(names(d2)).toEqual(['sql_1', 'sql_1_copy_2', 'sql_1_copy', 'chart_2', 'note_3']);
    expect(d1.cells[1].id).not.toBe(doc.cells[0].id);
    expect(d1.cells[1].spec).toEqual(doc.cells[0].spec);
    expect(d1.cells[1].spec).not.toBe(doc.cells[0].spec);
  });

  it('moves cells to an index, up and down, clamped at the ends', () => {
    const doc = threeCells();
    const [a, b, c] = doc.cells.map((x) => x.id);
    expect(names(moveCell(doc, a, 2))).toEqual(['chart_2', 'note_3', 'sql_1']);
    expect(names(moveCell(doc, c, 0))).toEqual(['note_3', 'sql_1', 'chart_2']);
    expect(names(moveCell(doc, a, 99))).toEqual(['chart_2', 'note_3', 'sql_1']);
    expect(names(moveUp(doc, b))).toEqual(['chart_2', 'sql_1', 'note_3']);
    expect(names(moveDown(doc, b))).toEqual(['sql_1', 'note_3', 'chart_2']);
    expect(moveUp(doc, a)).toBe(doc);
    expect(moveDown(doc, c)).toBe(doc);
  });

  it('renames with the naming rules', () => {
    const doc = threeCells();
    const id = doc.cells[0].id;
    expect(renameCell(doc, id, 'top_customers').cells[0].name).toBe('top_customers');
    expect(renameCell(doc, id, 'sql_1')).toBe(doc);
    expect(thrown(() => renameCell(doc, id, 'chart_2')).message).toMatch(/Another cell is already called "chart_2"/);
    expect(thrown(() => renameCell(doc, id, 'customers')).message).toMatch(/data model view/);
    expect(thrown(() => renameCell(doc, id, 'orders', ['Orders'])).message).toMatch(/loaded table/);
    expect(thrown(() => renameCell(doc, id, 'Top customers')).problem).toBe('bad-name');
  });

  it('collapses and updates a spec, checked by its kind', () => {
    const doc = threeCells();
    const id = doc.cells[0].id;
    expect(setCollapsed(doc, id, true).cells[0].collapsed).toBe(true);
    expect(updateSpec(doc, id, { sql: 'SELECT 2' }).cells[0].spec).toEqual({ sql: 'SELECT 2' });
    expect(thrown(() => updateSpec(doc, id, { sql: 2 })).message).toBe('sql: must be text');
    expect(thrown(() => setCollapsed(doc, 'nope', true)).problem).toBe('unknown-cell');
  });
});
