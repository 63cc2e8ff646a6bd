/**
 * npm run bench [-- --quick] [-- --runs N] [-- --10m] [-- --no-build] [-- --out-dir DIR] [-- --port N] [-- --no-identity]
 * npm run bench -- --file path/to/big.csv         (one file through the app, and report)
 *
 * Drives the built app in headless Chromium on order lines from the project's generator
 * (100k and 1M activity rows; 10M with --10m; --quick: 100k only) and measures, per size and in
 * one run so that ratios are meaningful on a noisy machine:
 *
 * - engine ready; loading the CSV through the app (file picked → rows shown) vs the bare engine
 *   (register + CREATE TABLE AS read_csv) in the same kind of page vs native DuckDB (1 thread);
 *   loading the Parquet through the app;
 * - on the loaded, modelled data: profile, customer_features build, a per-customer aggregate
 *   (WASM vs native), the segment live count of a 3-rule and a 10-rule segment (the query the
 *   segment cell runs, through the app's engine), a whole segment cell, the RFM, cohort,
 *   journey and lifecycle cells and the CLV cell (with its phases), each run through the
 *   notebook as the app runs it;
 * - identity stitching (issue #7; --no-identity skips it): the four system exports of
 *   generateSystems (as many records as the size has rows: 100k, 1M; not at 10M) loaded through
 *   the file input, the customer view built on them, then the Identity stitching panel's state
 *   (identityFor): suggest identifiers (record ids and country code set as a person would),
 *   stitch (prepare, link, finish), report, model rebuild on people;
 * - the longest main-thread task during each step (PerformanceObserver 'longtask'), the peak JS
 *   heap of the page, DuckDB's own memory (duckdb_memory()), and the peak resident memory of
 *   the tab's renderer process (VmHWM: page, workers and WASM together).
 *
 * Figures are medians of the runs. Writes bench/results/<date>.json and regenerates the table
 * in bench/README.md (full runs only). The build goes to --out-dir (default dist-bench) so that
 * it does not replace the dist/ others test against.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateSystems, SYSTEM_TABLES, SYSTEMS_IDENTITY_SPEC } from '../src/lib/demo/systems';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    '10m': { type: 'boolean', default: false },
    /** Also the issues' "1M customers / 3M orders" shape (one run): see targetShapeSet. */
    '1m-customers': { type: 'boolean', default: false },
    /** Only these sizes, in thousands of rows (e.g. --sizes 1000). */
    sizes: { type: 'string' },
    'out-dir': { type: 'string', default: 'dist-bench' },
    port: { type: 'string', default: '4199' },
    /** Load one given file through the app (e.g. a 1 GB CSV or a 10M-row Parquet) and report. */
    file: { type: 'string' },
    /** Skip the identity-stitching step. */
    'no-identity': { type: 'boolean', default: false },
  },
});
const withIdentity = !(args['no-identity'] ?? false);
const quick = args.quick ?? false;
const runs = Number(args.runs ?? (quick ? 2 : 3));
const root = path.resolve(import.meta.dirname, '..');
const outDir = args['out-dir'] ?? 'dist-bench';
const port = Number(args.port ?? 4199);
const url = `http://localhost:${port}/`;

const SIZES: number[] = args.sizes
  ? args.sizes === 'none'
    ? []
    : args.sizes.split(',').map((s) => Number(s) * 1000)
  : quick
    ? [100_000]
    : [100_000, 1_000_000, ...(args['10m'] ? [10_000_000] : [])];

/** Targets of issue #8. `scale` says at which data they apply. */
const TARGETS = {
  appVsBare: 1.15,
  wasmVsNative: 2.5,
  segmentCountMs: 500, // at 1M customers
  segmentCountDemoMs: 150, // on the demo data (20k customers)
  analysisMs: 2000, // each, at 1M customers
  clvMs: 3000, // at 1M customers
  longTaskMs: 100,
  identityMs: 10_000, // issue #7: 1M records, three identifier types, stitched in the browser
};

/** Identity stitching runs on as many records as the size has rows, up to this many. */
const IDENTITY_MAX_RECORDS = 1_000_000;

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface DataSet {
  rows: number;
  csv: string;
  parquet: string;
  /** Measured once, like the 10M-row set. */
  single?: boolean;
  /** Its name in results file names (default: the rows in thousands). */
  tag?: string;
}

function dataSet(rows: number): DataSet {
  const dir = path.join(root, 'bench', 'data', `${rows / 1000}k-rows`);
  const csv = path.join(dir, 'order_lines.csv');
  const parquet = path.join(dir, 'order_lines.parquet');
  if (!existsSync(csv) || !existsSync(parquet)) {
    console.log(`Generating about ${rows.toLocaleString('en-US')} order lines (CSV and Parquet) into ${path.relative(root, dir)}…`);
    execFileSync('npx', ['tsx', 'scripts/generate-demo.ts', '--rows', String(rows), '--format', 'csv,parquet', '--out', dir], { cwd: root, stdio: 'inherit' });
  }
  return { rows, csv, parquet };
}

/**
 * The shape the issues' speed targets name — 1M customers and about 3M orders — from the same
 * generator: 1,000,000 customers over 12 months (≈ 2.95M orders, 0.3M returns, 4.82M order
 * lines). The default 30 months give 4.3 orders per customer, so the row-sized sets overshoot it.
 */
function targetShapeSet(): DataSet {
  const dir = path.join(root, 'bench', 'data', '1m-customers');
  const csv = path.join(dir, 'order_lines.csv');
  const parquet = path.join(dir, 'order_lines.parquet');
  const meta = path.join(dir, 'meta.json');
  if (!existsSync(csv) || !existsSync(parquet)) {
    console.log(`Generating 1,000,000 customers over 12 months (CSV and Parquet) into ${path.relative(root, dir)}…`);
    const args = ['tsx', 'scripts/generate-demo.ts', '--customers', '1000000', '--months', '12', '--tables', 'order_lines', '--format', 'csv,parquet', '--out', dir];
    execFileSync('npx', args, { cwd: root, stdio: 'inherit' });
  }
  if (!existsSync(meta)) {
    // Lines of the CSV, less the header: counted once, kept beside it.
    let lines = 0;
    const buf = readFileSync(csv);
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
    writeFileSync(meta, JSON.stringify({ customers: 1_000_000, rows: lines - 1 }) + '\n');
  }
  const { rows } = JSON.parse(readFileSync(meta, 'utf8')) as { rows: number };
  return { rows, csv, parquet, single: true, tag: '1m-customers' };
}

