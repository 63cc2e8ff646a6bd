/** Small checks shared by the cell kinds' parsers: each failure is a NotebookError at a path. */
import { invalid } from '../errors';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objectAt(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) throw invalid(path, 'must be an object');
  return v;
}

export function stringAt(obj: Record<string, unknown>, key: string, path: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw invalid(join(path, key), 'must be text');
  return v;
}

export function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[], path: string): T {
  const v = obj[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw invalid(join(path, key), `must be one of ${allowed.join(', ')}${typeof v === 'string' ? ` (not "${v}")` : ''}`);
  }
  return v as T;
}

/** No keys besides `allowed`: a typo in a hand-edited file is reported, not silently dropped. */
export function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw invalid(join(path, key), 'is not a known setting');
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The optional `segment` setting of an analysis cell: the name of a saved segment whose
 * customers it is narrowed to; null (or absent) means all customers.
 */
export function segmentFilterAt(obj: Record<string, unknown>, path: string): string | null {
  const v = obj.segment;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.trim() === '') throw invalid(join(path, 'segment'), 'must be the name of a saved segment, or null for all customers');
  return v;
}
