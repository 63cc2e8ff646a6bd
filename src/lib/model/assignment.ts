import type { DateFormat } from './datamodel';
import type { Role } from './roles';

/** The role detection gives one column, with how sure it is and why (shown on the mapping screen). */
export interface Assignment {
  role: Role;
  /** 0–1. Below 0.5 the mapping screen should ask the analyst to confirm. */
  confidence: number;
  reason: string;
  format?: DateFormat;
}