interface IdentitySet {
  /** Records asked for (the size's rows). */
  target: number;
  /** The four exports, one CSV each (table names = file names). */
  files: string[];
  people: number;
  records: number;
  bytes: number;
}

/** About 7.06 records per person in generateSystems (99,458 of 14,100; 950,865 of 134,000). */
const RECORDS_PER_PERSON = 7.06;

/** The four system exports of `generateSystems`, about `records` records in all, made on first use. */
function identitySet(records: number): IdentitySet {
  const dir = path.join(root, 'bench', 'data', `identity-${records / 1000}k`);
  const meta = path.join(dir, 'meta.json');
  const files = SYSTEM_TABLES.map((t) => path.join(dir, `${t}.csv`));
  if (!existsSync(meta) || !files.every((f) => existsSync(f))) {
    const people = Math.round(records / RECORDS_PER_PERSON);
    console.log(`Generating the four system exports of ${people.toLocaleString('en-US')} people (about ${records.toLocaleString('en-US')} records) into ${path.relative(root, dir)}…`);
    const data = generateSystems({ people });
    mkdirSync(dir, { recursive: true });
    SYSTEM_TABLES.forEach((t, i) => writeFileSync(files[i], data.tables[t]));
    const total = SYSTEM_TABLES.reduce((n, t) => n + data.rows[t], 0);
    writeFileSync(meta, JSON.stringify({ people: data.people, records: total, rows: data.rows }, null, 2) + '\n');
  }
  const m = JSON.parse(readFileSync(meta, 'utf8')) as { people: number; records: number };
  return { target: records, files, people: m.people, records: m.records, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
// Same flags as playwright.config.ts, plus exact (unbucketed) performance.memory figures.
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-precise-memory-info',
];

// ---------------------------------------------------------------------------------------------
// What the page exposes (App.svelte: globalThis.__arkwright) and what the bench adds to it.

interface RunState {
  state: string;
  elapsedMs?: number;
  error?: { message: string };
  data?: { timings?: Record<string, number> };
}

interface Handle {
  __arkwright: {
    workspace: {
      dm: { suggest(): Promise<void>; build(): Promise<boolean>; built: { customers: number; activityRows: number; asOf: string } | null; model: unknown; dirty: boolean };
      engineState: { status: string; info?: { readyMs: number } };
      tables: { name: string; rowCount: number; timings?: Record<string, number> }[];
      loads: unknown[];
      engine: {
        bareCsvLoad(file: File): Promise<{ ms: number; rows: number }>;
        profile(table: string): Promise<unknown>;
        queryRows(sql: string, maxRows?: number): Promise<Record<string, unknown>[]>;
      };
    };
    nb: {
      add(kind: string): string;
      setSpec(id: string, spec: unknown): void;
      run(id: string): Promise<boolean>;
      runState(id: string): RunState;
      rename(id: string, name: string): string | null;
    };
    segmentCounts?(ws: unknown, spec: unknown, fields: unknown, segments: Map<string, unknown>): Promise<unknown>;
    segmentFields?(ws: unknown): unknown;
    /** The Identity stitching panel's state (identityFor(workspace) of src/ui/state/identity.svelte.ts). */
    identity?(): Promise<IdentityHandle>;
  };
  __bench: { longest: number; heapPeak: number; t0: number; sizeWarning?: string; tasks: { start: number; ms: number }[] };
}

/** What the bench uses of IdentityState (src/ui/state/identity.svelte.ts). */
interface IdentityHandle {
  sources: { table: string; included: boolean; recordId: string | null; columns: { column: string; type: string }[] }[];
  problem: { title: string; detail: string } | null;
  report: { records: number; people: number; mergedRecords: number; peopleInSeveralSources: number; largestCluster: number } | null;
  lastRun: { rounds: number; steps: number; timings: { prepare: number; link: number; finish: number }; elapsedMs: number; people: number } | null;
  suggest(): Promise<void>;
  setOptions(change: { defaultCountryCode?: string }): void;
  updateSource(table: string, change: (s: IdentityHandle['sources'][number]) => IdentityHandle['sources'][number]): void;
  stitch(): Promise<boolean>;
}

/** Fresh page (its own browser context, so its own renderer process) with the engine ready. */
async function freshPage(browser: Browser): Promise<{ page: Page; pageReadyMs: number; engineMs: number }> {
  const page = await browser.newPage();
  page.on('crash', () => console.log('  THE TAB CRASHED'));
  // tsx (esbuild, keepNames) wraps named functions in __name(): give evaluated code one.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(url);
  const t = await page.waitForFunction(
    () => {
      const w = (window as unknown as Handle).__arkwright?.workspace;
      return w?.engineState.status === 'ready' ? { page: performance.now(), engine: w.engineState.info?.readyMs ?? 0 } : null;
    },
    null,
    { timeout: 180_000, polling: 50 },
  );
  const v = (await t.jsonValue())!;
  await page.evaluate(() => {
    const h = window as unknown as Handle;
    const memory = (): number => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    h.__bench = { longest: 0, heapPeak: memory(), t0: 0, tasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        h.__bench.longest = Math.max(h.__bench.longest, e.duration);
        // Kept (when and how long) so that a step made of phases can say which phase blocked.
        if (h.__bench.tasks.length < 10_000) h.__bench.tasks.push({ start: e.startTime, ms: e.duration });
      }
    }).observe({ type: 'longtask' });
    // A cheap sampler: the page's JS heap peak (the workers' heaps show in the renderer's RSS).
    setInterval(() => (h.__bench.heapPeak = Math.max(h.__bench.heapPeak, memory())), 100);
    // The "too large for this browser" check: note what it said, and load anyway.
    const ws = h.__arkwright.workspace as unknown as { askTooLarge?: (problem: string) => Promise<boolean> };
    ws.askTooLarge = (problem: string) => ((h.__bench.sizeWarning = problem), Promise.resolve(true));
  });
  return { page, pageReadyMs: v.page, engineMs: v.engine };
}

