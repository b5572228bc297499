import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, Rng, tensor, zeros } from '@deeptune/core';
import { randomShift } from '../../src/augmentation/random-shift.js';
import { digits3x3, image } from '../support/images.js';
import { ScriptedRng } from '../support/scripted-rng.js';

describe('randomShift', () => {
  // rng.int(2·maxShift + 1) − maxShift gives dy, then dx; with maxShift 1: 0 → −1, 1 → 0, 2 → +1.
  it('shifts down by 1, zeros entering at the top', () => {
    const output = randomShift({ maxShift: 1 })(digits3x3(), new ScriptedRng({ ints: [2, 1] }));
    expect(image(output, 0)).toEqual([
      [0, 0, 0],
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('shifts left by 1, zeros entering on the right', () => {
    const output = randomShift({ maxShift: 1 })(digits3x3(), new ScriptedRng({ ints: [1, 0] }));
    expect(image(output, 0)).toEqual([
      [2, 3, 0],
      [5, 6, 0],
      [8, 9, 0],
    ]);
  });

  it('shifts diagonally (up and right) on a flattened batch', () => {
    const flat = tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    const output = randomShift({ maxShift: 1, height: 3, width: 3 })(
      flat,
      new ScriptedRng({ ints: [0, 2] }),
    );
    expect([...output.data]).toEqual([0, 4, 5, 0, 7, 8, 0, 0, 0]);
  });

  it('draws every shift in [−maxShift, maxShift]² and moves pixels without changing them', () => {
    const m = 1000;
    const size = 7;
    const maxShift = 2;
    const input = zeros([m, size, size], { dtype: 'float64' });
    for (let n = 0; n < m; n++) input.data[n * size * size + 3 * size + 3] = 1; // centre pixel
    const output = randomShift({ maxShift })(input, new Rng(3));
    const seen = new Set<string>();
    for (let n = 0; n < m; n++) {
      const pixels = [...output.data.subarray(n * size * size, (n + 1) * size * size)];
      expect(pixels.filter((v) => v === 1)).toHaveLength(1);
      expect(pixels.filter((v) => v !== 0)).toHaveLength(1);
      const index = pixels.indexOf(1);
      const dy = Math.floor(index / size) - 3;
      const dx = (index % size) - 3;
      expect(Math.abs(dy)).toBeLessThanOrEqual(maxShift);
      expect(Math.abs(dx)).toBeLessThanOrEqual(maxShift);
      seen.add(`${dy},${dx}`);
    }
    expect(seen.size).toBe(25); // each of the 25 shifts appears (P(one missing) < 25·(24/25)^1000)
  });

  it('is reproducible and leaves its input unchanged', () => {
    const input = digits3x3();
    const shift = randomShift({ maxShift: 1 });
    expect([...shift(input, new Rng(9)).data]).toEqual([...shift(input, new Rng(9)).data]);
    expect([...input.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('copies the batch when maxShift is 0', () => {
    const input = digits3x3('float32');
    const output = randomShift({ maxShift: 0 })(input, new Rng(0));
    expect(output).not.toBe(input);
    expect(output.dtype).toBe('float32');
    expect([...output.data]).toEqual([...input.data]);
  });

  it.each([-1, 1.5, Number.NaN])('rejects maxShift %s', (maxShift) => {
    expect(() => randomShift({ maxShift })).toThrow(InvalidHyperparameterError);
    expect(() => randomShift({ maxShift })).toThrow(
      `augmentation 'random-shift': option 'maxShift' must be an integer >= 0, got ${maxShift}`,
    );
  });

  it('rejects a maxShift that is not smaller than the image', () => {
    expect(() => randomShift({ maxShift: 3 })(digits3x3(), new Rng(0))).toThrow(
      InvalidHyperparameterError,
    );
    expect(() => randomShift({ maxShift: 3 })(digits3x3(), new Rng(0))).toThrow(/3×3 images/);
  });

  it('rejects an unknown padding mode', () => {
    expect(() => randomShift({ maxShift: 1, padding: 'reflect' as 'zeros' })).toThrow(ConfigError);
  });
});
