/**
 * A growable UTF-8 byte buffer that CSV rows are written into directly. Building millions of
 * small JavaScript strings made garbage collection most of the generation time; writing bytes and
 * decoding one string per chunk avoids that, and the CLI can write the bytes as they are.
 */
import type { TimestampFormatter } from './time';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** UTF-8 of the constant strings rows repeat (names, products, countries…), encoded once. */
const encoded = new Map<string, Uint8Array>();

function encodedOf(s: string): Uint8Array {
  let b = encoded.get(s);
  if (b === undefined) {
    b = encoder.encode(s);
    encoded.set(s, b);
  }
  return b;
}

const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 1 << 20) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A string from a small fixed vocabulary (cached encoding). */
  token(s: string): this {
    const b = encodedOf(s);
    this.ensure(b.length);
    if (b.length < 32) {
      for (let i = 0; i < b.length; i++) this.buf[this.len + i] = b[i];
    } else {
      this.buf.set(b, this.len);
    }
    this.len += b.length;
    return this;
  }

  /** A string known to be ASCII (ids, e-mail addresses, dates). */
  ascii(s: string): this {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
    return this;
  }

  comma(): this {
    this.ensure(1);
    this.buf[this.len++] = COMMA;
    return this;
  }

  newline(): this {
    this.ensure(1);
    this.buf[this.len++] = NEWLINE;
    return this;
  }

  /** A non-negative integer, zero-padded to `width` digits. */
  uint(n: number, width = 1): this {
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    const total = Math.max(digits, width);
    this.ensure(total);
    let v = n;
    for (let i = total - 1; i >= 0; i--) {
      const q = Math.floor(v / 10);
      this.buf[this.len + i] = ZERO + (v - q * 10);
      v = q;
    }
    this.len += total;
    return this;
  }

  int(n: number): this {
    if (n < 0) {
      this.ensure(1);
      this.buf[this.len++] = MINUS;
      return this.uint(-n);
    }
    return this.uint(n);
  }

  /** Cents as a decimal amount with two decimals: 1234 → 12.34, -5 → -0.05. */
  cents(c: number): this {
    if (c < 0) {
      this.ensure(1);
      this.buf[this.len++] = MINUS;
      c = -c;
    }
    const units = Math.floor(c / 100);
    this.uint(units);
    this.ensure(3);
    this.buf[this.len++] = DOT;
    return this.uint(c - units * 100, 2);
  }

  date(fmt: TimestampFormatter, day: number): this {
    return this.ascii(fmt.date(day));
  }

  /** 'YYYY-MM-DD HH:MM:SS' (whole seconds, truncated). */
  timestamp(fmt: TimestampFormatter, seconds: number): this {
    const s = Math.floor(seconds);
    const day = Math.floor(s / 86400);
    let rem = s - day * 86400;
    const h = Math.floor(rem / 3600);
    rem -= h * 3600;
    const m = Math.floor(rem / 60);
    this.ascii(fmt.date(day));
    this.ensure(9);
    const b = this.buf;
    let i = this.len;
    b[i++] = 32;
    b[i++] = ZERO + Math.floor(h / 10);
    b[i++] = ZERO + (h % 10);
    b[i++] = 58;
    b[i++] = ZERO + Math.floor(m / 10);
    b[i++] = ZERO + (m % 10);
    b[i++] = 58;
    const sec = rem - m * 60;
    b[i++] = ZERO + Math.floor(sec / 10);
    b[i++] = ZERO + (sec % 10);
    this.len = i;
    return this;
  }

  /** The bytes written so far, copied, and the writer emptied. */
  takeBytes(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  /** The text written so far, and the writer emptied. */
  takeText(): string {
    const out = decoder.decode(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }
}