/** Peak resident memory (VmHWM) of the browser's renderer processes, in bytes: max over them. */
function rendererPeakBytes(browser: Browser): number {
  const browserPid = (browser as unknown as { process?: () => { pid?: number } | null }).process?.()?.pid;
  const parents = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 10; p = parents.get(p), hops++) if (p === browserPid) return true;
    return false;
  };
  let peak = 0;
  for (const pid of parents.keys()) {
    if (browserPid !== undefined && !descends(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      /* gone */
    }
  }
  return peak;
}

interface StepResult {
  ms: number;
  longestTaskMs: number;
  detail?: Record<string, number>;
}

/** Run `fn` in the page with the longest-task counter reset; returns its ms and the longest task. */
async function step<A>(page: Page, fn: (arg: A) => Promise<number | { ms: number; detail?: Record<string, number> }>, arg: A): Promise<StepResult> {
  await page.evaluate(() => ((window as unknown as Handle).__bench.longest = 0));
  const r = await page.evaluate(fn as (arg: unknown) => Promise<number | { ms: number; detail?: Record<string, number> }>, arg as unknown);
  // Long tasks are reported after they end: give the observer a frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20))));
  const longestTaskMs = await page.evaluate(() => (window as unknown as Handle).__bench.longest);
  return typeof r === 'number' ? { ms: r, longestTaskMs } : { ms: r.ms, detail: r.detail, longestTaskMs };
}

/** The app's path: the file input, as a person uses it, until the first rows are on screen. */
async function appLoad(page: Page, file: string): Promise<StepResult & { timings?: Record<string, number>; sizeWarning?: string }> {
  await page.evaluate(() => {
    const h = window as unknown as Handle;
    h.__bench.longest = 0;
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    input?.addEventListener('change', () => (h.__bench.t0 = performance.now()), { capture: true, once: true });
  });
  await page.getByLabel('Add data files').setInputFiles(file);
  const done = await page.waitForFunction(
    () => {
      const failed = document.querySelector('[role=alert]');
      if (failed) return { error: failed.textContent ?? 'error', ms: 0 };
      const grid = document.querySelector('[aria-label^="Rows of "] tbody tr');
      return grid ? { ms: performance.now() - (window as unknown as Handle).__bench.t0 } : null;
    },
    null,
    { timeout: 1_800_000, polling: 'raf' },
  );
  const r = (await done.jsonValue())! as { ms: number; error?: string };
  if (r.error) throw new Error(`loading ${path.basename(file)} failed: ${r.error}`);
  const longestTaskMs = await page.evaluate(() => (window as unknown as Handle).__bench.longest);
  const timings = await page.evaluate(() => (window as unknown as Handle).__arkwright.workspace.tables[0]?.timings);
  const warning = await page.evaluate(() => (window as unknown as Handle).__bench.sizeWarning);
  if (warning) console.log(`  the size check warned (and the bench tried anyway): ${warning}`);
  return { ms: r.ms, longestTaskMs, timings, sizeWarning: warning };
}

/** The bare engine path on the same File, timed from the page (includes the worker hop). */
async function bareLoad(page: Page, file: string): Promise<number> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.className = 'visually-hidden';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file);
  return page.evaluate(async () => {
    const file = document.querySelector<HTMLInputElement>('#bench-file')!.files![0];
    const t0 = performance.now();
    await (window as unknown as Handle).__arkwright.workspace.engine.bareCsvLoad(file);
    return performance.now() - t0;
  });
}

interface IdentityRun {
  steps: Record<string, StepResult>;
  /** Records in and people out (the report), customers of the model rebuilt on people. */
  records: number;
  people: number;
  customers: number;
  /** What was stitched: each source with its record id and identifier columns, as suggested. */
  sources: string[];
  rendererBytes: number;
}

/**
 * Identity stitching as a person does it, in a fresh page: the four exports picked in the file
 * input, the customer view built on them (dm.suggest + build), then the Identity stitching
 * panel's state: suggest identifiers; as a person would in the panel, each table's own id column
 * chosen as its record id (the panel suggests the account id for web orders, which would make
 * a customer's orders one record) and the country code typed (the exports are British), both as
 * in SYSTEMS_IDENTITY_SPEC; then Stitch identities (stitch, report, the model rebuilt on people).
 */
