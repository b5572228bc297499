import { describe, expect, it } from 'vitest';
import { Rng } from '@deeptune/core';
import { chooseCoordinates } from '../../src/internal/choose-coordinates.js';

describe('chooseCoordinates', () => {
  it('returns count distinct indices in [0, size), ascending', () => {
    const chosen = Array.from(chooseCoordinates(new Rng(1), 1000, 50));
    expect(chosen).toHaveLength(50);
    expect(new Set(chosen).size).toBe(50);
    expect(chosen.every((i) => Number.isInteger(i) && i >= 0 && i < 1000)).toBe(true);
    expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
  });

  it('returns every index when count equals size', () => {
    expect(Array.from(chooseCoordinates(new Rng(2), 7, 7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives the same indices for the same generator state, on every platform', () => {
    const pinned = Array.from(chooseCoordinates(new Rng(42), 100, 5));
    expect(Array.from(chooseCoordinates(new Rng(42), 100, 5))).toEqual(pinned);
    expect(pinned).toEqual(PINNED_SEED_42);
  });

  it('matches the first count steps of a Fisher–Yates shuffle on a dense array', () => {
    const reference = new Rng(4);
    const values = Array.from({ length: 60 }, (_, i) => i);
    for (let i = 0; i < 9; i++) {
      const j = i + reference.int(60 - i);
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    const expected = values.slice(0, 9).sort((a, b) => a - b);
    expect(Array.from(chooseCoordinates(new Rng(4), 60, 9))).toEqual(expected);
  });

  it('chooses every index equally often', () => {
    const rng = new Rng(3);
    const counts = new Array<number>(5).fill(0);
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      for (const i of chooseCoordinates(rng, 5, 2)) counts[i]! += 1;
    }
    // Each index is chosen with probability 2/5; the standard error is about 0.0035.
    for (const count of counts) expect(Math.abs(count / draws - 0.4)).toBeLessThan(0.015);
  });
});

/** chooseCoordinates(new Rng(42), 100, 5): xoshiro128** and `Rng.int` are exactly specified. */
const PINNED_SEED_42 = [21, 42, 64, 80, 89];
