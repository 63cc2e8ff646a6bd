import { describe, expect, it } from 'vitest';
import { exportFileName, exportNotebook, importNotebook, NotebookError, type NotebookDoc } from '../../../src/lib/notebook';
import { sampleNotebook } from './fixtures';

const definitions = (doc: NotebookDoc): unknown => ({
  title: doc.title,
  createdAt: doc.createdAt,
  cells: doc.cells.map(({ kind, name, collapsed, spec }) => ({ kind, name, collapsed, spec })),
  dataModel: doc.dataModel,
  files: doc.files,
});

function importError(text: string): NotebookError {
  try {
    importNotebook(text);
  } catch (e) {
    expect(e).toBeInstanceOf(NotebookError);
    return e as NotebookError;
  }
  throw new Error('imported');
}

const fileWith = (patch: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(exportNotebook(sampleNotebook())), ...patch });

describe('notebook files', () => {
  it('export holds definitions only, in the documented shape', () => {
    const doc = sampleNotebook();
    const json = JSON.parse(exportNotebook(doc));
    expect(Object.keys(json)).toEqual(['format', 'v', 'title', 'createdAt', 'cells', 'dataModel', 'files']);
    expect(json.format).toBe('arkwright-notebook');
    expect(json.v).toBe(1);
    expect(json.cells[0]).toEqual({ name: 'note_1', kind: 'note', collapsed: true, spec: { markdown: '# Who are our customers?' } });
    expect(exportNotebook(doc)).not.toContain(doc.id);
    expect(exportNotebook(doc)).toContain('\n  "format"');
    expect(exportFileName(doc)).toBe('Workshop  ACME.arkwright.json');
  });

  it('round-trips with new ids', () => {
    const doc = sampleNotebook();
    const back = importNotebook(exportNotebook(doc));
    expect(definitions(back)).toEqual(definitions(doc));
    expect(back.id).not.toBe(doc.id);
    expect(back.cells.map((c) => c.id)).not.toContain(doc.cells[0].id);
    expect(importNotebook('\uFEFF' + exportNotebook(doc)).title).toBe(doc.title);
  });

  it('says what is wrong with a file that is not a notebook', () => {
    expect(importError('{"format": "arkwright-notebook", ').problem).toBe('not-json');
    expect(importError('{"format": "arkwright-notebook", ').message).toMatch(/^This file is not a notebook: it is not valid JSON/);
    expect(importError('').problem).toBe('not-json');
    expect(importError('[1, 2]').problem).toBe('not-a-notebook');
    expect(importError('{"format": "vega-lite", "v": 1}').message).toMatch(/not an Arkwright notebook/);
  });

  it('says a newer file is newer, before judging its shape', () => {
    const e = importError(JSON.stringify({ format: 'arkwright-notebook', v: 2, pages: [] }));
    expect(e.problem).toBe('newer-version');
    expect(e.message).toBe('This notebook was made by a newer version of Arkwright (v2); this version reads v1.');
    expect(importError(fileWith({ v: 0 })).message).toMatch(/^v: is not a notebook version/);
    expect(importError(fileWith({ v: '1' })).path).toBe('v');
  });

  it('points at the bad part of a cell, the data model or the file list', () => {
    const cells = JSON.parse(exportNotebook(sampleNotebook())).cells;
    const withCell = (i: number, patch: Record<string, unknown>): string => fileWith({ cells: cells.map((c: object, j: number) => (j === i ? { ...c, ...patch } : c)) });
    expect(importError(withCell(2, { spec: { source: 'french', mark: 'pie' } })).message).toMatch(/^cells\[2\]\.spec\.mark: must be one of/);
    expect(importError(withCell(1, { spec: { sql: 1 } })).message).toBe('cells[1].spec.sql: must be text');
    expect(importError(withCell(1, { kind: 'teleport' })).problem).toBe('unknown-kind');
    expect(importError(withCell(1, { kind: 'teleport' })).path).toBe('cells[1].kind');
    expect(importError(withCell(1, { name: 'note_1' })).message).toBe('cells[1].name: Another cell is already called "note_1".');
    expect(importError(withCell(1, { name: 'customers' })).problem).toBe('bad-name');
    expect(importError(withCell(1, { collapsed: 'yes' })).path).toBe('cells[1].collapsed');
    expect(importError(fileWith({ cells: [1] })).message).toBe('cells[0]: must be a cell');
    expect(importError(fileWith({ cells: {} })).path).toBe('cells');
    expect(importError(fileWith({ cells: undefined })).message).toBe('cells: is missing');
    expect(importError(fileWith({ dataModel: { v: 1 } })).message).toMatch(/^dataModel: The saved data model is not readable/);
    expect(importError(fileWith({ files: [{ name: 'a.csv', size: -1 }] })).path).toBe('files[0].size');
    expect(importError(fileWith({ title: 5 })).path).toBe('title');
  });

  it('never throws anything but a NotebookError, even on hostile input', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const inputs = [deep, 'null', '"text"', '{"format":"arkwright-notebook","v":1,"cells":[{"kind":"sql","name":"a","spec":null}]}', '{"format":"arkwright-notebook","v":1,"cells":[{"kind":"__proto__","name":"a"}]}'];
    for (const text of inputs) expect(importError(text)).toBeInstanceOf(NotebookError);
  });
});
