import { describe, expect, it } from 'vitest';
import {
  decodeNotebookLink,
  decodeSegmentLink,
  encodeNotebookLink,
  encodeSegmentLink,
  encodeShareLink,
  openSegmentLink,
  shareLinkKind,
  ShareLinkError,
  type SegmentSpec,
  type ShareLinkProblem,
} from '../../../src/lib/segments';
import { decodeBase64Url, encodeBase64Url } from '../../../src/lib/segments/link/base64url';
import { deflateRaw } from '../../../src/lib/segments/link/deflate';
import { GROUP_CASES } from './cases';
import { FIELDS } from './fixtures';

const SPEC: SegmentSpec = {
  v: 1,
  name: 'Lapsed big spenders — ünïcødé 🎉 "quoted" \'single\'',
  asOf: null,
  match: GROUP_CASES[1].spec.match,
};

async function problem(link: string): Promise<ShareLinkProblem | string> {
  try {
    await decodeSegmentLink(link);
    return 'decoded';
  } catch (e) {
    if (!(e instanceof ShareLinkError)) return `threw ${String(e)}`;
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.hint.length).toBeGreaterThan(10);
    return e.problem;
  }
}

/** A link whose payload is `bytes` as they are (no compression). */
const rawLink = (bytes: Uint8Array, version = 1): string => `#segment=${version}.${encodeBase64Url(bytes)}`;
const packed = async (text: string, version = 1): Promise<string> => rawLink(await deflateRaw(new TextEncoder().encode(text)), version);

describe('segment share links', () => {
  it('round-trip a segment exactly, through a hash, a full URL and the bare form', async () => {
    const link = await encodeSegmentLink(SPEC);
    expect(link).toMatch(/^#segment=1\.[A-Za-z0-9_-]+$/);
    expect(await decodeSegmentLink(link)).toEqual(SPEC);
    expect(await decodeSegmentLink(`https://arkwright.example/app/?x=1${link}`)).toEqual(SPEC);
    expect(await decodeSegmentLink(link.slice(1))).toEqual(SPEC);
    expect(await decodeSegmentLink(`#other=1&${link.slice(1)}`)).toEqual(SPEC);
  });

  it('is compact: the DESIGN example fits a short link', async () => {
    const link = await encodeSegmentLink(GROUP_CASES[1].spec);
    expect(link.length).toBeLessThan(400);
  });

  it('survives line breaks, padding and the standard base64 alphabet that mail clients add', async () => {
    const link = await encodeSegmentLink(SPEC);
    const [head, payload] = link.split('.');
    const mangled = `${head}.${payload.slice(0, 20)}\n${payload.slice(20).replace(/-/g, '+').replace(/_/g, '/')}==`;
    expect(await decodeSegmentLink(mangled)).toEqual(SPEC);
  });

  it('opens a link against the loaded data in one step', async () => {
    const result = await openSegmentLink(await encodeSegmentLink(SPEC), FIELDS);
    expect(result.ok).toBe(true);
    const missing = await openSegmentLink(await encodeSegmentLink({ v: 1, match: { field: 'loyalty_tier', op: '=', value: 'gold' } }), FIELDS);
    expect(missing.ok).toBe(false);
    expect(missing.issues[0]).toMatchObject({ code: 'unknown-field', field: 'loyalty_tier' });
  });

  it('says a link from a newer version is from a newer version', async () => {
    expect(await problem(`#segment=2.${(await encodeSegmentLink(SPEC)).split('.')[1]}`)).toBe('newer-version');
    expect(await problem(await packed(JSON.stringify({ v: 7, match: {} })))).toBe('newer-version');
    expect(await problem(await packed(JSON.stringify({ v: 3, somethingNew: [] })))).toBe('newer-version');
  });

  it('says a cut link is cut, wherever it was cut', async () => {
    const link = await encodeSegmentLink(SPEC);
    const start = '#segment=1.'.length;
    const cuts = [start + 1, start + 4, Math.floor((start + link.length) / 2), link.length - 8, link.length - 2];
    for (const cut of cuts) expect(await problem(link.slice(0, cut)), `cut at ${cut}`).toBe('truncated');
    expect(await problem('#segment=1.')).toBe('truncated');
  });

  it('says a damaged link is damaged, distinctly from a cut one', async () => {
    const link = await encodeSegmentLink(SPEC);
    const at = '#segment=1.'.length + 3;
    const flipped = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    expect(await problem(flipped)).toBe('corrupted');
    expect(await problem('#segment=1.not*base64!')).toBe('corrupted');
    expect(await problem('#segment=one.abc')).toBe('corrupted');
    expect(await problem('#segment=0.abc')).toBe('corrupted');
    expect(await problem(rawLink(new TextEncoder().encode('hello, not deflate at all')))).toBe('corrupted');
    expect(await problem(await packed('{"v":1,"match":'))).toBe('corrupted');
    expect(await problem(await packed('[1,2,3]'))).toBe('corrupted');
    expect(await problem(await packed('{"v":1,"name":"no match"}'))).toBe('corrupted');
    expect(await problem(rawLink(await deflateRaw(new Uint8Array([0xff, 0xfe, 0x00]))))).toBe('corrupted');
  });

  it('is not fooled by other links or by no link', async () => {
    expect(await problem('https://arkwright.example/')).toBe('not-a-link');
    expect(await problem('#notebook=1.abc')).toBe('not-a-link');
    expect(await problem('')).toBe('not-a-link');
  });

  it('refuses a small link that inflates past the size limit', async () => {
    const bomb = await packed(`{"v":1,"name":"${'a'.repeat(3_000_000)}","match":{"all":[]}}`);
    expect(bomb.length).toBeLessThan(10_000);
    expect(await problem(bomb)).toBe('too-large');
  });

  it('refuses to make a link too large to open', async () => {
    let x = 2463534242;
    const noise = Array.from({ length: 400_000 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return ((x >>> 0) % 36).toString(36);
    }).join('');
    const outcome = await encodeShareLink('segment', 1, { v: 1, name: noise, match: { all: [] } }).then(
      () => 'encoded',
      (e: unknown) => (e instanceof ShareLinkError ? e.problem : String(e)),
    );
    expect(outcome).toBe('too-large');
  });
});

describe('notebook share links', () => {
  it('use the same codec under #notebook=1.', async () => {
    const notebook = { v: 1, cells: [{ kind: 'segment', segment: SPEC }, { kind: 'sql', text: "SELECT 'x'" }] };
    const link = await encodeNotebookLink(notebook);
    expect(link.startsWith('#notebook=1.')).toBe(true);
    expect(await decodeNotebookLink(link)).toEqual(notebook);
    expect(shareLinkKind(link)).toBe('notebook');
    expect(shareLinkKind(await encodeSegmentLink(SPEC))).toBe('segment');
    expect(shareLinkKind('#other=1')).toBeNull();
    await expect(decodeNotebookLink('#notebook=2.abc')).rejects.toMatchObject({ problem: 'newer-version' });
  });
});

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      const text = encodeBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
    expect(decodeBase64Url('ab$c')).toBeNull();
  });
});
