/**
 * The demo retailer: a seeded, streaming generator of customers, order lines and events.
 * Customers are simulated one at a time from their own keyed random streams, so memory stays
 * bounded however many customers are asked for, and every table can be streamed on its own.
 */
import { resolveOptions, createContext, type RetailerOptions, type ResolvedOptions, type SimulationContext } from './context';
import { simulateCustomer, type SimulatedCustomer } from './customer';
import { writeHeader, writeCustomer, writeOrderLines, writeEvents, type TableName } from './csv';
import { ByteWriter } from './bytes';
import type { TimestampFormatter } from './time';

export interface RetailerChunk<T> {
  /** This chunk's rows of each table; the first chunk starts with each table's header. */
  readonly customers: T;
  readonly orderLines: T;
  readonly events: T;
  /** Rows of each table in this chunk (headers not counted). */
  readonly rows: { readonly customers: number; readonly orderLines: number; readonly events: number };
  /** Customers generated so far, including this chunk. */
  readonly customersDone: number;
}

export interface RetailerCsv {
  readonly customers: string;
  readonly orderLines: string;
  readonly events: string;
}

export interface Retailer {
  readonly options: ResolvedOptions;
  /** First and (exclusive) last instant of the data, as 'YYYY-MM-DD HH:MM:SS'. */
  readonly period: { readonly start: string; readonly end: string };
  /** Simulated customers in id order, with orders, truth and (if asked) events. */
  customers(opts?: { events?: boolean }): Generator<SimulatedCustomer, void, undefined>;
  /** CSV text chunks of one table; the first starts with the header. */
  customersCsv(): Generator<string, void, undefined>;
  orderLinesCsv(): Generator<string, void, undefined>;
  eventsCsv(): Generator<string, void, undefined>;
  /**
   * The tables (default all three) in one pass, one simulation per customer, as text. Tables
   * not asked for come out empty; leaving out events skips their simulation.
   */
  chunks(tables?: readonly TableName[]): Generator<RetailerChunk<string>, void, undefined>;
  /** Same as chunks, as UTF-8 bytes (each chunk a fresh array): for writing files. */
  byteChunks(tables?: readonly TableName[]): Generator<RetailerChunk<Uint8Array>, void, undefined>;
  /** Whole CSV strings; for small sizes (20 000 customers make about 30 MB in all). */
  toCsvStrings(): RetailerCsv;
}

type RowWriter = (w: ByteWriter, c: SimulatedCustomer, fmt: TimestampFormatter) => void;

const WRITERS: Record<TableName, RowWriter> = { customers: writeCustomer, orderLines: writeOrderLines, events: writeEvents };

function* simulateAll(ctx: SimulationContext, withEvents: boolean): Generator<SimulatedCustomer, void, undefined> {
  let nextOrder = 1;
  for (let i = 0; i < ctx.options.customers; i++) {
    const c = simulateCustomer(ctx, i, nextOrder, withEvents);
    nextOrder += c.truth.purchases;
    yield c;
  }
}

function* tableCsv(ctx: SimulationContext, table: TableName): Generator<string, void, undefined> {
  const w = new ByteWriter();
  const write = WRITERS[table];
  writeHeader(w, table);
  let n = 0;
  for (const c of simulateAll(ctx, table === 'events')) {
    write(w, c, ctx.format);
    if (++n % ctx.options.chunkCustomers === 0) yield w.takeText();
  }
  if (w.length > 0) yield w.takeText();
}

const ALL_TABLES: readonly TableName[] = ['customers', 'orderLines', 'events'];

function* allTables<T>(ctx: SimulationContext, tables: readonly TableName[], take: (w: ByteWriter) => T): Generator<RetailerChunk<T>, void, undefined> {
  const want = { customers: tables.includes('customers'), orderLines: tables.includes('orderLines'), events: tables.includes('events') };
  const writers = { customers: new ByteWriter(), orderLines: new ByteWriter(), events: new ByteWriter() };
  for (const t of ALL_TABLES) if (want[t]) writeHeader(writers[t], t);
  let rows = { customers: 0, orderLines: 0, events: 0 };
  let n = 0;
  for (const c of simulateAll(ctx, want.events)) {
    if (want.customers) {
      writeCustomer(writers.customers, c, ctx.format);
      rows.customers++;
    }
    if (want.orderLines) {
      for (const o of c.orders) rows.orderLines += o.lines.length;
      writeOrderLines(writers.orderLines, c, ctx.format);
    }
    if (want.events) {
      rows.events += c.events.length;
      writeEvents(writers.events, c, ctx.format);
    }
    n++;
    if (n % ctx.options.chunkCustomers === 0 || n === ctx.options.customers) {
      yield { customers: take(writers.customers), orderLines: take(writers.orderLines), events: take(writers.events), rows, customersDone: n };
      rows = { customers: 0, orderLines: 0, events: 0 };
    }
  }
}

export function generateRetailer(options: RetailerOptions = {}): Retailer {
  const ctx = createContext(resolveOptions(options));
  const chunks = (tables: readonly TableName[] = ALL_TABLES): Generator<RetailerChunk<string>, void, undefined> =>
    allTables(ctx, tables, (w) => w.takeText());
  return {
    options: ctx.options,
    period: { start: ctx.format.timestamp(ctx.start), end: ctx.format.timestamp(ctx.end) },
    customers: (opts) => simulateAll(ctx, opts?.events ?? false),
    customersCsv: () => tableCsv(ctx, 'customers'),
    orderLinesCsv: () => tableCsv(ctx, 'orderLines'),
    eventsCsv: () => tableCsv(ctx, 'events'),
    chunks,
    byteChunks: (tables = ALL_TABLES) => allTables(ctx, tables, (w) => w.takeBytes()),
    toCsvStrings() {
      const parts: { customers: string[]; orderLines: string[]; events: string[] } = { customers: [], orderLines: [], events: [] };
      for (const chunk of chunks()) {
        parts.customers.push(chunk.customers);
        parts.orderLines.push(chunk.orderLines);
        parts.events.push(chunk.events);
      }
      return { customers: parts.customers.join(''), orderLines: parts.orderLines.join(''), events: parts.events.join('') };
    },
  };
}
