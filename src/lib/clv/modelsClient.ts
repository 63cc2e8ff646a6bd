/**
 * The typed client of the models worker: created on first use, reused afterwards. The input
 * arrays are transferred (the caller gives them up). A fit cannot be interrupted from
 * outside, so cancelling stops the worker; the next call starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { ClvFinalTarget, ModelsApi } from './cell/api';
import type { ClvAnalysisOptions, ClvCalibrationPart, ClvFinalPart, ClvInput, ClvRun, Progress } from './cell/analysis';

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

  /** Fit and predict in the worker; aborting `signal` stops the worker and rejects with FIT_CANCELLED. */
  async analyze(input: ClvInput, options: ClvAnalysisOptions, onProgress?: Progress, signal?: AbortSignal): Promise<ClvRun> {
    const buffers: Transferable[] = [input.x.buffer, input.tx.buffer, input.T.buffer, input.m.buffer];
    if (input.xHoldout) buffers.push(input.xHoldout.buffer);
    if (input.repeatDays) buffers.push(input.repeatDays.day.buffer, input.repeatDays.count.buffer);
    if (input.current) buffers.push(input.current.x.buffer, input.current.tx.buffer, input.current.T.buffer, input.current.m.buffer);
    if (input.firstDay) buffers.push(input.firstDay.buffer);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return this.cancellable(signal, () => this.api().analyze(Comlink.transfer(input, [...new Set(buffers)]), options, progress) as Promise<ClvRun>);
  }

  /** The calibration half of a run with a holdout (its `current` and `firstDay` are not needed and not sent). */
  async calibrate(input: ClvInput, options: ClvAnalysisOptions, signal?: AbortSignal): Promise<ClvCalibrationPart> {
    const sent: ClvInput = { ...input, current: undefined, firstDay: undefined };
    const buffers: Transferable[] = [input.x.buffer, input.tx.buffer, input.T.buffer, input.m.buffer];
    if (input.xHoldout) buffers.push(input.xHoldout.buffer);
    if (input.repeatDays) buffers.push(input.repeatDays.day.buffer, input.repeatDays.count.buffer);
    return this.cancellable(signal, () => this.api().calibrate(Comlink.transfer(sent, [...new Set(buffers)]), options) as Promise<ClvCalibrationPart>);
  }

  /** The final half: the final fit and the predictions, on the summary as of the as-of date. */
  async conclude(target: ClvFinalTarget, options: ClvAnalysisOptions, onProgress?: Progress, signal?: AbortSignal): Promise<ClvFinalPart> {
    const buffers: Transferable[] = [target.x.buffer, target.tx.buffer, target.T.buffer, target.m.buffer];
    if (target.firstDay) buffers.push(target.firstDay.buffer);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return this.cancellable(signal, () => this.api().conclude(Comlink.transfer(target, [...new Set(buffers)]), options, progress) as Promise<ClvFinalPart>);
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