async function identityRun(browser: Browser, set: IdentitySet): Promise<IdentityRun> {
  const { page } = await freshPage(browser);
  try {
    const steps: Record<string, StepResult> = {};
    await page.evaluate(() => {
      const h = window as unknown as Handle;
      h.__bench.longest = 0;
      const input = document.querySelector<HTMLInputElement>('input[type=file]');
      input?.addEventListener('change', () => (h.__bench.t0 = performance.now()), { capture: true, once: true });
    });
    await page.getByLabel('Add data files').setInputFiles(set.files);
    const loaded = await page.waitForFunction(
      (n: number) => {
        const h = window as unknown as Handle;
        const w = h.__arkwright.workspace;
        const failed = document.querySelector('[role=alert]');
        if (failed) return { error: failed.textContent ?? 'error', ms: 0 };
        return w.tables.length >= n && w.loads.length === 0 ? { ms: performance.now() - h.__bench.t0 } : null;
      },
      set.files.length,
      { timeout: 1_800_000, polling: 50 },
    );
    const l = (await loaded.jsonValue())! as { ms: number; error?: string };
    if (l.error) throw new Error(`loading the identity exports failed: ${l.error}`);
    steps.identityLoad = { ms: l.ms, longestTaskMs: await page.evaluate(() => (window as unknown as Handle).__bench.longest) };
    // Loading ends with the app's own mapping suggestion: let it finish before building.
    await page.waitForFunction(() => {
      const dm = (window as unknown as Handle).__arkwright.workspace.dm;
      return dm.model !== null && dm.dirty;
    }, null, { timeout: 600_000, polling: 50 });
    steps.identityModel = await step(page, async () => {
      const w = (window as unknown as Handle).__arkwright.workspace;
      const t0 = performance.now();
      await w.dm.suggest();
      if (!(await w.dm.build())) throw new Error('the customer view was not built on the identity exports');
      return performance.now() - t0;
    }, null);
    steps.identitySuggest = await step(page, async () => {
      const a = (window as unknown as Handle).__arkwright;
      if (!a.identity) throw new Error('__arkwright.identity is missing: rebuild the app');
      const id = await a.identity();
      const t0 = performance.now();
      await id.suggest();
      return performance.now() - t0;
    }, null);
    const choices = {
      cc: SYSTEMS_IDENTITY_SPEC.options.defaultCountryCode,
      recordIds: Object.fromEntries(SYSTEMS_IDENTITY_SPEC.sources.map((s) => [s.table, s.recordId])) as Record<string, string>,
    };
    const sources = await page.evaluate(async (c: { cc: string; recordIds: Record<string, string> }) => {
      const id = await (window as unknown as Handle).__arkwright.identity!();
      for (const [table, recordId] of Object.entries(c.recordIds)) id.updateSource(table, (s) => ({ ...s, recordId }));
      id.setOptions({ defaultCountryCode: c.cc });
      return id.sources
        .filter((s) => s.included)
        .map((s) => `${s.table} (record: ${s.recordId ?? 'row'}): ${s.columns.filter((c) => c.type !== 'off').map((c) => `${c.column} ${c.type}`).join(', ')}`);
    }, choices);
    const whole = await step(page, async () => {
      const h = window as unknown as Handle;
      const a = h.__arkwright;
      const id = await a.identity!();
      h.__bench.tasks = [];
      const t0 = performance.now();
      const ok = await id.stitch();
      const ms = performance.now() - t0;
      if (!ok || !id.lastRun || !id.report) throw new Error(`stitching failed: ${id.problem ? `${id.problem.title}: ${id.problem.detail}` : 'no run'}`);
      // Long tasks are reported after they end: give the observer a frame.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
      const r = id.lastRun;
      const stitch = r.timings.prepare + r.timings.link + r.timings.finish;
      // lastRun.elapsedMs: runStitch + report; the rest of stitch() is the model rebuilt on people.
      const ends = [t0 + stitch, t0 + r.elapsedMs, Infinity];
      const longest = [0, 0, 0];
      for (const t of h.__bench.tasks) {
        if (t.start < t0) continue;
        const k = ends.findIndex((e) => t.start < e);
        longest[k] = Math.max(longest[k], t.ms);
      }
      return {
        ms,
        detail: {
          ...r.timings,
          rounds: r.rounds,
          steps: r.steps,
          stitch,
          report: r.elapsedMs - stitch,
          rebuild: ms - r.elapsedMs,
          stitchLongest: longest[0],
          reportLongest: longest[1],
          rebuildLongest: longest[2],
          records: id.report.records,
          people: id.report.people,
          mergedRecords: id.report.mergedRecords,
          customers: a.workspace.dm.built?.customers ?? 0,
        },
      };
    }, null);
    const d = whole.detail!;
    steps.identityStitch = { ms: d.stitch, longestTaskMs: d.stitchLongest, detail: { prepare: d.prepare, link: d.link, finish: d.finish, rounds: d.rounds, steps: d.steps } };
    steps.identityReport = { ms: d.report, longestTaskMs: d.reportLongest };
    steps.identityRebuild = { ms: d.rebuild, longestTaskMs: d.rebuildLongest };
    steps.identityTotal = { ms: whole.ms, longestTaskMs: whole.longestTaskMs };
    return { steps, records: d.records, people: d.people, customers: d.customers, sources, rendererBytes: rendererPeakBytes(browser) };
  } finally {
    await page.context().close();
  }
}

// A typical CRM aggregate: revenue, orders and last order per customer.
const AGGREGATE_SQL = `SELECT customer_id, count(DISTINCT order_id) AS orders, sum(quantity * unit_price - discount) AS revenue, max(ordered_at) AS last_order
  FROM order_lines GROUP BY customer_id ORDER BY revenue DESC LIMIT 10`;

/** Segments for the live count: 3 rules, and 10 rules in nested groups with activity rules. */
const SEGMENT_3 = {
  v: 1,
  name: 'Bench three rules',
  asOf: null,
  match: {
    all: [
      { field: 'revenue', op: '>=', value: 200 },
      { field: 'last_order_at', op: 'before', value: { daysAgo: 180 } },
      { field: 'orders', op: '>=', value: 2 },
    ],
  },
};
const SEGMENT_10 = {
  v: 1,
  name: 'Bench ten rules',
  asOf: null,
  match: {
    all: [
      { field: 'revenue', op: 'between', value: [100, 5000] },
      { field: 'orders', op: '>=', value: 2 },
      { field: 'average_order_value', op: '>', value: 30 },
      { field: 'last_order_at', op: 'in_last', value: { days: 730 } },
      { any: [{ field: 'channels', op: 'contains', value: 'web' }, { field: 'channel_count', op: '>=', value: 2 }] },
      { not: { field: 'returns', op: '>', value: 3 } },
      { field: 'tenure_days', op: '>', value: 90 },
      { activity: { event: 'purchase', where: [{ field: 'channel', op: '=', value: 'store' }] }, count: { op: '>=', value: 1 }, within: { days: 365 } },
      { activity: { event: 'purchase' }, sum: { op: '>=', value: 100 }, within: { days: 365 } },
    ],
  },
};

