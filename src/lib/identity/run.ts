/**
 * Drives the stitching statements against an engine: prepare, link to a fixed point (pointer
 * jumps and hooks, a few statements per step, so progress can be shown and the run cancelled
 * between steps), finish. The engine is any function that runs one statement.
 */
import type { Sql } from '../sql';
import type { Row } from '../engine/rows';
import { parseIdentitySpec, type IdentitySpec } from './spec';
import { stitchPlan } from './stitchSql';

/** Runs one SQL statement and returns its rows (empty for DDL). */
export type RunSql = (statement: Sql) => Promise<readonly Row[]> | readonly Row[];

export interface StitchProgress {
  readonly phase: 'prepare' | 'link' | 'finish' | 'done';
  /** Linking steps (pointer jumps and hooks) done so far. */
  readonly iteration: number;
}

export interface StitchOptions {
  /** A safety net: real data settles in a handful of steps, a chain of a million records in about 60 (default 500). */
  readonly maxSteps?: number;
  readonly onProgress?: (p: StitchProgress) => void;
  /** Checked between statements. */
  readonly signal?: AbortSignal;
}

export interface StitchRun {
  /** Hooking rounds (the last one hooked nothing). */
  readonly rounds: number;
  /** Statements steps in all (pointer jumps and hooks), each followed by a check of the label sum. */
  readonly steps: number;
  /** Milliseconds per phase. */
  readonly timings: { readonly prepare: number; readonly link: number; readonly finish: number };
}

export class StitchAbortedError extends Error {
  constructor() {
    super('Stitching was cancelled.');
    this.name = 'StitchAbortedError';
  }
}

/** Stitches the spec (validated first: throws IdentityError) and leaves the identity relations in the engine. */
export async function runStitch(spec: IdentitySpec | unknown, run: RunSql, options: StitchOptions = {}): Promise<StitchRun> {
  const plan = stitchPlan(parseIdentitySpec(spec));
  const max = options.maxSteps ?? 500;
  const now = (): number => globalThis.performance?.now() ?? Date.now();
  const exec = async (s: Sql): Promise<readonly Row[]> => {
    if (options.signal?.aborted) throw new StitchAbortedError();
    return await run(s);
  };
  const sum = async (): Promise<string> => String((await exec(plan.labelSum))[0]?.total ?? '0');

  let t = now();
  options.onProgress?.({ phase: 'prepare', iteration: 0 });
  for (const s of plan.prepare) await exec(s);
  const prepare = now() - t;

  t = now();
  let rounds = 0;
  let steps = 0;
  let before = await sum();
  for (;;) {
    // Shortcut every tree to a star…
    for (;;) {
      if (steps >= max) throw new Error(`Stitching did not settle after ${max} steps.`);
      options.onProgress?.({ phase: 'link', iteration: steps });
      for (const s of plan.jump) await exec(s);
      steps++;
      const after = await sum();
      if (after === before) break;
      before = after;
    }
    // …then hook stars onto smaller neighbouring stars; none left to hook: done.
    rounds++;
    for (const s of plan.hook) await exec(s);
    steps++;
    const after = await sum();
    if (after === before) break;
    before = after;
  }
  const link = now() - t;

  t = now();
  options.onProgress?.({ phase: 'finish', iteration: steps });
  for (const s of plan.finish) await exec(s);
  options.onProgress?.({ phase: 'done', iteration: steps });
  return { rounds, steps, timings: { prepare, link, finish: now() - t } };
}
