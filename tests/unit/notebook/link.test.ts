import { describe, expect, it } from 'vitest';
import { NotebookError, notebookLink, openNotebookLink } from '../../../src/lib/notebook';
import { encodeNotebookLink } from '../../../src/lib/segments';
import { sampleNotebook } from './fixtures';

async function linkError(hash: string): Promise<NotebookError> {
  const e: unknown = await openNotebookLink(hash).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(NotebookError);
  return e as NotebookError;
}

describe('notebook share links', () => {
  it('round-trips the definitions: cells and data model, no ids and no file names', async () => {
    const doc = sampleNotebook();
    const link = await notebookLink(doc);
    expect(link).toMatch(/^#notebook=1\.[A-Za-z0-9_-]+$/);
    const back = await openNotebookLink(`https://arkwright.example/${link}`);
    expect(back.cells.map(({ kind, name, collapsed, spec }) => ({ kind, name, collapsed, spec }))).toEqual(
      doc.cells.map(({ kind, name, collapsed, spec }) => ({ kind, name, collapsed, spec })),
    );
    expect(back.dataModel).toEqual(doc.dataModel);
    expect(back.title).toBe(doc.title);
    expect(back.files).toEqual([]);
    expect(back.id).not.toBe(doc.id);
  });

  it('leaves identifier values the analyst kept out of the link (links carry definitions, never data)', async () => {
    const doc = sampleNotebook();
    const identity = {
      v: 1,
      sources: [{ table: 'orders', recordId: null, identifiers: [{ column: 'cust', type: 'customer_id' }] }],
      options: { defaultCountryCode: '44', placeholders: ['n/a'], maxRecordsPerIdentifier: 50, keep: [{ type: 'phone', value: '442071234567' }], disabledTypes: [] },
    };
    const withIdentity = { ...doc, dataModel: { ...doc.dataModel!, identity } } as typeof doc;
    const link = await notebookLink(withIdentity);
    const text = JSON.stringify(await import('../../../src/lib/segments').then((m) => m.decodeNotebookLink(link)));
    expect(text).not.toContain('442071234567');
    expect(text).toContain('"placeholders":["n/a"]');
  });

  it('checks a link like an imported file', async () => {
    expect((await linkError(await encodeNotebookLink({ format: 'arkwright-notebook', v: 1, cells: [{ kind: 'sql', name: 'x', spec: {} }] }))).message).toBe(
      'cells[0].spec.sql: must be text',
    );
    expect((await linkError(await encodeNotebookLink({ format: 'arkwright-notebook', v: 3, cells: [] }))).problem).toBe('newer-version');
    expect((await linkError(await encodeNotebookLink({ v: 1, match: {} }))).problem).toBe('not-a-notebook');
  });

  it('turns a broken link into a NotebookError', async () => {
    const link = await notebookLink(sampleNotebook());
    expect((await linkError(link.slice(0, link.length - 12))).problem).toBe('link');
    expect((await linkError('#segment=1.abc')).problem).toBe('link');
    expect((await linkError('#notebook=9.abc')).problem).toBe('newer-version');
  });
});
