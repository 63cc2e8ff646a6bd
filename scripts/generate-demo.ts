/**
 * Writes the demo retailer to files, for benchmarks and fixtures:
 *
 *   npx tsx scripts/generate-demo.ts --customers 1000000 --seed 42 --out bench/data/1m --format csv,parquet
 *   npm run demo:generate -- --rows 2000000 --out bench/data/2m-rows      (order_lines.csv of ~2M rows)
 *
 * CSV is streamed chunk by chunk (memory stays bounded); Parquet is converted from the CSV by
 * native DuckDB (@duckdb/node-api) with explicit column types and zstd compression.
 */
import { mkdirSync, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateRetailer, COLUMN_TYPES, TABLE_FILES, DEMO_DEFAULTS, type TableName, type RetailerOptions } from '../src/lib/demo';
import { sql, structLiteral } from '../src/lib/sql';

const USAGE = `Usage: tsx scripts/generate-demo.ts [options]
  --customers N     number of customers (default ${DEMO_DEFAULTS.customers})
  --rows N          instead of --customers: about N order lines (picks the customers)
  --seed N          random seed (default ${DEMO_DEFAULTS.seed})
  --seasonality X   0..1, 0 = exact BG/NBD purchase times (default ${DEMO_DEFAULTS.seasonality})
  --end YYYY-MM-DD  last day of data (default ${DEMO_DEFAULTS.end})
  --months N        length of the period in months (default ${DEMO_DEFAULTS.months})
  --tables LIST     customers,order_lines,events (default all; with --rows: order_lines)
  --format LIST     csv,parquet (default csv)
  --out DIR         output folder (default bench/data/demo)`;

const TABLE_ARGS: Record<string, TableName> = { customers: 'customers', order_lines: 'orderLines', events: 'events' };

function fail(message: string): never {
  console.error(`generate-demo: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function intArg(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n)) fail(`--${name} must be a whole number (got "${text}")`);
  return n;
}

function listArg<T extends string>(name: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!(allowed as readonly string[]).includes(item)) fail(`--${name}: unknown "${item}" (use ${allowed.join(', ')})`);
  return items as T[];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (file: string): string => `${(statSync(file).size / 1e6).toFixed(1)} MB`;

/** Customers needed for about `rows` order lines, from a pilot run with the same options. */
function customersForRows(rows: number, options: RetailerOptions): number {
  const pilot = Math.min(20_000, Math.max(2000, Math.ceil(rows / 7)));
  let lines = 0;
  for (const c of generateRetailer({ ...options, customers: pilot }).customers()) for (const o of c.orders) lines += o.lines.length;
  return Math.max(1, Math.round((rows * pilot) / lines));
}

async function toParquet(csvFile: string, parquetFile: string, table: TableName): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const read = sql`read_csv(${csvFile}, header = true, delim = ',', columns = ${structLiteral(COLUMN_TYPES[table])})`;
    await conn.run(sql`COPY (SELECT * FROM ${read}) TO ${parquetFile} (FORMAT parquet, COMPRESSION zstd)`.text);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        customers: { type: 'string' },
        rows: { type: 'string' },
        seed: { type: 'string' },
        seasonality: { type: 'string' },
        end: { type: 'string' },
        months: { type: 'string' },
        tables: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        out: { type: 'string', default: 'bench/data/demo' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const rowsTarget = intArg('rows', parsed.rows);
  if (rowsTarget !== undefined && parsed.customers !== undefined) fail('give --customers or --rows, not both');
  const seasonality = parsed.seasonality === undefined ? undefined : Number(parsed.seasonality);
  const base: RetailerOptions = {
    seed: intArg('seed', parsed.seed),
    seasonality,
    end: parsed.end,
    months: intArg('months', parsed.months),
    chunkCustomers: 5000,
  };
  const formats = listArg('format', parsed.format, ['csv', 'parquet'] as const);
  if (formats.length === 0) fail('--format needs csv and/or parquet');
  const tableArgs = parsed.tables ? listArg('tables', parsed.tables, Object.keys(TABLE_ARGS)) : rowsTarget !== undefined ? ['order_lines'] : Object.keys(TABLE_ARGS);
  const tables = tableArgs.map((t) => TABLE_ARGS[t]);

  const started = performance.now();
  let customers = intArg('customers', parsed.customers);
  if (rowsTarget !== undefined) {
    if (rowsTarget < 1) fail('--rows must be at least 1');
    customers = customersForRows(rowsTarget, base);
    console.log(`--rows ${rowsTarget}: ${customers} customers (pilot ${seconds(performance.now() - started)})`);
  }
  let retailer;
  try {
    retailer = generateRetailer({ ...base, customers });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const { options } = retailer;
  const outDir = path.resolve(parsed.out);
  mkdirSync(outDir, { recursive: true });
  console.log(
    `Generating ${options.customers} customers, seed ${options.seed}, seasonality ${options.seasonality}, ` +
      `${retailer.period.start} to ${retailer.period.end} → ${outDir}`,
  );

  const files = Object.fromEntries(tables.map((t) => [t, path.join(outDir, TABLE_FILES[t])])) as Partial<Record<TableName, string>>;
  const fds = Object.fromEntries(tables.map((t) => [t, openSync(files[t] as string, 'w')])) as Partial<Record<TableName, number>>;
  const rows = { customers: 0, orderLines: 0, events: 0 };
  const genStart = performance.now();
  let lastReport = genStart;
  for (const chunk of retailer.byteChunks(tables)) {
    for (const t of tables) {
      writeSync(fds[t] as number, chunk[t]);
      rows[t] += chunk.rows[t];
    }
    const now = performance.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      console.log(`  ${chunk.customersDone} / ${options.customers} customers, ${seconds(now - genStart)}`);
    }
  }
  for (const t of tables) closeSync(fds[t] as number);
  const genMs = performance.now() - genStart;
  console.log(`CSV written in ${seconds(genMs)}:`);
  for (const t of tables) console.log(`  ${TABLE_FILES[t].padEnd(16)} ${String(rows[t]).padStart(11)} rows  ${megabytes(files[t] as string)}`);

  if (formats.includes('parquet')) {
    for (const t of tables) {
      const csvFile = files[t] as string;
      const parquetFile = csvFile.replace(/\.csv$/, '.parquet');
      const t0 = performance.now();
      await toParquet(csvFile, parquetFile, t);
      console.log(`  ${path.basename(parquetFile).padEnd(16)} ${String(rows[t]).padStart(11)} rows  ${megabytes(parquetFile)}  (${seconds(performance.now() - t0)})`);
      if (!formats.includes('csv')) rmSync(csvFile);
    }
  }
  console.log(`Done in ${seconds(performance.now() - started)}.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
