/**
 * Ingest: recognise and read customer exports. The engine worker normally calls loadFile();
 * the pieces are exported for callers that drive the engine themselves.
 */
export { IngestError, describeEngineError, type IngestProblemCode } from './errors';
export { fromFile, fromBytes, readHead, type ByteSource } from './source';
export { sniffFile, HEAD_BYTES, type FileFormat, type Sniffed } from './sniff';
export type { CsvDialect, Delimiter } from './dialect';
export { csvLoadSql, raggedDialect, fullScanDialect } from './csv';
export {
  detectAligned,
  alignedStageSql,
  alignedWidthSql,
  alignedProbeSql,
  alignedTypes,
  alignedNames,
  alignedFinishSql,
  alignedDropSql,
  type AlignedLayout,
  type AlignedType,
} from './aligned';
export { readParquet, readParquetMetadata } from './parquet';
export { readExcel, listSheets, type ExcelOptions } from './excel';
export { readJson, type JsonOptions } from './json';
export type { ArrowStream } from './stream';
export type { IpcChunk } from './chunks';
export type { ColumnKind, ColumnSpec } from './arrow';
export { tableNameFor, registeredNameFor } from './tableName';
export { uniqueColumnNames } from './columnNames';
export { refineTable, type Refinement, type Suggestion, type QueryFn } from './refine';
export { loadFile, type IngestTarget, type LoadOptions, type LoadResult, type LoadProgress } from './load';
export { SUPPORTED_FORMATS, ACCEPT_ATTRIBUTE, type SupportedFormat } from './formats';
