/** What validating one segment document carries along: the fields, the issues, the budget. */
import type { ValidSegment } from '../ast';
import type { FieldIndex } from '../fields';
import type { Issues } from './issues';
import { child, has, show, type JsonObject } from './json';
import { LIMITS } from '../limits';

/** Resolves a saved segment by name, with cycle detection (see references.ts). */
export interface Resolver {
  resolve(name: string, path: string, issues: Issues, stack: readonly string[]): ValidSegment | undefined;
}

/** Shared by a document and the saved segments it refers to. */
export interface Environment {
  fields: FieldIndex;
  activityFields: FieldIndex;
  resolver: Resolver;
}

export interface Context extends Environment {
  issues: Issues;
  /** Names of the segments being validated, outermost first (for cycles). */
  stack: readonly string[];
  /** Nodes seen so far, saved segments expanded. */
  size: number;
  depth: number;
  tooLarge: boolean;
  fieldsUsed: Set<string>;
  segmentsUsed: Set<string>;
}

/** Reports keys the node does not know: usually a typo that would otherwise be ignored. */
export function onlyKeys(obj: JsonObject, allowed: readonly string[], path: string, issues: Issues): boolean {
  let ok = true;
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    ok = false;
    issues.add(child(path, key), 'unknown-key', `${show(key)} is not part of this rule; expected ${allowed.map((k) => `"${k}"`).join(', ')}.`);
  }
  return ok;
}

/** The optional `id` the builder keeps on nodes: short text, never compiled. */
export function checkId(obj: JsonObject, path: string, issues: Issues): void {
  if (!has(obj, 'id')) return;
  const id = obj.id;
  if (typeof id !== 'string' || id.length > 100) issues.add(child(path, 'id'), 'bad-value', 'The rule id must be text of at most 100 characters.');
}

/** Counts a node against the size budget; false (reported once) when the segment is too large. */
export function spend(ctx: Context, path: string, nodes: number): boolean {
  ctx.size += nodes;
  if (ctx.size <= LIMITS.nodes) return true;
  if (!ctx.tooLarge) {
    ctx.tooLarge = true;
    ctx.issues.add(path, 'too-large', `The segment has more than ${LIMITS.nodes} rules and groups (saved segments included).`);
  }
  return false;
}
