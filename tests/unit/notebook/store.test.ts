import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCell, newNotebook, NotebookError, openNotebookStore, renameCell, type NotebookStore } from '../../../src/lib/notebook';

let n = 0;
let store: NotebookStore;
let clock = Date.parse('2024-05-01T10:00:00Z');

beforeEach(async () => {
  store = await openNotebookStore({ name: `test-${n++}`, now: () => new Date((clock += 1000)) });
});
afterEach(() => store.close());

function sample(title = 'Discovery') {
  let doc = newNotebook(title, new Date('2024-01-01T00:00:00Z'));
  doc = addCell(doc, 'sql', { sql: 'SELECT * FROM customer_features' });
  doc = renameCell(doc, doc.cells[0].id, 'features');
  doc = addCell(doc, 'chart', { source: 'features', mark: 'histogram', x: { field: 'revenue' } });
  return { ...doc, dataModel: { v: 1, tables: [], asOf: '2024-01-31' }, files: [{ name: 'orders.csv', size: 1234 }] };
}

describe('notebook store (IndexedDB)', () => {
  it('saves and loads a notebook exactly, stamping updatedAt', async () => {
    const doc = sample();
    const saved = await store.saveNotebook(doc);
    expect(saved.updatedAt).not.toBe(doc.updatedAt);
    expect(await store.loadNotebook(doc.id)).toEqual(saved);
  });

  it('lists summaries, most recently updated first', async () => {
    const a = await store.saveNotebook(sample('A'));
    const b = await store.saveNotebook(sample('B'));
    expect(await store.listNotebooks()).toEqual([
      { id: b.id, title: 'B', updatedAt: b.updatedAt, cells: 2 },
      { id: a.id, title: 'A', updatedAt: a.updatedAt, cells: 2 },
    ]);
  });

  it('renames, duplicates and deletes', async () => {
    const doc = await store.saveNotebook(sample());
    expect((await store.renameNotebook(doc.id, 'Workshop')).title).toBe('Workshop');
    const copy = await store.duplicateNotebook(doc.id);
    expect(copy.id).not.toBe(doc.id);
    expect(copy.title).toBe('Workshop (copy)');
    expect(copy.cells.map((c) => c.name)).toEqual(['features', 'chart_2']);
    expect(copy.cells[0].id).not.toBe(doc.cells[0].id);
    await store.deleteNotebook(doc.id);
    expect((await store.listNotebooks()).map((s) => s.id)).toEqual([copy.id]);
    await expect(store.loadNotebook(doc.id)).rejects.toMatchObject({ problem: 'not-found' });
  });

  it('remembers the last opened notebook, and forgets it when deleted', async () => {
    expect(await store.getLastOpened()).toBeNull();
    const doc = await store.saveNotebook(sample());
    await store.setLastOpened(doc.id);
    expect(await store.getLastOpened()).toBe(doc.id);
    await store.deleteNotebook(doc.id);
    expect(await store.getLastOpened()).toBeNull();
  });

  it('survives closing and reopening the database', async () => {
    const name = `reopen-${n++}`;
    const first = await openNotebookStore({ name });
    const saved = await first.saveNotebook(sample());
    await first.setLastOpened(saved.id);
    first.close();
    const second = await openNotebookStore({ name });
    expect(await second.loadNotebook(await second.getLastOpened() ?? '')).toEqual(saved);
    second.close();
  });

  it('refuses a stored document it cannot read with a NotebookError', async () => {
    const doc = sample();
    await store.saveNotebook({ ...doc, cells: [{ ...doc.cells[0], spec: { sql: 42 } }] });
    const e: unknown = await store.loadNotebook(doc.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotebookError);
    expect((e as NotebookError).message).toBe('cells[0].spec.sql: must be text');
  });
});
