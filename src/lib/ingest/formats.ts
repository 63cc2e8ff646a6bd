/** The file formats Arkwright loads, for the README and the drop zone. */

export interface SupportedFormat {
  extension: string;
  description: string;
}

export const SUPPORTED_FORMATS: readonly SupportedFormat[] = [
  { extension: '.csv', description: 'Comma, semicolon, tab or pipe separated text; header or not; UTF-8 (with or without BOM), UTF-16 or Latin-1; decimal commas' },
  { extension: '.tsv, .txt', description: 'Tab-separated text, or columns aligned with spaces (fixed-width reports)' },
  { extension: '.csv.gz', description: 'Any of the text formats above, gzip-compressed' },
  { extension: '.xlsx', description: 'Excel workbook: the first sheet, or the sheet you choose' },
  { extension: '.parquet', description: 'Apache Parquet (uncompressed, Snappy, Gzip, Zstd, Brotli, LZ4)' },
  { extension: '.json', description: 'A JSON array of records, or an object holding one' },
  { extension: '.ndjson, .jsonl', description: 'Newline-delimited JSON, one record per line (also gzip-compressed)' },
  { extension: '.zip', description: 'A zip archive holding one of the files above' },
];

/** For <input type="file" accept=…>. */
export const ACCEPT_ATTRIBUTE = '.csv,.tsv,.tab,.txt,.psv,.dat,.gz,.xlsx,.xlsm,.parquet,.pq,.json,.jsonl,.ndjson,.zip';
