/**
 * The typed client of the models worker: created on first use, reused afterwards. The input
 * arrays are transferred (the caller gives them up).
 */
import * as Comlink from 'comlink';
import type { ModelsApi } from './cell/api';
import type { ClvAnalysisOptions, ClvInput, ClvRun, Progress } from './cell/analysis';

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

  async analyze(input: ClvInput, options: ClvAnalysisOptions, onProgress?: Progress): Promise<ClvRun> {
    const buffers: Transferable[] = [input.x.buffer, input.tx.buffer, input.T.buffer, input.m.buffer];
    if (input.xHoldout) buffers.push(input.xHoldout.buffer);
    if (input.repeatDays) buffers.push(input.repeatDays.day.buffer, input.repeatDays.count.buffer);
    if (input.current) buffers.push(input.current.x.buffer, input.current.tx.buffer, input.current.T.buffer, input.current.m.buffer);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return (await this.api().analyze(Comlink.transfer(input, buffers), options, progress)) as ClvRun;
  }

  /** Stop the worker (a fit cannot be interrupted otherwise); the next call starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
