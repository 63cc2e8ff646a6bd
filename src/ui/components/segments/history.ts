/**
 * Undo/redo for the segment builder: the documents before each edit. Edits that arrive in a
 * burst (typing in a value box) merge into one step, so Undo goes back a whole change.
 */
export const MERGE_WINDOW_MS = 600;
export const HISTORY_LIMIT = 100;

export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastAt = -Infinity;
  private lastKey: string | null = null;

  /** Call before applying an edit, with the document as it was. `key` names the thing edited: same key within the window merges. */
  record(before: T, now: number, key: string | null = null): void {
    const merge = key !== null && key === this.lastKey && now - this.lastAt < MERGE_WINDOW_MS;
    this.lastAt = now;
    this.lastKey = key;
    this.future = [];
    if (merge) return;
    this.past.push(before);
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The document to go back to (current goes onto the redo list), or null. */
  undo(current: T): T | null {
    const prev = this.past.pop();
    if (prev === undefined) return null;
    this.future.push(current);
    this.lastKey = null;
    return prev;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    this.lastKey = null;
    return next;
  }
}