/** Steps on the loaded table, in the order a person would go. */
async function analysisSteps(page: Page): Promise<{ steps: Record<string, StepResult>; customers: number; duckdbBytes: number }> {
  const steps: Record<string, StepResult> = {};
  let duckdbBytes = 0;
  const duckdbMemory = async (): Promise<void> => {
    const b = await page.evaluate(async () => {
      const w = (window as unknown as Handle).__arkwright.workspace;
      const [row] = await w.engine.queryRows('SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()');
      return Number(row?.b ?? 0);
    });
    duckdbBytes = Math.max(duckdbBytes, b);
  };
  await duckdbMemory();
  steps.profile = await step(page, async () => {
    const w = (window as unknown as Handle).__arkwright.workspace;
    const t0 = performance.now();
    await w.engine.profile(w.tables[0].name);
    return performance.now() - t0;
  }, null);
  steps.model = await step(page, async () => {
    const w = (window as unknown as Handle).__arkwright.workspace;
    const t0 = performance.now();
    await w.dm.suggest();
    if (!(await w.dm.build())) throw new Error('the customer view was not built');
    return performance.now() - t0;
  }, null);
  await duckdbMemory();
  steps.aggregate = await step(page, async (q: string) => {
    const w = (window as unknown as Handle).__arkwright.workspace;
    const t0 = performance.now();
    await w.engine.queryRows(q);
    return performance.now() - t0;
  }, AGGREGATE_SQL);
  for (const [name, spec] of [['segmentCount3', SEGMENT_3], ['segmentCount10', SEGMENT_10]] as const) {
    // The first count builds each activity rule's table; later edits to other rules reuse them.
    steps[`${name}First`] = await step(page, async (s: unknown) => {
      const a = (window as unknown as Handle).__arkwright;
      if (!a.segmentCounts || !a.segmentFields) throw new Error('__arkwright.segmentCounts is missing: rebuild the app');
      const t0 = performance.now();
      await a.segmentCounts(a.workspace, s, a.segmentFields(a.workspace), new Map());
      return performance.now() - t0;
    }, spec);
    steps[name] = await step(page, async (s: unknown) => {
      const a = (window as unknown as Handle).__arkwright;
      if (!a.segmentCounts || !a.segmentFields) throw new Error('__arkwright.segmentCounts is missing: rebuild the app');
      const fields = a.segmentFields(a.workspace);
      // An edit: the first rule's value changes (as typing a new amount does), the rest stay.
      const edited = (k: number): unknown => {
        const doc = JSON.parse(JSON.stringify(s)) as { match: { all: { value?: unknown }[] } };
        const first = doc.match.all[0];
        first.value = Array.isArray(first.value) ? [100 + k, 5000 + k] : 200 + k;
        return doc;
      };
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await a.segmentCounts(a.workspace, edited(i + 1), fields, new Map());
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      return times[1];
    }, spec);
  }
  // Cells through the notebook, as the app runs them (the Data view stays on screen, so no view draws).
  const cell = async (kind: string, spec?: unknown): Promise<StepResult> =>
    step(page, async (a: { kind: string; spec?: unknown }) => {
      const nb = (window as unknown as Handle).__arkwright.nb;
      const id = nb.add(a.kind);
      if (a.spec !== undefined) nb.setSpec(id, a.spec);
      const t0 = performance.now();
      const ok = await nb.run(id);
      const ms = performance.now() - t0;
      const s = nb.runState(id);
      if (!ok || s.state !== 'done') throw new Error(`${a.kind} cell: ${s.error?.message ?? s.state}`);
      return { ms, detail: s.data?.timings };
    }, { kind, spec });
  steps.segmentCell = await cell('segment', SEGMENT_10);
  for (const kind of ['rfm', 'cohort', 'journey', 'lifecycle']) steps[kind] = await cell(kind);
  await duckdbMemory();
  steps.clv = await cell('clv');
  await duckdbMemory();
  const customers = await page.evaluate(() => (window as unknown as Handle).__arkwright.workspace.dm.built?.customers ?? 0);
  return { steps, customers, duckdbBytes };
}

