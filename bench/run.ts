/**
 * npm run bench [-- --quick] [-- --runs N]
 *
 * Drives the built app in headless Chromium and measures, in one run and side by side:
 * engine ready time; loading a generated CSV through the app (drop → rows shown) against the
 * bare engine path (register + CREATE TABLE AS read_csv) in the same page; and the longest
 * main-thread task during each load. Figures are medians; ratios compare numbers from this run.
 * Writes bench/results/<date>.json and regenerates the table in bench/README.md.
 */
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    /** Load one given file through the app (e.g. a 1 GB CSV or a 10M-row Parquet) and report. */
    file: { type: 'string' },
  },
});
const quick = args.quick ?? false;
const runs = Number(args.runs ?? (quick ? 2 : 3));
const rows = quick ? 200_000 : 2_000_000;
const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, 'bench', 'data', `${rows / 1000}k-rows`);
const csv = path.join(dataDir, 'order_lines.csv');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function ensureData(): void {
  if (existsSync(csv)) return;
  console.log(`Generating ${rows.toLocaleString('en-US')} order lines…`);
  execFileSync('npx', ['tsx', 'scripts/generate-demo.ts', '--rows', String(rows), '--out', dataDir], { cwd: root, stdio: 'inherit' });
}

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

interface Handle {
  __arkwright: {
    workspace: {
      dm: { suggest(): Promise<void>; build(): Promise<boolean>; built: { customers: number } | null };
      engineState: { status: string; info?: { readyMs: number } };
      tables: { name: string; rowCount: number; timings?: Record<string, number> }[];
      engine: {
        bareCsvLoad(file: File): Promise<{ ms: number; rows: number }>;
        profile(table: string): Promise<unknown>;
        queryRows(sql: string): Promise<unknown[]>;
      };
    };
  };
  __longest: number;
}

