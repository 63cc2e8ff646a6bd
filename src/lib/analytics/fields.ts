/**
 * Reading an untrusted spec (from a notebook file or a share link): each read checks one
 * field, records a plain-worded issue when it is wrong and returns the default instead, so
 * one pass reports every problem at once.
 */
import type { SpecIssue } from './errors';

type Json = Record<string, unknown>;

interface Range {
  /** How the field is named in messages, e.g. "The number of steps". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class SpecFields {
  private constructor(
    private readonly obj: Json,
    private readonly path: string,
    readonly issues: SpecIssue[],
  ) {}

  /** The spec's top level; `undefined` reads as an empty spec (all defaults). */
  static root(input: unknown, issues: SpecIssue[], what: string): SpecFields {
    if (input === undefined || input === null) return new SpecFields({}, '', issues);
    if (!isObject(input)) {
      issues.push({ path: '', message: `The ${what} settings must be an object.` });
      return new SpecFields({}, '', issues);
    }
    return new SpecFields(input, '', issues);
  }

  private at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  private fail(key: string, message: string): void {
    this.issues.push({ path: this.at(key), message });
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  /** Reports keys this spec does not know (usually a typo that would otherwise be ignored). */
  only(keys: readonly string[]): void {
    for (const k of Object.keys(this.obj)) {
      if (!keys.includes(k)) this.fail(k, `"${k}" is not a setting here (known: ${keys.join(', ')}).`);
    }
  }

  /** The spec version: absent or 1. */
  version(): 1 {
    const v = this.obj.v;
    if (v !== undefined && v !== 1) this.fail('v', `Version ${JSON.stringify(v)} is not supported; this app reads version 1.`);
    return 1;
  }

  choice<T extends string>(key: string, label: string, allowed: readonly T[], fallback: T): T {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(key, `${label} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
    return fallback;
  }

  boolean(key: string, label: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.fail(key, `${label} must be true or false.`);
    return fallback;
  }

  integer(key: string, range: Range, fallback: number): number {
    const v = this.nullableInteger(key, range, fallback, false);
    return v ?? fallback;
  }

  /** A whole number in range, or null when `nullable` (meaning "no limit"). */
  nullableInteger(key: string, range: Range, fallback: number | null, nullable = true): number | null {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (v === null && nullable) return null;
    if (typeof v === 'number' && Number.isInteger(v) && v >= range.min && v <= range.max) return v;
    const orNull = nullable ? ' (or null for no limit)' : '';
    this.fail(key, `${range.label} must be a whole number from ${range.min} to ${range.max}${orNull}.`);
    return fallback;
  }

  /** A number with min ≤ v < max, or null when `nullable`. */
  nullableNumber(key: string, range: Range, fallback: number | null, nullable = true): number | null {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (v === null && nullable) return null;
    if (typeof v === 'number' && Number.isFinite(v) && v >= range.min && v < range.max) return v;
    this.fail(key, `${range.label} must be a number from ${range.min} up to (not including) ${range.max}.`);
    return fallback;
  }

  /** Non-empty text, or null when `nullable`. */
  text(key: string, label: string, fallback: string | null, nullable = true): string | null {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (v === null && nullable) return null;
    if (typeof v === 'string' && v.trim() !== '' && v.length <= 200 && !v.includes('\u0000')) return v;
    this.fail(key, `${label} must be a non-empty text of at most 200 characters.`);
    return fallback;
  }

  /** A non-empty list of distinct texts, or null when absent/null. */
  texts(key: string, label: string): string[] | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    const ok = Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.trim() !== '' && !s.includes('\u0000'));
    if (ok) return [...new Set(v as string[])];
    this.fail(key, `${label} must be a non-empty list of names (or null for all).`);
    return null;
  }

  /** A nested object's fields, or null when absent; reports anything else. */
  child(key: string, label: string): SpecFields | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (isObject(v)) return new SpecFields(v, this.at(key), this.issues);
    this.fail(key, `${label} must be an object.`);
    return null;
  }

  /** A list of objects (rules, …), each with its own path `key[i]`; null when absent. */
  children(key: string, label: string): SpecFields[] | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) {
      this.fail(key, `${label} must be a list.`);
      return null;
    }
    const out: SpecFields[] = [];
    v.forEach((item, i) => {
      const path = `${this.at(key)}[${i}]`;
      if (isObject(item)) out.push(new SpecFields(item, path, this.issues));
      else this.issues.push({ path, message: `Each entry of ${label.toLowerCase()} must be an object.` });
    });
    return out;
  }

  /** A [low, high] pair of whole numbers inside range with low ≤ high, or null when absent. */
  span(key: string, range: Range): readonly [number, number] | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    const ok =
      Array.isArray(v) &&
      v.length === 2 &&
      v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= range.min && n <= range.max) &&
      (v[0] as number) <= (v[1] as number);
    if (ok) return [v[0] as number, v[1] as number];
    this.fail(key, `${range.label} must be a pair [low, high] of whole numbers from ${range.min} to ${range.max}, low ≤ high.`);
    return null;
  }

  /** Records an issue that spans fields (e.g. "at risk" must come before "lapsed"). */
  problem(key: string, message: string): void {
    this.fail(key, message);
  }
}
