/**
 * DuckDB-WASM's own worker script, started behind two preludes of ours: the network lock, and
 * a report of how far into each dropped file the engine has read (DuckDB reads registered
 * files through Blob.slice; its own progress callback needs eval, which our CSP forbids).
 *
 * Emscripten only recognises a classic worker (it looks for importScripts), so the script is
 * started from a small classic blob rather than imported into a module worker. The prelude
 * functions are self-contained because their source text is what runs.
 */
import { lockNetwork } from './networkLock';

interface SliceReportingScope {
  postMessage(message: unknown): void;
}

/** Posts DuckDB-style PROGRESS_UPDATE messages as a registered File is read, at most every 100 ms. */
export function reportFileReads(scope: SliceReportingScope): void {
  const slice = Blob.prototype.slice;
  let last = 0;
  Blob.prototype.slice = function (this: Blob, start?: number, end?: number, contentType?: string): Blob {
    if (typeof File !== 'undefined' && this instanceof File && this.size > 0) {
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        const reached = Math.min(end ?? this.size, this.size);
        scope.postMessage({
          requestId: 0,
          type: 'PROGRESS_UPDATE',
          data: { status: 'in-progress', percentage: String((100 * reached) / this.size), repetitions: '0' },
        });
      }
    }
    return slice.call(this, start, end, contentType);
  };
}

export function duckdbWorkerUrl(scriptUrl: string, base: string): string {
  const absolute = new URL(scriptUrl, base).href;
  const source = [
    `(${lockNetwork.toString()})(self);`,
    `(${reportFileReads.toString()})(self);`,
    `importScripts(${JSON.stringify(absolute)});`,
  ].join('\n');
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}
