import { describe, expect, it } from 'vitest';
import { guidedChunks } from '../src/guided-chunks.js';

/** The chunks' sizes for these arguments. */
function sizes(
  extent: number,
  unit: number,
  threads: number,
  minimum: number,
  max = 128,
): number[] {
  const bounds = new Int32Array(max + 1);
  const count = guidedChunks(extent, unit, threads, minimum, max, bounds);
  expect(bounds[0]).toBe(0);
  expect(bounds[count]).toBe(extent);
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push(bounds[i + 1]! - bounds[i]!);
  return result;
}

describe('guidedChunks', () => {
  it('cuts the 784 rows of the MNIST dW into shrinking chunks of whole 4-row tiles', () => {
    // Each is ⌈remaining / 4⌉ rounded up to 4, at least 28: 784/4 = 196, 588/4 = 147 → 148, …
    expect(sizes(784, 4, 2, 28)).toEqual([196, 148, 112, 84, 64, 48, 36, 28, 28, 28, 12]);
  });

  it('keeps every chunk but the last a multiple of the unit, and covers the extent once', () => {
    for (const [extent, unit, threads, minimum] of [
      [1, 4, 2, 4],
      [5, 4, 2, 4],
      [130, 12, 2, 12],
      [100_000, 4, 64, 4],
      [37, 6, 3, 6],
    ] as const) {
      const chunks = sizes(extent, unit, threads, minimum);
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(extent);
      for (const size of chunks.slice(0, -1)) expect(size % unit).toBe(0);
      expect(chunks.every((size) => size > 0)).toBe(true);
      for (let i = 1; i < chunks.length - 1; i++) {
        expect(chunks[i]!).toBeLessThanOrEqual(chunks[i - 1]!);
      }
    }
  });

  it('gives the rest to the last chunk when the count would pass the maximum', () => {
    const chunks = sizes(100_000, 4, 64, 4, 16);
    expect(chunks).toHaveLength(16);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(100_000);
  });
});
