/**
 * Just enough of the zip format to list an archive and extract entries, with the platform's
 * DecompressionStream doing the inflating. Used for .xlsx workbooks (which are zip files)
 * and for a CSV or JSON file sent zipped.
 */
import { concatBytes, type ByteSource } from './source';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

export async function zipEntries(source: ByteSource): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, source.size - 65_557);
  const tail = new DataView(await source.slice(tailStart, source.size));
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('The archive has no central directory (it is incomplete or not a zip file).');
  let count = tail.getUint16(eocd + 10, true);
  let cdSize = tail.getUint32(eocd + 12, true);
  let cdOffset = tail.getUint32(eocd + 16, true);
  if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = u64(tail, eocd - 12);
    const z = new DataView(await source.slice(at, at + 56));
    count = u64(z, 32);
    cdSize = u64(z, 40);
    cdOffset = u64(z, 48);
  }
  if (cdOffset + cdSize > source.size) throw new ZipError('The archive is incomplete.');
  const cd = new DataView(await source.slice(cdOffset, cdOffset + cdSize));
  const bytes = new Uint8Array(cd.buffer, cd.byteOffset, cd.byteLength);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= cd.byteLength; i++) {
    if (cd.getUint32(p, true) !== CENTRAL) throw new ZipError('The archive directory is damaged.');
    const nameLen = cd.getUint16(p + 28, true);
    const extraLen = cd.getUint16(p + 30, true);
    const commentLen = cd.getUint16(p + 32, true);
    let compressedSize = cd.getUint32(p + 20, true);
    let size = cd.getUint32(p + 24, true);
    let offset = cd.getUint32(p + 42, true);
    // Zip64: the real values sit in extra field 0x0001, in this order, only for fields set to 0xffffffff.
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = cd.getUint16(e, true);
      const len = cd.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) (size = u64(cd, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(cd, q)), (q += 8);
        if (offset === 0xffffffff) offset = u64(cd, q);
      }
      e += 4 + len;
    }
    entries.push({
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: cd.getUint16(p + 10, true),
      compressedSize,
      size,
      offset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function inflateRaw(data: Uint8Array, size: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const out = concatBytes(parts);
  if (size > 0 && out.byteLength !== size) throw new ZipError('An archive entry is damaged.');
  return out;
}

export async function zipEntryBytes(source: ByteSource, entry: ZipEntry): Promise<Uint8Array> {
  const head = new DataView(await source.slice(entry.offset, entry.offset + 30));
  if (head.byteLength < 30 || head.getUint32(0, true) !== LOCAL) throw new ZipError('An archive entry is damaged.');
  const start = entry.offset + 30 + head.getUint16(26, true) + head.getUint16(28, true);
  const data = new Uint8Array(await source.slice(start, start + entry.compressedSize));
  if (data.byteLength < entry.compressedSize) throw new ZipError('The archive is incomplete.');
  if (entry.method === 0) return data;
  if (entry.method === 8) {
    try {
      return await inflateRaw(data, entry.size);
    } catch (e) {
      throw e instanceof ZipError ? e : new ZipError('An archive entry is damaged.');
    }
  }
  throw new ZipError(`An archive entry uses an unsupported compression method (${entry.method}).`);
}

let crcTable: Uint32Array | null = null;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive with every entry stored uncompressed. read-excel-file unzips with fflate,
 * which inflates large entries in a blob: Worker — something a strict Content-Security-Policy
 * forbids; handing it stored entries keeps all of its work on this thread.
 */
export function storedZip(files: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = enc.encode(f.name);
    const crc = crc32(f.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, LOCAL, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, f.data.byteLength, true);
    local.setUint32(22, f.data.byteLength, true);
    local.setUint16(26, name.byteLength, true);
    parts.push(new Uint8Array(local.buffer), name, f.data);
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, CENTRAL, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, f.data.byteLength, true);
    c.setUint32(24, f.data.byteLength, true);
    c.setUint16(28, name.byteLength, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), name);
    offset += 30 + name.byteLength + f.data.byteLength;
  }
  const cdSize = central.reduce((n, p) => n + p.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, EOCD, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  return concatBytes([...parts, ...central, new Uint8Array(end.buffer)]);
}
