/**
 * Deterministic randomness for the demo and the synthetic generator: a seeded PRNG (sfc32), a
 * stateless integer hash for per-row noise that does not depend on generation order, and
 * UUIDv7-shaped ids derived from the PRNG and a fixed base time instead of the clock, so the
 * same seed always gives the same rows, ids included.
 */

/** splitmix32-style finaliser: a fast, well-mixed 32-bit hash of a 32-bit input. */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of up to three integers; the same inputs always give the same output. */
export function hash32(a: number, b = 0, c = 0): number {
  return mix32(mix32(mix32(a) ^ Math.imul(b, 0x9e3779b1)) ^ Math.imul(c, 0x7feb352d));
}

/** `hash32` scaled to [0, 1). */
export function unitHash(a: number, b = 0, c = 0): number {
  return hash32(a, b, c) / 4_294_967_296;
}

/** Turns a seed given as text or number into 32 bits (FNV-1a over the text form). */
export function seedFrom(seed: number | string): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small, fast, seeded pseudo-random generator (sfc32). Not for secrets. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = hash32(seed, 1);
    this.b = hash32(seed, 2);
    this.c = hash32(seed, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** 32 random bits as an unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick needs a non-empty list');
    return items[this.int(items.length)] as T;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return (
    (HEX[n >>> 24] as string) +
    (HEX[(n >>> 16) & 255] as string) +
    (HEX[(n >>> 8) & 255] as string) +
    (HEX[n & 255] as string)
  );
}

function hex4(n: number): string {
  return (HEX[(n >>> 8) & 255] as string) + (HEX[n & 255] as string);
}

/**
 * A UUIDv7-shaped id: 48-bit milliseconds `ms`, version 7, RFC 9562 variant, 74 bits from `prng`.
 * Valid for any `uuid` validator; ids made with rising `ms` sort in creation order.
 */
export function uuidV7From(ms: number, prng: Prng): string {
  const r1 = prng.uint32();
  const r2 = prng.uint32();
  const r3 = prng.uint32();
  const high = Math.floor(ms / 65_536) >>> 0;
  const low = ms % 65_536;
  const versionAndRandA = 0x7000 | (r1 >>> 20);
  const variantAndRandB = 0x8000 | ((r1 >>> 6) & 0x3fff);
  return `${hex8(high)}-${hex4(low)}-${hex4(versionAndRandA)}-${hex4(variantAndRandB)}-${hex8(r2)}${hex4(r3 >>> 16)}`;
}

/**
 * Deterministic ids: each call returns the next UUIDv7-shaped id, with the time part counting up
 * one millisecond per id from `baseMs` (so ids sort in the order they were made, which keeps
 * primary-key inserts appending) and the random part from a PRNG seeded with `seed`.
 */
export function createIdFactory(seed: number, baseMs: number): () => string {
  const prng = new Prng(hash32(seed, 0x1d));
  let counter = 0;
  return () => uuidV7From(baseMs + counter++, prng);
}