/** Fresh page with the engine ready; returns page-measured ready time and the worker's own. */
async function freshPage(url: string, page: Page): Promise<{ pageReadyMs: number; engineMs: number }> {
  await page.goto(url);
  const t = await page.waitForFunction(
    () => {
      const w = (window as unknown as Handle).__arkwright?.workspace;
      return w?.engineState.status === 'ready' ? { page: performance.now(), engine: w.engineState.info?.readyMs ?? 0 } : null;
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  const v = (await t.jsonValue())!;
  await page.evaluate(() => {
    const h = window as unknown as Handle;
    h.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) h.__longest = Math.max(h.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  return { pageReadyMs: v.page, engineMs: v.engine };
}

/** The app's path: the file input, as a person uses it, until the first rows are on screen. */
async function appLoad(page: Page): Promise<{ ms: number; longestTaskMs: number }> {
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    input?.addEventListener('change', () => ((window as unknown as { __t0: number }).__t0 = performance.now()), { capture: true, once: true });
  });
  await page.getByLabel('Add data files').setInputFiles(csv);
  const done = await page.waitForFunction(
    () => {
      const grid = document.querySelector('[aria-label^="Rows of "] tbody tr');
      return grid ? performance.now() - (window as unknown as { __t0: number }).__t0 : null;
    },
    null,
    { timeout: 300_000, polling: 'raf' },
  );
  const ms = (await done.jsonValue())!;
  const longestTaskMs = await page.evaluate(() => (window as unknown as Handle).__longest);
  const timings = await page.evaluate(() => (window as unknown as Handle).__arkwright.workspace.tables[0]?.timings);
  console.log('  app load phases (ms):', JSON.stringify(timings));
  return { ms, longestTaskMs };
}

/** Analysis steps on the loaded table, timed from the page. */
async function analysisSteps(page: Page): Promise<{ profile: number; model: number; aggregate: number; customers: number }> {
  return page.evaluate(async (aggregate) => {
    const w = (window as unknown as Handle).__arkwright.workspace;
    const table = w.tables[0].name;
    let t0 = performance.now();
    await w.engine.profile(table);
    const profile = performance.now() - t0;
    t0 = performance.now();
    await w.dm.suggest();
    await w.dm.build();
    const model = performance.now() - t0;
    t0 = performance.now();
    await w.engine.queryRows(aggregate);
    return { profile, model, aggregate: performance.now() - t0, customers: w.dm.built?.customers ?? 0 };
  }, AGGREGATE_SQL);
}

/** The same load and aggregate in native DuckDB, one thread, as the physical reference. */
async function nativeSteps(): Promise<{ load: number; aggregate: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  let t0 = performance.now();
  await conn.run(`CREATE TABLE order_lines AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`);
  const load = performance.now() - t0;
  t0 = performance.now();
  await conn.run(AGGREGATE_SQL);
  const aggregate = performance.now() - t0;
  conn.closeSync();
  return { load, aggregate };
}

// A typical CRM aggregate: revenue, orders and last order per customer.
const AGGREGATE_SQL = `SELECT customer_id, count(DISTINCT order_id) AS orders, sum(quantity * unit_price - discount) AS revenue, max(ordered_at) AS last_order
  FROM order_lines GROUP BY customer_id ORDER BY revenue DESC LIMIT 10`;

/** The bare engine path on the same File, timed from the page (includes the worker hop). */
async function bareLoad(page: Page): Promise<{ ms: number; rows: number }> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.className = 'visually-hidden';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', csv);
  return page.evaluate(async () => {
    const file = document.querySelector<HTMLInputElement>('#bench-file')!.files![0];
    const t0 = performance.now();
    const r = await (window as unknown as Handle).__arkwright.workspace.engine.bareCsvLoad(file);
    return { ms: performance.now() - t0, rows: r.rows };
  });
}

/** One big file through the app: time to rows shown, rows, longest main-thread task, JS heap. */
async function loadOne(file: string): Promise<void> {
  if (!args['no-build']) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  const server = await preview({ root, preview: { port: 4199, strictPort: true }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  try {
    const page = await browser.newPage();
    page.on('crash', () => console.log('THE TAB CRASHED'));
    await freshPage('http://localhost:4199/', page);
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[type=file]');
      input?.addEventListener('change', () => ((window as unknown as { __t0: number }).__t0 = performance.now()), { capture: true, once: true });
    });
    await page.getByLabel('Add data files').setInputFiles(file);
    const done = await page.waitForFunction(
      () => {
        const w = (window as unknown as Handle).__arkwright.workspace;
        const failed = document.querySelector('[role=alert]');
        if (failed) return { error: failed.textContent ?? 'error' };
        const t = w.tables[0];
        return t && document.querySelector('[aria-label^="Rows of "] tbody tr')
          ? { ms: performance.now() - (window as unknown as { __t0: number }).__t0, rows: t.rowCount, timings: t.timings }
          : null;
      },
      null,
      { timeout: 1_800_000, polling: 500 },
    );
    const result = await done.jsonValue();
    const longest = await page.evaluate(() => (window as unknown as Handle).__longest);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(JSON.stringify({ file: path.basename(file), bytes: statSync(file).size, ...result, longestTaskMs: longest, jsHeapMB: Math.round(heap / 1e6) }, null, 2));
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  if (args.file) return loadOne(path.resolve(args.file));
  ensureData();
  if (!args['no-build']) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  const server = await preview({ root, preview: { port: 4199, strictPort: true }, logLevel: 'warn' });
  const url = 'http://localhost:4199/';
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  const results = {
    ready: [] as number[],
    engineReady: [] as number[],
    app: [] as number[],
    bare: [] as number[],
    longest: [] as number[],
    profile: [] as number[],
    model: [] as number[],
    aggregate: [] as number[],
    nativeLoad: [] as number[],
    nativeAggregate: [] as number[],
  };
  try {
    for (let i = 0; i < runs; i++) {
      for (const which of i % 2 === 0 ? ['app', 'bare'] : ['bare', 'app']) {
        const page = await browser.newPage();
        const ready = await freshPage(url, page);
        results.ready.push(ready.pageReadyMs);
        results.engineReady.push(ready.engineMs);
        if (which === 'app') {
          const r = await appLoad(page);
          results.app.push(r.ms);
          results.longest.push(r.longestTaskMs);
          const steps = await analysisSteps(page);
          results.profile.push(steps.profile);
          results.model.push(steps.model);
          results.aggregate.push(steps.aggregate);
        } else {
          results.bare.push((await bareLoad(page)).ms);
        }
        await page.close();
        console.log(`run ${i + 1} ${which} done`);
      }
      const native = await nativeSteps();
      results.nativeLoad.push(native.load);
      results.nativeAggregate.push(native.aggregate);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  const summary = {
    date: new Date().toISOString(),
    quick,
    runs,
    machine: { cpus: (await import('node:os')).cpus().length, chromium: chromiumPath ?? 'playwright' },
    data: { file: path.relative(root, csv), rows, bytes: statSync(csv).size },
    steps: [
      { step: 'engine ready (page load → ready)', medianMs: Math.round(median(results.ready)), samples: results.ready.map(Math.round) },
      { step: 'engine ready (worker: instantiate + connect)', medianMs: Math.round(median(results.engineReady)), samples: results.engineReady },
      { step: 'load CSV, app (file picked → rows shown)', medianMs: Math.round(median(results.app)), samples: results.app.map(Math.round) },
      { step: 'load CSV, bare engine (CREATE TABLE AS read_csv)', medianMs: Math.round(median(results.bare)), samples: results.bare.map(Math.round) },
      { step: 'longest main-thread task during app load', medianMs: Math.round(median(results.longest)), samples: results.longest.map(Math.round) },
      { step: 'profile of the loaded table', medianMs: Math.round(median(results.profile)), samples: results.profile.map(Math.round) },
      { step: 'customer_features build (detect roles + model views)', medianMs: Math.round(median(results.model)), samples: results.model.map(Math.round) },
      { step: 'aggregate per customer, DuckDB-WASM', medianMs: Math.round(median(results.aggregate)), samples: results.aggregate.map(Math.round) },
      { step: 'load CSV, native DuckDB (1 thread)', medianMs: Math.round(median(results.nativeLoad)), samples: results.nativeLoad.map(Math.round) },
      { step: 'aggregate per customer, native DuckDB (1 thread)', medianMs: Math.round(median(results.nativeAggregate)), samples: results.nativeAggregate.map(Math.round) },
    ],
    ratios: {
      appVsBareLoad: Number((median(results.app) / median(results.bare)).toFixed(3)),
      target: 1.15,
      wasmVsNativeLoad: Number((median(results.bare) / median(results.nativeLoad)).toFixed(3)),
      wasmVsNativeAggregate: Number((median(results.aggregate) / median(results.nativeAggregate)).toFixed(3)),
      nativeTarget: 2.5,
    },
  };
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${summary.date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  writeFileSync(outFile, JSON.stringify(summary, null, 2) + '\n');
  // The README's table shows full runs only; a quick run is a smoke test.
  if (!quick) writeReadme(summary);
  console.table(summary.steps.map((s) => ({ step: s.step, 'median ms': s.medianMs })));
  console.log(`app / bare load: ${summary.ratios.appVsBareLoad}× (target ≤ ${summary.ratios.target}×)`);
  console.log(`WASM / native: load ${summary.ratios.wasmVsNativeLoad}×, aggregate ${summary.ratios.wasmVsNativeAggregate}× (target ≤ ${summary.ratios.nativeTarget}×)`);
  console.log(`wrote ${path.relative(root, outFile)}`);
}

interface Ratios {
  appVsBareLoad: number;
  target: number;
  wasmVsNativeLoad: number;
  wasmVsNativeAggregate: number;
  nativeTarget: number;
}

function writeReadme(summary: { date: string; quick: boolean; runs: number; data: { rows: number; bytes: number }; steps: { step: string; medianMs: number }[]; ratios: Ratios }): void {
  const readme = path.join(root, 'bench', 'README.md');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const table = [
    start,
    `Latest run: ${summary.date.slice(0, 16).replace('T', ' ')} UTC, ${summary.quick ? 'quick' : 'full'}, ${summary.runs} runs each, ${summary.data.rows.toLocaleString('en-US')} rows (${(summary.data.bytes / 1e6).toFixed(0)} MB CSV).`,
    '',
    '| step | median |',
    '|---|---|',
    ...summary.steps.map((s) => `| ${s.step} | ${(s.medianMs / 1000).toFixed(2)} s |`),
    `| **load, app vs bare engine** | **${summary.ratios.appVsBareLoad}×** (target ≤ ${summary.ratios.target}×) |`,
    `| **load, DuckDB-WASM vs native** | **${summary.ratios.wasmVsNativeLoad}×** (target ≤ ${summary.ratios.nativeTarget}×) |`,
    `| **aggregate, DuckDB-WASM vs native** | **${summary.ratios.wasmVsNativeAggregate}×** (target ≤ ${summary.ratios.nativeTarget}×) |`,
    end,
  ].join('\n');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  writeFileSync(readme, i >= 0 && j > i ? text.slice(0, i) + table + text.slice(j + end.length) : text + '\n' + table + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
