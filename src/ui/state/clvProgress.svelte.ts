/** Progress of lifetime-value fits in flight, by cell id (read by the cell's progress bar). */
export interface ClvProgressState {
  phase: string;
  fraction: number;
}

class ClvProgressStore {
  byCell = $state.raw<Record<string, ClvProgressState>>({});

  /** A negative fraction clears the cell's progress. */
  set = (cellId: string, phase: string, fraction: number): void => {
    const next = { ...this.byCell };
    if (fraction < 0) delete next[cellId];
    else next[cellId] = { phase, fraction };
    this.byCell = next;
  };
}

export const clvProgress = new ClvProgressStore();
