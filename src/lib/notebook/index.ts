/**
 * The notebook: document model, cell kinds, dependencies, persistence and files. No UI.
 *
 *   let doc = newNotebook('Discovery');
 *   doc = addCell(doc, 'sql', { sql: 'SELECT * FROM customer_features LIMIT 10' });
 *   const plan = planCell(doc.cells[0], { dataModel, cellNames });  // CREATE OR REPLACE TABLE "sql_1" AS …
 *   const store = await openNotebookStore();
 *   const autosave = createAutosaver((d: NotebookDoc) => store.saveNotebook(d));
 *   autosave.schedule(doc);   addEventListener('pagehide', () => void autosave.flush());
 */
import './kinds';

export * from './document';
export { NotebookError, type NotebookProblem } from './errors';
export { cellNameProblem, uniqueName, isKeyword, RESERVED_WORDS, CLAUSE_WORDS, MAX_NAME_LENGTH, type NameRules } from './names';
export { registerCellKind, cellKind, cellKinds, hasCellKind, type CellKind, type CellSqlContext } from './registry';
export * from './kinds';
export * from './operations';
export * from './dependencies';
export { cellRelationSql, dropCellRelationSql, cellResultSql, planCell, type CellPlan } from './relation';
export { singleQuery, referencedNames } from './sqlText';
export { tokenize, type Token, type TokenType } from './sqlTokens';
export { openNotebookStore, parseStoredNotebook, DB_NAME, type NotebookStore, type NotebookSummary, type StoreOptions } from './store';
export { createAutosaver, type Autosaver, type AutosaveOptions } from './autosave';
export { saveDataFile, listDataFiles, deleteDataFile, forgetAllData, isOpfsAvailable, type DirectoryLike, type FileHandleLike, type WritableLike } from './fileStore';
export { exportNotebook, importNotebook, exportFileName, MAX_NOTEBOOK_FILE_CHARS, type NotebookFile } from './fileFormat';
export { NOTEBOOK_FORMAT, FORMAT_VERSION, NOTEBOOK_LIMITS } from './parse';
export { notebookLink, openNotebookLink } from './link';
