/**
 * The models worker's API (exposed with comlink by workers/models.worker.ts): one call fits,
 * predicts and checks; progress is reported through a callback.
 */
import { analyzeClv, type ClvAnalysisOptions, type ClvInput, type ClvRun, type Progress } from './analysis';
import { ClvError } from '../errors';

export interface ModelsApi {
  /** Everything the lifetime-value cell shows; the prediction arrays come back transferred. */
  analyze(input: ClvInput, options: ClvAnalysisOptions, onProgress?: Progress): Promise<ClvRun>;
}

/** A plain, cloneable error a user can act on (ClvError's hint survives the worker boundary). */
export interface ModelsErrorInfo {
  kind: 'query';
  message: string;
  hint?: string;
}

export function toModelsError(e: unknown): ModelsErrorInfo {
  if (e instanceof ClvError) return { kind: 'query', message: e.message, hint: e.hint };
  return { kind: 'query', message: e instanceof Error ? e.message : String(e) };
}

/**
 * The implementation, with `transfer` supplied by the worker entry (comlink's), so this module
 * stays free of worker globals and runs under Node.
 */
export function createModelsApi(transfer: <T>(value: T, buffers: Transferable[]) => T): ModelsApi {
  return {
    async analyze(input, options, onProgress) {
      let run: ClvRun;
      try {
        run = analyzeClv(input, options, (phase, fraction) => void onProgress?.(phase, fraction));
      } catch (e) {
        throw toModelsError(e);
      }
      const p = run.predictions;
      return transfer(run, [p.pAlive.buffer, p.expectedPurchases.buffer, p.expectedSpend.buffer, p.clv.buffer]);
    },
  };
}
