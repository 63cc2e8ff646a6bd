import { describe, expect, it } from 'vitest';
import { EditHistory, HISTORY_LIMIT, MERGE_WINDOW_MS } from '../../../src/ui/components/segments/history';

describe('segment builder undo history', () => {
  it('undoes and redoes edits in order, and a new edit clears redo', () => {
    const h = new EditHistory<string>();
    h.record('a', 0);
    h.record('b', 10_000);
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo('a')).toBeNull();
    expect(h.redo('a')).toBe('b');
    expect(h.redo('b')).toBe('c');
    expect(h.canRedo).toBe(false);
    h.undo('c');
    h.record('b', 20_000);
    expect(h.canRedo).toBe(false);
  });

  it('merges a burst of edits to the same thing into one step, but not edits to different things', () => {
    const h = new EditHistory<string>();
    h.record('', 0, 'value:r1');
    h.record('1', MERGE_WINDOW_MS / 2, 'value:r1');
    h.record('12', MERGE_WINDOW_MS, 'value:r1');
    h.record('123', MERGE_WINDOW_MS + 10, 'value:r2');
    expect(h.undo('1234')).toBe('123');
    expect(h.undo('123')).toBe('');
    expect(h.canUndo).toBe(false);
  });

  it('keeps at most the last HISTORY_LIMIT steps', () => {
    const h = new EditHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h.record(i, i * 10_000);
    let n = 0;
    let cur: number | null = -1;
    while ((cur = h.undo(cur ?? 0)) !== null) n++;
    expect(n).toBe(HISTORY_LIMIT);
  });
});
