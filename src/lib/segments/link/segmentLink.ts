/** Share links for segments: `#segment=1.<base64url(deflate-raw(UTF-8 JSON))>`. */
import { isObject, own } from '../validate/json';
import type { SegmentSpec } from '../spec';
import { SEGMENT_FORMAT } from '../spec';
import type { SegmentField } from '../fields';
import { validateSegment, type SegmentValidation, type ValidateOptions } from '../validate/segment';
import { corrupted, decodeShareLink, encodeShareLink, newerVersion } from './shareLink';

/** The link format version (the `1.` after `#segment=`). */
export const SEGMENT_LINK_FORMAT = 1;

export function encodeSegmentLink(spec: SegmentSpec): Promise<string> {
  return encodeShareLink('segment', SEGMENT_LINK_FORMAT, spec);
}

/**
 * The segment document a link carries, not yet validated (that needs the data's fields).
 * Throws ShareLinkError: not-a-link, newer-version, truncated, corrupted or too-large.
 */
export async function decodeSegmentLink(link: string): Promise<unknown> {
  const json = await decodeShareLink('segment', link, SEGMENT_LINK_FORMAT);
  const v = isObject(json) ? own(json, 'v') : undefined;
  // A newer document may be shaped differently: say it is newer before judging its shape.
  if (typeof v === 'number' && v > SEGMENT_FORMAT) throw newerVersion('segment');
  if (!isObject(json) || own(json, 'match') === undefined) throw corrupted('segment', 'it does not hold a segment');
  return json;
}

/** Decodes and validates against the loaded data: what opening a shared link does. */
export async function openSegmentLink(link: string, fields: readonly SegmentField[], options: ValidateOptions = {}): Promise<SegmentValidation> {
  return validateSegment(await decodeSegmentLink(link), fields, options);
}
