/// <reference lib="webworker" />
// Thin entry: DuckDB-WASM runs in its own nested worker; the host orchestrates loading and queries.
import './lock-network';
import * as Comlink from 'comlink';
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { EngineHost } from '../src/lib/engine/host';
import { duckdbWorkerUrl } from '../src/lib/engine/duckdbWorker';

const bundles: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

const host = new EngineHost(async () => {
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(duckdbWorkerUrl(bundle.mainWorker!, self.location.href), { name: 'duckdb' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(bundle.mainModule, self.location.href).href, bundle.pthreadWorker);
  return { db, worker, bundle: bundle.mainModule === ehWasm ? 'eh' : 'mvp' };
});

Comlink.expose(host);
