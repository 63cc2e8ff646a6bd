/** Progress of lifetime-value fits in flight, by cell id (read by the cell's progress bar), and their Cancel. */
export interface ClvProgressState {
  phase: string;
  fraction: number;
}

/** Where a running fit registers how to stop it, and the view asks for it. */
export interface ClvCancels {
  /** `stop` stops the cell's run; null once it can no longer be stopped (saving) or is over. */
  onCancel(cellId: string, stop: (() => void) | null): void;
}

class ClvProgressStore implements ClvCancels {
  byCell = $state.raw<Record<string, ClvProgressState>>({});
  /** Cells whose run can be cancelled now. */
  cancellable = $state.raw<Record<string, boolean>>({});
  private stops = new Map<string, () => void>();

  /** A negative fraction clears the cell's progress. */
  set = (cellId: string, phase: string, fraction: number): void => {
    const next = { ...this.byCell };
    if (fraction < 0) delete next[cellId];
    else next[cellId] = { phase, fraction };
    this.byCell = next;
  };

  onCancel = (cellId: string, stop: (() => void) | null): void => {
    if (stop) this.stops.set(cellId, stop);
    else this.stops.delete(cellId);
    const next = { ...this.cancellable };
    if (stop) next[cellId] = true;
    else delete next[cellId];
    this.cancellable = next;
  };

  cancel = (cellId: string): void => {
    const stop = this.stops.get(cellId);
    this.onCancel(cellId, null);
    stop?.();
  };
}

export const clvProgress = new ClvProgressStore();
