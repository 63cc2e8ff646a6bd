/** Re-run a cell shortly after its settings change: one run for a burst of edits. */

export const AUTO_RUN_DELAY_MS = 350;

export function debounce(fn: () => void, delay = AUTO_RUN_DELAY_MS): { schedule: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(fn, delay);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

/** "12.5%" from a share 0–1; "–" when unknown. */
export function percent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A number for a table: thousands separated, `digits` decimals; "–" when unknown. */
export function amount(v: number | null, digits = 0): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A nullable whole number from a text field: '' → null; anything else must be a number. */
export function optionalNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A cell spec without the cell's own `segment` setting: what the library's validators read. */
export function analysisPart<T extends { segment?: unknown }>(spec: T): Omit<T, 'segment'> {
  const { segment: _segment, ...rest } = spec;
  return rest;
}
