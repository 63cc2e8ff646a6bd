/** A small notebook with every kind of cell, a data model and a file reference. */
import { addCell, newNotebook, renameCell, type NotebookDoc } from '../../../src/lib/notebook';

export function sampleNotebook(): NotebookDoc {
  let doc = newNotebook('Workshop: ACME', new Date('2024-03-01T09:00:00Z'));
  doc = addCell(doc, 'note', { markdown: '# Who are our customers?' });
  doc = addCell(doc, 'sql', { sql: "SELECT * FROM customer_features WHERE country = 'FR' -- French" });
  doc = renameCell(doc, doc.cells[1].id, 'french');
  doc = addCell(doc, 'chart', { source: 'french', mark: 'bar', x: { field: 'first_order_at', bin: 'month' }, y: { aggregate: 'count' } });
  doc = { ...doc, cells: doc.cells.map((c, i) => (i === 0 ? { ...c, collapsed: true } : c)) };
  return {
    ...doc,
    dataModel: { v: 1, asOf: null, tables: [{ table: 'orders', kind: 'activity', columns: [{ column: 'cust', role: 'customer_id', type: 'BIGINT' }] }] },
    files: [{ name: 'orders.csv', size: 2048 }],
  };
}