/** The same load and aggregate in native DuckDB, one thread, as the physical reference. */
async function nativeSteps(data: DataSet): Promise<{ load: number; loadParquet: number; aggregate: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    let t0 = performance.now();
    await conn.run(`CREATE TABLE order_lines AS SELECT * FROM read_csv('${data.csv.replace(/'/g, "''")}')`);
    const load = performance.now() - t0;
    t0 = performance.now();
    await conn.run(AGGREGATE_SQL);
    const aggregate = performance.now() - t0;
    t0 = performance.now();
    await conn.run(`CREATE TABLE order_lines_pq AS SELECT * FROM read_parquet('${data.parquet.replace(/'/g, "''")}')`);
    const loadParquet = performance.now() - t0;
    return { load, loadParquet, aggregate };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------

interface SizeSamples {
  [step: string]: { ms: number[]; longest: number[]; detail: Record<string, number[]> };
}

interface SizeResult {
  rows: number;
  customers: number;
  csvBytes: number;
  parquetBytes: number;
  steps: { step: string; label: string; medianMs: number; samples: number[]; longestTaskMs: number | null; target: string | null; met: boolean | null; detail?: Record<string, number> }[];
  memory: { pageJsHeapPeakMB: number; duckdbPeakMB: number; rendererPeakMB: number; parquetRendererPeakMB: number };
  /** What the app's "too large for this browser" check said before loading ('fits', or its warning). */
  sizeCheck: { csv?: string; parquet?: string };
  ratios: { appVsBareLoad: number; wasmVsNativeLoad: number; wasmVsNativeAggregate: number; parquetVsCsvLoad: number };
  /** Identity stitching on the four system exports (its steps are in `steps`, named identity…). */
  identity?: {
    /** Records and people in the exports (generateSystems), and their CSV bytes. */
    exportRecords: number;
    exportPeople: number;
    csvBytes: number;
    /** What the app's report said: records in, people out; customers of the model rebuilt on people. */
    records: number;
    people: number;
    customers: number;
    sources: string[];
    rendererPeakMB: number;
    error?: string;
  };
  error?: string;
}

const LABELS: Record<string, string> = {
  ready: 'engine ready (page load → ready)',
  engineReady: 'engine ready (worker: instantiate + connect)',
  app: 'load CSV, app (file picked → rows shown)',
  bare: 'load CSV, bare engine (CREATE TABLE AS read_csv)',
  appParquet: 'load Parquet, app (file picked → rows shown)',
  profile: 'profile of the loaded table',
  model: 'customer_features build (detect roles + model views)',
  aggregate: 'aggregate per customer, DuckDB-WASM',
  segmentCount3First: 'segment live count, 3 rules, first count',
  segmentCount3: 'segment live count, 3 rules, per edit',
  segmentCount10First: 'segment live count, 10 rules (2 activity), first count',
  segmentCount10: 'segment live count, 10 rules, per edit (activity rules kept)',
  segmentCell: 'segment cell, 10 rules (members table + counts)',
  rfm: 'RFM cell',
  cohort: 'cohort cell',
  journey: 'journey cell',
  lifecycle: 'lifecycle cell',
  clv: 'CLV cell (summary + BG/NBD + Gamma-Gamma + CLV + write-back)',
  identityLoad: 'identity: load the four system exports (file input → tables)',
  identityModel: 'identity: customer view on the exports (dm.suggest + build)',
  identitySuggest: 'identity: suggest identifiers (Identity stitching panel)',
  identityStitch: 'identity: stitch (prepare + link + finish)',
  identityReport: 'identity: report',
  identityRebuild: 'identity: data model rebuilt on people',
  identityTotal: 'identity: Stitch identities, whole (stitch + report + rebuild)',
  nativeLoad: 'load CSV, native DuckDB (1 thread)',
  nativeLoadParquet: 'load Parquet, native DuckDB (1 thread)',
  nativeAggregate: 'aggregate per customer, native DuckDB (1 thread)',
};

/** A step's target; limit null: shown, but it does not apply at this size. */
function targetOf(stepName: string, customers: number, identityRecords: number): { text: string; limit: number | null } | null {
  const demo = customers <= 25_000;
  if (stepName === 'identityStitch' || stepName === 'identityTotal') {
    return { text: `≤ ${TARGETS.identityMs / 1000} s for 1M records`, limit: identityRecords >= 0.9 * IDENTITY_MAX_RECORDS ? TARGETS.identityMs : null };
  }
  if (stepName.startsWith('segmentCount') && !stepName.endsWith('First')) {
    return demo ? { text: `≤ ${TARGETS.segmentCountDemoMs} ms (demo size)`, limit: TARGETS.segmentCountDemoMs } : { text: `≤ ${TARGETS.segmentCountMs} ms at 1M customers`, limit: TARGETS.segmentCountMs };
  }
  if (['rfm', 'cohort', 'journey', 'lifecycle'].includes(stepName)) return { text: `≤ ${TARGETS.analysisMs / 1000} s at 1M customers`, limit: TARGETS.analysisMs };
  if (stepName === 'clv') return { text: `≤ ${TARGETS.clvMs / 1000} s at 1M customers`, limit: TARGETS.clvMs };
  return null;
}

async function benchSize(browser: Browser, data: DataSet, ident: IdentitySet | null): Promise<SizeResult> {
  const samples: SizeSamples = {};
  const add = (name: string, ms: number, longest?: number, detail?: Record<string, number>): void => {
    const s = (samples[name] ??= { ms: [], longest: [], detail: {} });
    s.ms.push(ms);
    if (longest !== undefined) s.longest.push(longest);
    for (const [k, v] of Object.entries(detail ?? {})) (s.detail[k] ??= []).push(v);
  };
  let customers = 0;
  let heapPeak = 0;
  let duckdbPeak = 0;
  let rendererPeak = 0;
  let parquetRendererPeak = 0;
  const sizeCheck: SizeResult['sizeCheck'] = {};
  let identity: SizeResult['identity'];
  let identityRendererPeak = 0;
  const big = data.rows >= 5_000_000 || data.single === true;
  const n = big ? 1 : runs;
  const withParquet = !(quick && data.rows > 100_000);
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? ['app', 'bare', 'parquet'] : ['parquet', 'bare', 'app'];
    for (const which of order) {
      if (which === 'parquet' && !withParquet) continue;
      const { page, pageReadyMs, engineMs } = await freshPage(browser);
      add('ready', pageReadyMs);
      add('engineReady', engineMs);
      try {
        if (which === 'app') {
          const r = await appLoad(page, data.csv);
          add('app', r.ms, r.longestTaskMs);
          sizeCheck.csv = r.sizeWarning ?? 'fits';
          console.log(`  app load ${Math.round(r.ms)} ms, phases (ms): ${JSON.stringify(r.timings)}`);
          const a = await analysisSteps(page);
          customers = a.customers;
          duckdbPeak = Math.max(duckdbPeak, a.duckdbBytes);
          for (const [name, s] of Object.entries(a.steps)) add(name, s.ms, s.longestTaskMs, s.detail);
          heapPeak = Math.max(heapPeak, await page.evaluate(() => (window as unknown as Handle).__bench.heapPeak));
          rendererPeak = Math.max(rendererPeak, rendererPeakBytes(browser));
        } else if (which === 'bare') {
          add('bare', await bareLoad(page, data.csv));
        } else {
          const r = await appLoad(page, data.parquet);
          add('appParquet', r.ms, r.longestTaskMs);
          sizeCheck.parquet = r.sizeWarning ?? 'fits';
          parquetRendererPeak = Math.max(parquetRendererPeak, rendererPeakBytes(browser));
        }
      } finally {
        await page.context().close();
      }
      console.log(`  ${data.rows.toLocaleString('en-US')} rows: run ${i + 1} ${which} done`);
    }
    if (ident && !identity?.error) {
      try {
        const r = await identityRun(browser, ident);
        for (const [name, st] of Object.entries(r.steps)) add(name, st.ms, st.longestTaskMs, st.detail);
        identityRendererPeak = Math.max(identityRendererPeak, r.rendererBytes);
        identity = { exportRecords: ident.records, exportPeople: ident.people, csvBytes: ident.bytes, records: r.records, people: r.people, customers: r.customers, sources: r.sources, rendererPeakMB: Math.round(identityRendererPeak / 1e6) };
        const ms = (k: string): number => Math.round(r.steps[k].ms);
        console.log(
          `  identity: ${r.records.toLocaleString('en-US')} records → ${r.people.toLocaleString('en-US')} people; suggest ${ms('identitySuggest')} ms, stitch ${ms('identityStitch')} ms ` +
            `${JSON.stringify(r.steps.identityStitch.detail)}, report ${ms('identityReport')} ms, rebuild ${ms('identityRebuild')} ms, whole ${ms('identityTotal')} ms ` +
            `(longest task ${Math.round(r.steps.identityTotal.longestTaskMs)} ms)`,
        );
      } catch (e) {
        // Stitching that fails (the tab crashed, out of memory) is a result too: say so and go on.
        console.error(e);
        identity = { exportRecords: ident.records, exportPeople: ident.people, csvBytes: ident.bytes, records: 0, people: 0, customers: 0, sources: [], rendererPeakMB: 0, error: e instanceof Error ? e.message : String(e) };
      }
      console.log(`  ${data.rows.toLocaleString('en-US')} rows: run ${i + 1} identity done`);
    }
    const native = await nativeSteps(data);
    add('nativeLoad', native.load);
    add('nativeLoadParquet', native.loadParquet);
    add('nativeAggregate', native.aggregate);
  }
  const med = (name: string): number => median(samples[name]?.ms ?? []);
  const steps = Object.keys(LABELS)
    .filter((name) => samples[name])
    .map((name) => {
      const s = samples[name];
      const m = median(s.ms);
      const t = targetOf(name, customers, ident?.records ?? 0);
      const longest = s.longest.length ? Math.round(median(s.longest)) : null;
      const detail = Object.keys(s.detail).length ? Object.fromEntries(Object.entries(s.detail).map(([k, v]) => [k, Math.round(median(v))])) : undefined;
      return { step: name, label: LABELS[name], medianMs: Math.round(m), samples: s.ms.map(Math.round), longestTaskMs: longest, target: t?.text ?? null, met: t && t.limit !== null ? m <= t.limit : null, detail };
    });
  const mb = (b: number): number => Math.round(b / 1e6);
  const ratio = (a: number, b: number): number => Number((a / b).toFixed(3));
  return {
    rows: data.rows,
    customers,
    csvBytes: statSync(data.csv).size,
    parquetBytes: statSync(data.parquet).size,
    steps,
    memory: { pageJsHeapPeakMB: mb(heapPeak), duckdbPeakMB: mb(duckdbPeak), rendererPeakMB: mb(rendererPeak), parquetRendererPeakMB: mb(parquetRendererPeak) },
    sizeCheck,
    identity,
    ratios: {
      appVsBareLoad: ratio(med('app'), med('bare')),
      wasmVsNativeLoad: ratio(med('bare'), med('nativeLoad')),
      wasmVsNativeAggregate: ratio(med('aggregate'), med('nativeAggregate')),
      parquetVsCsvLoad: ratio(med('appParquet'), med('app')),
    },
  };
}

