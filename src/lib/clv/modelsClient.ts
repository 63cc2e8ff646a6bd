/**
 * The typed client of the models worker: created on first use, reused afterwards. The input
 * arrays are transferred (the caller gives them up). A fit cannot be interrupted from
 * outside, so cancelling stops the worker; the next call starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { ModelsApi, ModelsInput } from './cell/api';
import type { ClvAnalysisOptions, ClvCalibrationPart, ClvFinalPart, ClvRun, Progress } from './cell/analysis';

/** What a cancelled analysis rejects with (the engine's error shape, kind 'cancelled'). */
export interface ModelsCancelled {
  kind: 'cancelled';
  message: string;
}

export const FIT_CANCELLED: ModelsCancelled = { kind: 'cancelled', message: 'The fit was cancelled.' };

export class ModelsClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<ModelsApi> | null = null;

  constructor(private readonly makeWorker: () => Worker) {}

  private api(): Comlink.Remote<ModelsApi> {
    if (!this.remote) {
      this.worker = this.makeWorker();
      this.remote = Comlink.wrap<ModelsApi>(this.worker);
    }
    return this.remote;
  }

  /** Starts the worker now (loading its code takes a moment), so that it is ready when the first call comes. */
  start(): void {
    this.api();
  }

  /** Fit and predict in the worker; aborting `signal` stops the worker and rejects with FIT_CANCELLED. */
  async analyze(input: ModelsInput, options: ClvAnalysisOptions, onProgress?: Progress, signal?: AbortSignal): Promise<ClvRun> {
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return this.cancellable(signal, () => this.api().analyze(Comlink.transfer(input, buffersOf(input)), options, progress) as Promise<ClvRun>);
  }

  /** The calibration half of a run with a holdout. */
  async calibrate(input: ModelsInput, options: ClvAnalysisOptions, signal?: AbortSignal): Promise<ClvCalibrationPart> {
    return this.cancellable(signal, () => this.api().calibrate(Comlink.transfer(input, buffersOf(input)), options) as Promise<ClvCalibrationPart>);
  }

  /** The final half: the final fit on the as-of summary, and the predictions. */
  async conclude(input: ModelsInput, options: ClvAnalysisOptions, onProgress?: Progress, signal?: AbortSignal): Promise<ClvFinalPart> {
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return this.cancellable(signal, () => this.api().conclude(Comlink.transfer(input, buffersOf(input)), options, progress) as Promise<ClvFinalPart>);
  }

  /** Runs `call`; aborting `signal` stops the worker and rejects with FIT_CANCELLED. */
  private async cancellable<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw FIT_CANCELLED;
    const running = call();
    if (!signal) return running;
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.terminate();
        reject(FIT_CANCELLED);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([running, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stop the worker (a fit cannot be interrupted otherwise); the next call starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}

/** The array buffers of an input, each once: they are transferred, not copied. */
function buffersOf(input: ModelsInput): Transferable[] {
  const arrays: Float64Array[] = [];
  if ('columns' in input) arrays.push(...Object.values(input.columns));
  else {
    arrays.push(input.x, input.tx, input.T, input.m);
    if (input.xHoldout) arrays.push(input.xHoldout);
    if (input.repeatDays) arrays.push(input.repeatDays.day, input.repeatDays.count);
    if (input.current) arrays.push(input.current.x, input.current.tx, input.current.T, input.current.m);
    if (input.firstDay) arrays.push(input.firstDay);
  }
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
