/**
 * The models worker's API (exposed with comlink by workers/models.worker.ts): one call fits,
 * predicts and checks; progress is reported through a callback.
 */
import {
  analyzeClv,
  analyzeClvCalibration,
  analyzeClvFinal,
  type ClvAnalysisOptions,
  type ClvCalibrationPart,
  type ClvFinalPart,
  type ClvInput,
  type ClvRun,
  type Progress,
} from './analysis';
import { clvInputFromSummary, type ClvSummaryInput } from './summaryTables';
import { ClvError } from '../errors';

/**
 * What a call fits on: the model inputs, or the summary table's columns as the engine returned
 * them — turned into model inputs here, in the worker, not on the page's main thread.
 */
export type ModelsInput = ClvInput | ClvSummaryInput;

export interface ModelsApi {
  /** Everything the lifetime-value cell shows; the prediction arrays come back transferred. */
  analyze(input: ModelsInput, options: ClvAnalysisOptions, onProgress?: Progress): Promise<ClvRun>;
  /** The calibration half of a run with a holdout (analysis.ts: analyzeClvCalibration). */
  calibrate(input: ModelsInput, options: ClvAnalysisOptions): Promise<ClvCalibrationPart>;
  /** The final half: the final fit on `current` (the as-of summary) and its predictions, transferred back. */
  conclude(input: ModelsInput, options: ClvAnalysisOptions, onProgress?: Progress): Promise<ClvFinalPart>;
}

function asClvInput(input: ModelsInput): ClvInput {
  return 'columns' in input ? clvInputFromSummary(input) : input;
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
  const guarded = <T>(work: () => T): T => {
    try {
      return work();
    } catch (e) {
      throw toModelsError(e);
    }
  };
  const predictionBuffers = (p: ClvRun['predictions']): Transferable[] => [p.pAlive.buffer, p.expectedPurchases.buffer, p.expectedSpend.buffer, p.clv.buffer];
  return {
    async analyze(input, options, onProgress) {
      const run = guarded(() => analyzeClv(asClvInput(input), options, (phase, fraction) => void onProgress?.(phase, fraction)));
      return transfer(run, predictionBuffers(run.predictions));
    },
    async calibrate(input, options) {
      return guarded(() => analyzeClvCalibration(asClvInput(input), options));
    },
    async conclude(input, options, onProgress) {
      const part = guarded(() => {
        const i = asClvInput(input);
        if (!i.current) throw new ClvError('The final fit needs the summary as of the as-of date.', 'Run the cell again.');
        return analyzeClvFinal(i.current, i.firstDay, options, (phase, fraction) => void onProgress?.(phase, fraction));
      });
      return transfer(part, predictionBuffers(part.predictions));
    },
  };
}