async function withServer<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  if (!args['no-build']) execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  const server = await preview({ root, build: { outDir }, preview: { port, strictPort: true }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** One big file through the app: time to rows shown, rows, longest main-thread task, memory. */
async function loadOne(file: string): Promise<void> {
  await withServer(async (browser) => {
    const { page } = await freshPage(browser);
    const r = await appLoad(page, file);
    const rows = await page.evaluate(() => (window as unknown as Handle).__arkwright.workspace.tables[0]?.rowCount);
    const heap = await page.evaluate(() => (window as unknown as Handle).__bench.heapPeak);
    console.log(
      JSON.stringify({ file: path.basename(file), bytes: statSync(file).size, ms: Math.round(r.ms), rows, timings: r.timings, longestTaskMs: r.longestTaskMs, pageJsHeapPeakMB: Math.round(heap / 1e6), rendererPeakMB: Math.round(rendererPeakBytes(browser) / 1e6) }, null, 2),
    );
  });
}

async function main(): Promise<void> {
  if (args.file) return loadOne(path.resolve(args.file));
  const started = performance.now();
  const sets = [...SIZES.map(dataSet), ...(args['1m-customers'] ? [targetShapeSet()] : [])];
  const idents = sets.map((d) => (withIdentity && !d.single && d.rows <= IDENTITY_MAX_RECORDS ? identitySet(d.rows) : null));
  const sizes: SizeResult[] = [];
  await withServer(async (browser) => {
    for (const [k, data] of sets.entries()) {
      console.log(`\n${data.rows.toLocaleString('en-US')} rows`);
      try {
        sizes.push(await benchSize(browser, data, idents[k]));
      } catch (e) {
        // A size that fails (the tab crashed, out of memory) is a result too: say so and go on.
        console.error(e);
        sizes.push({
          rows: data.rows,
          customers: 0,
          csvBytes: statSync(data.csv).size,
          parquetBytes: statSync(data.parquet).size,
          steps: [],
          memory: { pageJsHeapPeakMB: 0, duckdbPeakMB: 0, rendererPeakMB: 0, parquetRendererPeakMB: 0 },
          sizeCheck: {},
          ratios: { appVsBareLoad: NaN, wasmVsNativeLoad: NaN, wasmVsNativeAggregate: NaN, parquetVsCsvLoad: NaN },
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
  });
  const os = await import('node:os');
  const summary: Summary = {
    date: new Date().toISOString(),
    quick,
    runs,
    elapsedS: Math.round((performance.now() - started) / 1000),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))), chromium: chromiumPath ?? 'playwright' },
    targets: TARGETS,
    sizes,
  };
  const resultsDir = path.join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const suffix = quick ? '-quick' : args.sizes ? `-${sets.map((d) => d.tag ?? `${d.rows / 1000}k`).join('-')}` : '';
  const outFile = path.join(resultsDir, `${summary.date.slice(0, 10)}${suffix}.json`);
  writeFileSync(outFile, JSON.stringify(summary, null, 2) + '\n');
  // The README's table shows full runs only; a quick run is a smoke test, --sizes a partial run.
  if (!quick && !args.sizes) writeReadme(summary);
  console.log('\n' + resultsTable(summary));
  console.log(`\nwrote ${path.relative(root, outFile)} in ${summary.elapsedS} s`);
}

interface Summary {
  date: string;
  quick: boolean;
  runs: number;
  elapsedS: number;
  machine: { cpus: number; loadAverage: number[]; chromium: string };
  targets: typeof TARGETS;
  sizes: SizeResult[];
}

function seconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The markdown table: one column per size, targets and whether they were met. */
function resultsTable(summary: Summary): string {
  const sizes = summary.sizes;
  const head = sizes.map((s) => `${(s.rows / 1e6).toLocaleString('en-US')}M rows, ${s.customers.toLocaleString('en-US')} customers`);
  const lines = [
    `Latest run: ${summary.date.slice(0, 16).replace('T', ' ')} UTC, ${summary.quick ? 'quick' : 'full'}, median of ${summary.runs} runs (1 at 10M rows and on the 1M-customer set), ` +
      `${summary.machine.cpus} CPUs, load average ${summary.machine.loadAverage.join(' / ')} at the end.`,
    `Data: ${sizes.map((s) => `${(s.rows / 1e6).toLocaleString('en-US')}M rows = ${(s.csvBytes / 1e6).toFixed(0)} MB CSV / ${(s.parquetBytes / 1e6).toFixed(0)} MB Parquet`).join('; ')}.`,
    ...(sizes.some((s) => s.identity)
      ? [
          `Identity stitching (column of the same size): ${sizes
            .filter((s) => s.identity)
            .map((s) => `${s.identity!.exportRecords.toLocaleString('en-US')} records of ${s.identity!.exportPeople.toLocaleString('en-US')} people in four exports (${(s.identity!.csvBytes / 1e6).toFixed(0)} MB CSV)`)
            .join('; ')}; identifiers as the panel suggests them, each table's own id as record id, country code 44.`,
        ]
      : []),
    `Each cell: median time (longest main-thread task during the step, target ≤ ${TARGETS.longTaskMs} ms). ✓/✗: target met or missed.`,
    '',
    `| step | ${head.join(' | ')} | target |`,
    `|---|${sizes.map(() => '---|').join('')}---|`,
  ];
  for (const name of Object.keys(LABELS)) {
    if (!sizes.some((s) => s.steps.some((x) => x.step === name))) continue;
    let target = '';
    const cells = sizes.map((s) => {
      const x = s.steps.find((y) => y.step === name);
      if (!x) return '—';
      if (x.target) target = x.target.replace(/ \(demo size\)/, '');
      const mark = x.met === null ? '' : x.met ? ' ✓' : ' ✗';
      const task = x.longestTaskMs === null ? '' : ` (${x.longestTaskMs} ms${x.longestTaskMs > TARGETS.longTaskMs ? ' ✗' : ''})`;
      return `${seconds(x.medianMs)}${mark}${task}`;
    });
    if (name.startsWith('segmentCount') && !name.endsWith('First')) target = `≤ ${TARGETS.segmentCountDemoMs} ms demo size, ≤ ${TARGETS.segmentCountMs} ms at 1M customers`;
    lines.push(`| ${LABELS[name]} | ${cells.join(' | ')} | ${target} |`);
  }
  const clvDetail = (s: SizeResult): string => {
    const d = s.steps.find((x) => x.step === 'clv')?.detail;
    return d ? ['summary', 'fit', 'save'].map((k) => `${k} ${seconds(d[k])}`).join(', ') : '—';
  };
  const identityPhases = (s: SizeResult): string => {
    const d = s.steps.find((x) => x.step === 'identityStitch')?.detail;
    return d ? `prepare ${seconds(d.prepare)}, link ${seconds(d.link)} (${d.steps} steps), finish ${seconds(d.finish)}` : '—';
  };
  const identityCounts = (s: SizeResult): string => {
    const i = s.identity;
    if (!i) return '—';
    if (i.error) return `failed: ${i.error.slice(0, 80)}`;
    return `${i.records.toLocaleString('en-US')} → ${i.people.toLocaleString('en-US')} people (${i.customers.toLocaleString('en-US')} customers)`;
  };
  const ratio = (v: number, t: number): string => (Number.isFinite(v) ? `**${v}×**${v <= t ? ' ✓' : ' ✗'}` : '—');
  lines.push(
    `| CLV phases | ${sizes.map(clvDetail).join(' | ')} | |`,
    ...(sizes.some((s) => s.identity)
      ? [
          `| identity: stitch phases | ${sizes.map(identityPhases).join(' | ')} | |`,
          `| identity: records → people (report), customers of the rebuilt model | ${sizes.map(identityCounts).join(' | ')} | |`,
        ]
      : []),
    `| **load, app vs bare engine** | ${sizes.map((s) => ratio(s.ratios.appVsBareLoad, TARGETS.appVsBare)).join(' | ')} | ≤ ${TARGETS.appVsBare}× |`,
    `| **load, DuckDB-WASM vs native** | ${sizes.map((s) => ratio(s.ratios.wasmVsNativeLoad, TARGETS.wasmVsNative)).join(' | ')} | ≤ ${TARGETS.wasmVsNative}× |`,
    `| **aggregate, DuckDB-WASM vs native** | ${sizes.map((s) => ratio(s.ratios.wasmVsNativeAggregate, TARGETS.wasmVsNative)).join(' | ')} | ≤ ${TARGETS.wasmVsNative}× |`,
    `| load, Parquet vs CSV through the app | ${sizes.map((s) => (Number.isFinite(s.ratios.parquetVsCsvLoad) ? `${s.ratios.parquetVsCsvLoad}×` : '—')).join(' | ')} | |`,
    `| peak JS heap of the page | ${sizes.map((s) => `${s.memory.pageJsHeapPeakMB} MB`).join(' | ')} | |`,
    `| DuckDB memory (duckdb_memory(), peak of the samples) | ${sizes.map((s) => `${s.memory.duckdbPeakMB} MB`).join(' | ')} | |`,
    `| peak resident memory of the tab (renderer VmHWM: page + workers + WASM), CSV + all steps | ${sizes.map((s) => `${s.memory.rendererPeakMB} MB`).join(' | ')} | |`,
    `| peak resident memory of the tab, Parquet load | ${sizes.map((s) => (s.memory.parquetRendererPeakMB ? `${s.memory.parquetRendererPeakMB} MB` : '—')).join(' | ')} | |`,
    ...(sizes.some((s) => s.identity)
      ? [`| peak resident memory of the tab, identity stitching | ${sizes.map((s) => (s.identity?.rendererPeakMB ? `${s.identity.rendererPeakMB} MB` : '—')).join(' | ')} | |`]
      : []),
    `| "too large for this browser" check, CSV / Parquet | ${sizes.map((s) => `${s.sizeCheck.csv === 'fits' ? 'fits' : s.sizeCheck.csv ? 'warns' : '—'} / ${s.sizeCheck.parquet === 'fits' ? 'fits' : s.sizeCheck.parquet ? 'warns' : '—'}`).join(' | ')} | warns only when it would not fit |`,
  );
  for (const s of sizes) if (s.error) lines.push('', `${(s.rows / 1e6).toLocaleString('en-US')}M rows failed: ${s.error}`);
  return lines.join('\n');
}

function writeReadme(summary: Summary): void {
  const readme = path.join(root, 'bench', 'README.md');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const table = [start, resultsTable(summary), end].join('\n');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  writeFileSync(readme, i >= 0 && j > i ? text.slice(0, i) + table + text.slice(j + end.length) : text + '\n' + table + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
