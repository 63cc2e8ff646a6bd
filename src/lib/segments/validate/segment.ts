/**
 * validateSegment: an untrusted segment document (from the builder, a notebook file or a
 * share link) checked against the fields of the loaded data, into a ValidSegment, or every
 * problem found with a path to it.
 */
import type { ValidSegment } from '../ast';
import type { SegmentIssue } from '../errors';
import { ACTIVITY_FILTER_FIELDS, FieldIndex, type SegmentField } from '../fields';
import { SEGMENT_FORMAT } from '../spec';
import type { Context, Environment } from './context';
import { onlyKeys } from './context';
import { Issues } from './issues';
import { has, isObject, own, show } from './json';
import { readNode } from './node';
import { SavedSegments, type SegmentLookup } from './references';
import { isCalendarDate, readText } from './values';

export interface ValidateOptions {
  /** Saved segments that `{ "segment": name }` rules may refer to. */
  segments?: SegmentLookup;
}

export type SegmentValidation = { ok: true; segment: ValidSegment; issues: readonly [] } | { ok: false; issues: readonly SegmentIssue[] };

export function validateSegment(json: unknown, fields: readonly SegmentField[], options: ValidateOptions = {}): SegmentValidation {
  const saved = new SavedSegments(options.segments, readDocument);
  const env: Environment = { fields: new FieldIndex(fields), activityFields: new FieldIndex(ACTIVITY_FILTER_FIELDS), resolver: saved };
  saved.bind(env);
  const { segment, issues } = readDocument(json, env, []);
  return segment && issues.length === 0 ? { ok: true, segment, issues: [] } : { ok: false, issues };
}

function readDocument(json: unknown, env: Environment, stack: readonly string[]): { segment?: ValidSegment; issues: SegmentIssue[] } {
  const issues = new Issues();
  if (!isObject(json)) {
    issues.add('', 'bad-shape', `A segment is a JSON object with "v" and "match", not ${show(json)}.`);
    return { issues: issues.result() };
  }
  const version = own(json, 'v');
  if (typeof version === 'number' && Number.isInteger(version) && version > SEGMENT_FORMAT) {
    issues.add('v', 'newer-version', `This segment was made by a newer version of Arkwright (segment format ${version}); this version reads format ${SEGMENT_FORMAT}.`);
    return { issues: issues.result() };
  }
  if (version !== SEGMENT_FORMAT) {
    issues.add('v', 'bad-version', `The segment format "v" must be ${SEGMENT_FORMAT}, not ${show(version)}.`);
    return { issues: issues.result() };
  }
  onlyKeys(json, ['v', 'name', 'description', 'asOf', 'match'], '', issues);
  const name = readOptionalText(json, 'name', issues, 'The segment name');
  readOptionalText(json, 'description', issues, 'The description');
  const asOf = readAsOf(json, issues);
  // The edited segment's own name starts the stack, so one that refers to its saved self is a
  // cycle. Saved segments are on the stack under the name they were looked up by.
  const ownStack = stack.length === 0 && name ? [name] : stack;
  const ctx: Context = { ...env, issues, stack: ownStack, size: 0, depth: 0, tooLarge: false, fieldsUsed: new Set(), segmentsUsed: new Set() };
  if (!has(json, 'match')) {
    issues.add('match', 'bad-shape', 'The segment has no "match": add at least one rule or group.');
    return { issues: issues.result() };
  }
  const root = readNode(own(json, 'match'), 'match', 0, ctx);
  if (!root || issues.count > 0 || name === undefined || asOf === undefined) return { issues: issues.result() };
  return {
    segment: { name, asOf, root, fields: [...ctx.fieldsUsed], segments: [...ctx.segmentsUsed], size: ctx.size, depth: ctx.depth },
    issues: [],
  };
}

function readOptionalText(json: Record<string, unknown>, key: string, issues: Issues, what: string): string | null | undefined {
  const v = own(json, key);
  if (v === undefined || v === null) return null;
  return readText(v, key, issues, what);
}

function readAsOf(json: Record<string, unknown>, issues: Issues): string | null | undefined {
  const v = own(json, 'asOf');
  if (v === undefined || v === null) return null;
  if (isCalendarDate(v)) return v;
  issues.add('asOf', 'bad-value', `The as-of date must be a date written YYYY-MM-DD, or null for the data's own, not ${show(v)}.`);
  return undefined;
}
