/**
 * The share-link codec: `#<kind>=<version>.<base64url(deflate-raw(UTF-8 JSON))>`. Segments
 * use `#segment=1.…`, notebooks `#notebook=1.…`. The hash never reaches a server; the link
 * carries definitions, never rows. Every failure is a ShareLinkError saying which kind.
 */
import { ShareLinkError } from '../errors';
import { LIMITS } from '../limits';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { deflateRaw, inflateRaw } from './deflate';

export type ShareKind = 'segment' | 'notebook';

const RESEND = 'Ask the sender to copy the link again and send it whole.';

/** `#kind=version.payload` for a JSON value. */
export async function encodeShareLink(kind: ShareKind, version: number, value: unknown): Promise<string> {
  const text = JSON.stringify(value);
  if (typeof text !== 'string') throw new ShareLinkError('corrupted', `There is nothing to put in a ${kind} link.`, 'Build the definition first.');
  const payload = encodeBase64Url(await deflateRaw(new TextEncoder().encode(text)));
  if (payload.length > LIMITS.linkChars) {
    throw new ShareLinkError('too-large', `This ${kind} is too large to share as a link.`, 'Export it to a file and share the file instead.');
  }
  return `#${kind}=${version}.${payload}`;
}

/** Which kind of share link a URL or hash holds, if any. */
export function shareLinkKind(link: string): ShareKind | null {
  const kinds: ShareKind[] = ['segment', 'notebook'];
  return kinds.find((kind) => linkParam(link, kind) !== null) ?? null;
}

/** The `kind=` value of a URL, a hash (`#segment=…`) or the bare `segment=…`. */
function linkParam(link: string, kind: ShareKind): string | null {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
  for (const part of hash.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === kind) return part.slice(eq + 1);
  }
  return null;
}

/**
 * The JSON value a link carries, checked only as far as the link itself goes: its format
 * version, that it is whole, and that it inflates to JSON within the size limit.
 */
export async function decodeShareLink(kind: ShareKind, link: string, supportedVersion: number): Promise<unknown> {
  if (typeof link !== 'string') throw notALink(kind);
  const param = linkParam(link, kind);
  if (param === null) throw notALink(kind);
  const value = safeDecodeUri(param).trim();
  const m = /^(\d{1,9})\.(.*)$/s.exec(value);
  if (!m) throw corrupted(kind, 'it does not start with a format number');
  const version = Number(m[1]);
  if (version > supportedVersion) throw newerVersion(kind);
  if (version !== supportedVersion) throw corrupted(kind, `it names an unknown format (${version})`);
  if (m[2].length > LIMITS.linkChars) throw tooLarge(kind);
  const bytes = decodeBase64Url(m[2]);
  if (bytes === null) throw corrupted(kind, 'it holds characters a link cannot');
  if (bytes.length === 0) throw truncated(kind);
  const inflated = await inflateRaw(bytes, LIMITS.linkBytes);
  if (!inflated.ok) {
    if (inflated.problem === 'truncated') throw truncated(kind);
    if (inflated.problem === 'too-large') throw tooLarge(kind);
    throw corrupted(kind, 'its data cannot be unpacked');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    throw corrupted(kind, 'its text is not readable');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw corrupted(kind, 'its contents are not a definition');
  }
}

function safeDecodeUri(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function notALink(kind: ShareKind): ShareLinkError {
  return new ShareLinkError('not-a-link', `This is not a ${kind} link: it has no "#${kind}=" part.`, `Paste the whole link, starting with https:// and ending after "#${kind}=…".`);
}

export function newerVersion(kind: ShareKind): ShareLinkError {
  return new ShareLinkError('newer-version', `This ${kind} link was made by a newer version of Arkwright.`, 'Reload the page to get the latest version, then open the link again.');
}

export function corrupted(kind: ShareKind, why: string): ShareLinkError {
  return new ShareLinkError('corrupted', `This ${kind} link is damaged: ${why}.`, RESEND);
}

function truncated(kind: ShareKind): ShareLinkError {
  return new ShareLinkError('truncated', `This ${kind} link is cut short: its end is missing.`, RESEND);
}

function tooLarge(kind: ShareKind): ShareLinkError {
  return new ShareLinkError('too-large', `This ${kind} link is larger than Arkwright opens (${LIMITS.linkBytes.toLocaleString('en-US')} bytes).`, RESEND);
}
