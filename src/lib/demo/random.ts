/**
 * A small seeded PRNG (sfc32, Chris Doty-Humphrey's "Small Fast Counting" generator) with
 * keyed sub-streams. Every customer draws from its own stream keyed by (seed, customer, purpose),
 * so the three tables can be streamed independently and still agree, and the output never
 * depends on how far another stream has been consumed.
 */

/** 32-bit integer hash ("lowbias32", hash-prospector); good avalanche for seeding. */
export function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x21f0aaad);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x735a2d97);
  x = (x ^ (x >>> 15)) >>> 0;
  return x;
}

const GOLDEN = 0x9e3779b9;
const TWO_32 = 4294967296;

/** Reduce any finite number to a 32-bit seed word, keeping the high bits of large integers. */
function seedWord(seed: number): number {
  const n = Math.trunc(seed);
  const lo = n >>> 0;
  const hi = Math.floor(n / TWO_32) >>> 0;
  return mix32(lo ^ mix32(hi + GOLDEN));
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Warm-up: sfc32 needs a few rounds before nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A stream keyed by a seed and any number of integer keys (customer index, purpose…). */
  static keyed(seed: number, ...keys: number[]): Rng {
    let h = seedWord(seed);
    for (const k of keys) h = mix32((h ^ mix32((k >>> 0) + GOLDEN)) >>> 0);
    return new Rng(mix32(h + 1), mix32(h + 2 * GOLDEN), mix32(h + 3 * GOLDEN), mix32(h ^ 0x2545f491));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 53 random bits (two draws), so tails of gamma/beta stay smooth. */
  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  floatOpenLow(): number {
    return 1 - this.float();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability prob. */
  chance(prob: number): boolean {
    return this.float() < prob;
  }
}
