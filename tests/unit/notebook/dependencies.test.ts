import { describe, expect, it } from 'vitest';
import { addCell, cellReferences, dependencyMap, newNotebook, renameCell, runOrder, staleAfterChange, upstreamOf, type NotebookDoc } from '../../../src/lib/notebook';

/** Cells a → b → c (SQL), d reads c (chart), e reads nothing, plus a note. */
function chain(): NotebookDoc {
  let doc = newNotebook();
  const add = (kind: string, name: string, spec: unknown): void => {
    doc = addCell(doc, kind, spec);
    doc = renameCell(doc, doc.cells[doc.cells.length - 1].id, name);
  };
  add('sql', 'a', { sql: 'SELECT * FROM activity' });
  add('sql', 'b', { sql: "SELECT * FROM a WHERE x <> 'c'" });
  add('sql', 'c', { sql: 'SELECT * FROM "B" -- not from e' });
  add('chart', 'd', { source: 'c', mark: 'bar' });
  add('sql', 'e', { sql: 'SELECT 1' });
  add('note', 'n', { markdown: 'FROM a' });
  return doc;
}

const byName = (doc: NotebookDoc, ids: string[]): string[] => ids.map((id) => doc.cells.find((c) => c.id === id)?.name ?? '?');

describe('cell dependencies', () => {
  it('reads references from each kind', () => {
    const doc = chain();
    expect(cellReferences(doc.cells[0])).toEqual(['activity']);
    expect(cellReferences(doc.cells[3])).toEqual(['c']);
    expect(cellReferences(doc.cells[5])).toEqual([]);
    expect(cellReferences({ ...doc.cells[0], kind: 'unknown' })).toEqual([]);
  });

  it('finds a saved segment by its name: segment rules and comparisons read the segment cell that bears it', () => {
    let doc = newNotebook();
    doc = addCell(doc, 'segment', { v: 1, name: 'Big spenders', asOf: null, match: { all: [{ field: 'revenue', op: '>=', value: 500 }] } });
    doc = addCell(doc, 'segment', { v: 1, name: 'Big and French', asOf: null, match: { all: [{ segment: 'big spenders' }] } });
    doc = addCell(doc, 'segment_compare', { segments: ['Big spenders', 'Big and French'] });
    const [big, french, compare] = doc.cells.map((c) => c.id);
    const deps = dependencyMap(doc);
    expect(deps.get(french)).toEqual([big]);
    expect(deps.get(compare)).toEqual([big, french]);
    expect(staleAfterChange(doc, big)).toEqual([french, compare]);
  });

  it('maps each cell to the cells it reads', () => {
    const doc = chain();
    const deps = dependencyMap(doc);
    expect(byName(doc, deps.get(doc.cells[2].id) ?? [])).toEqual(['b']);
    expect(byName(doc, deps.get(doc.cells[0].id) ?? [])).toEqual([]);
  });

  it('marks every transitive dependant stale, in document order, and nothing else', () => {
    const doc = chain();
    expect(byName(doc, staleAfterChange(doc, doc.cells[0].id))).toEqual(['b', 'c', 'd']);
    expect(byName(doc, staleAfterChange(doc, doc.cells[2].id))).toEqual(['d']);
    expect(staleAfterChange(doc, doc.cells[4].id)).toEqual([]);
  });

  it('stops on cycles and ignores a cell reading its own previous result', () => {
    let doc = newNotebook();
    doc = addCell(doc, 'sql', { sql: 'SELECT * FROM sql_2' });
    doc = addCell(doc, 'sql', { sql: 'SELECT * FROM sql_1, sql_2' });
    expect(byName(doc, staleAfterChange(doc, doc.cells[0].id))).toEqual(['sql_2']);
    expect(byName(doc, staleAfterChange(doc, doc.cells[1].id))).toEqual(['sql_1']);
  });

  it('lists what must run first, and reports cells reading a later cell', () => {
    const doc = chain();
    expect(byName(doc, upstreamOf(doc, doc.cells[3].id))).toEqual(['a', 'b', 'c']);
    const ordered = runOrder(doc);
    expect(ordered.order).toEqual(doc.cells.map((c) => c.id));
    expect(ordered.forward).toEqual([]);
    let bad = newNotebook();
    bad = addCell(bad, 'sql', { sql: 'SELECT * FROM sql_2' });
    bad = addCell(bad, 'sql', { sql: 'SELECT 1' });
    expect(runOrder(bad).forward).toEqual([{ cellId: bad.cells[0].id, readsId: bad.cells[1].id, readsName: 'sql_2' }]);
  });
});
