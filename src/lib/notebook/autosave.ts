/**
 * Debounced autosave: edits within `delayMs` of each other are saved once, with the last
 * one. `flush()` saves a pending edit at once — call it on `pagehide` and on
 * `visibilitychange` to hidden — and it issues the save synchronously, before its first
 * await, so the write is queued before the page can be frozen.
 *
 * Saves are issued in edit order and not awaited one by one: `save` must apply its calls
 * in the order they were made (the IndexedDB store does: each starts its transaction at once).
 */

export interface Autosaver<T> {
  /** Records the latest version; it is saved `delayMs` after the last call. */
  schedule(value: T): void;
  /** Saves the pending version now (if any) and resolves when every issued save has settled. */
  flush(): Promise<void>;
  /** True while a version waits for its save. */
  readonly pending: boolean;
  /** Stops the timer without saving (after the document was deleted). */
  cancel(): void;
}

export interface AutosaveOptions {
  /** Told about a failed save; the version stays pending, so the next schedule or flush retries it. */
  onError?: (error: unknown) => void;
}

export function createAutosaver<T>(save: (value: T) => Promise<unknown>, delayMs = 400, options: AutosaveOptions = {}): Autosaver<T> {
  let latest: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const inFlight = new Set<Promise<void>>();

  const stopTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const issue = (): void => {
    stopTimer();
    if (latest === null) return;
    const entry = latest;
    latest = null;
    let p: Promise<void>;
    try {
      p = Promise.resolve(save(entry.value)).then(() => undefined);
    } catch (e) {
      p = Promise.reject(e);
    }
    const tracked = p
      .catch((e: unknown) => {
        // Keep the failed version unless a newer one replaced it meanwhile.
        if (latest === null) latest = entry;
        options.onError?.(e);
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  return {
    schedule(value) {
      latest = { value };
      stopTimer();
      timer = setTimeout(issue, delayMs);
    },
    async flush() {
      issue();
      await Promise.all([...inFlight]);
    },
    get pending() {
      return latest !== null;
    },
    cancel() {
      stopTimer();
      latest = null;
    },
  };
}
