import { expect } from 'vitest';

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

/** The IEEE-754 bit pattern of `x` as a signed 64-bit integer. */
export function bitsOf(x: number): bigint {
  scratch[0] = x;
  return scratchBits[0];
}

/** The bit pattern of `x` as 16 lowercase hex digits, as fdlibm prints its constants. */
export function hexOf(x: number): string {
  return BigInt.asUintN(64, bitsOf(x)).toString(16).padStart(16, '0');
}

/** The double with the given bit pattern. */
export function fromBits(bits: bigint): number {
  scratchBits[0] = BigInt.asIntN(64, bits);
  return scratch[0];
}

/**
 * Distance in units in the last place between two doubles: 0 when they are the same number
 * (both NaN counts as the same; +0 and −0 do not), infinite across a sign change.
 */
export function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (a === b || Number.isNaN(a) || Number.isNaN(b)) return Number.POSITIVE_INFINITY; // ±0
  if (Math.sign(a) !== Math.sign(b)) return Number.POSITIVE_INFINITY;
  const difference = bitsOf(a) - bitsOf(b);
  return Number(difference < 0n ? -difference : difference);
}

/** A tiny xorshift32 stream for test inputs (kept separate from the Rng in core). */
export function* xorshift32(seed: number): Generator<number> {
  let x = seed | 0 || 1;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield x >>> 0;
  }
}

/** A seeded source of uniform doubles in [low, high). */
export function uniformSource(seed: number): (low: number, high: number) => number {
  const random = xorshift32(seed);
  return (low, high) => low + (high - low) * (random.next().value / 2 ** 32);
}

/** `count` random doubles with uniformly random bit patterns, of either sign (NaNs skipped). */
export function randomDoubles(seed: number, count: number): number[] {
  const random = xorshift32(seed);
  const values: number[] = [];
  while (values.length < count) {
    const high = random.next().value;
    const low = random.next().value;
    const x = fromBits((BigInt(high) << 32n) | BigInt(low));
    if (!Number.isNaN(x)) values.push(x);
  }
  return values;
}

/**
 * Asserts that `constants` (a `PORTABLE_*_CONSTANTS` list) holds exactly the names of
 * `expected`, each with the bit pattern given there as 16 hex digits.
 */
export function expectConstantBits(
  constants: readonly (readonly [string, number])[],
  expected: Readonly<Record<string, string>>,
): void {
  expect(constants.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of constants) expect(hexOf(value), name).toBe(expected[name]);
}

/**
 * Asserts that `fn` is within 1 ulp of each correctly rounded value: every row of `golden`
 * holds the arguments followed by the expected result.
 */
export function expectGoldenWithinOneUlp(
  name: string,
  fn: (...args: number[]) => number,
  golden: readonly (readonly number[])[],
): void {
  for (const row of golden) {
    const args = row.slice(0, -1);
    const ulps = ulpDistance(fn(...args), row[row.length - 1]!);
    expect(ulps, `${name}(${args.join(', ')})`).toBeLessThanOrEqual(1);
  }
}

/**
 * Sweep inputs: `count` random bit patterns (every exponent, both signs), then for each
 * `[low, high, n]` range, n uniform values in [low, high).
 */
export function sweepInputs(
  seed: number,
  count: number,
  ranges: readonly (readonly [number, number, number])[],
): number[] {
  const inputs = randomDoubles(seed, count);
  const uniform = uniformSource(seed + 1);
  for (const [low, high, n] of ranges) {
    for (let i = 0; i < n; i++) inputs.push(uniform(low, high));
  }
  return inputs;
}

/** A number as text, keeping the sign of −0. */
function show(value: unknown): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * Asserts that `actual(x)` is within 1 ulp of `reference(x)` on every input (the same number
 * for special values) and returns the fraction of inputs where the two agree exactly.
 */
export function expectWithinOneUlp<T>(
  inputs: Iterable<T>,
  actual: (input: T) => number,
  reference: (input: T) => number,
): number {
  let count = 0;
  let exact = 0;
  let worst: { input: T | undefined; ulps: number } = { input: undefined, ulps: 0 };
  for (const input of inputs) {
    const ulps = ulpDistance(actual(input), reference(input));
    count++;
    if (ulps === 0) exact++;
    if (ulps > worst.ulps) worst = { input, ulps };
  }
  expect(count, 'no inputs').toBeGreaterThan(0);
  const where = Array.isArray(worst.input) ? worst.input.map(show).join(', ') : show(worst.input);
  expect(worst.ulps, `worst input ${where}`).toBeLessThanOrEqual(1);
  return exact / count;
}
