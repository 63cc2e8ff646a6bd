import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from '../../../src/lib/notebook';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosaver', () => {
  it('saves once, with the last edit, after the edits pause', async () => {
    const saved: number[] = [];
    const autosave = createAutosaver(async (v: number) => void saved.push(v), 400);
    autosave.schedule(1);
    await vi.advanceTimersByTimeAsync(300);
    autosave.schedule(2);
    await vi.advanceTimersByTimeAsync(300);
    autosave.schedule(3);
    expect(saved).toEqual([]);
    expect(autosave.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(saved).toEqual([3]);
    expect(autosave.pending).toBe(false);
  });

  it('flush saves the pending edit at once — synchronously, as pagehide needs — and then nothing more', async () => {
    const saved: string[] = [];
    const autosave = createAutosaver(async (v: string) => void saved.push(v));
    autosave.schedule('a');
    const flushed = autosave.flush();
    expect(saved).toEqual(['a']);
    await flushed;
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['a']);
    await autosave.flush();
    expect(saved).toEqual(['a']);
  });

  it('flush waits for a save still in flight, and an edit made during a save is not lost', async () => {
    const saved: number[] = [];
    const releases: (() => void)[] = [];
    const autosave = createAutosaver((v: number) => new Promise<void>((resolve) => releases.push(() => (saved.push(v), resolve()))), 100);
    autosave.schedule(1);
    await vi.advanceTimersByTimeAsync(100);
    autosave.schedule(2);
    let done = false;
    const flushed = autosave.flush().then(() => (done = true));
    expect(releases).toHaveLength(2);
    releases[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    releases[1]();
    await flushed;
    expect(saved).toEqual([1, 2]);
  });

  it('reports a failed save and keeps the edit for the next flush', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const saved: number[] = [];
    const autosave = createAutosaver(
      async (v: number) => {
        if (fail) throw new Error('quota');
        saved.push(v);
      },
      100,
      { onError: (e) => errors.push(e) },
    );
    autosave.schedule(7);
    await autosave.flush();
    expect(errors).toHaveLength(1);
    expect(autosave.pending).toBe(true);
    fail = false;
    await autosave.flush();
    expect(saved).toEqual([7]);
  });

  it('cancel drops the pending edit', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = createAutosaver(save, 100);
    autosave.schedule(1);
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(500);
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
  });
});
