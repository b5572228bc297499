import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, Rng, zeros } from '@deeptune/core';
import { randomRotation } from '../../src/augmentation/random-rotation.js';
import { rotateImage } from '../../src/internal/rotate-image.js';
import { digits3x3, distinctImages, image } from '../support/images.js';
import { ScriptedRng } from '../support/scripted-rng.js';

/** Rotates image 0 of a [1, h, w] batch by `degrees` with the internal kernel. */
function rotated(degrees: number, interpolation: 'nearest' | 'bilinear', size = 3): number[][] {
  const input = size === 3 ? digits3x3() : distinctImages(1, size, size);
  const output = zeros(input.shape, { dtype: 'float64' });
  rotateImage(input.data, output.data, 0, size, size, degrees, interpolation);
  return image(output, 0);
}

describe('randomRotation', () => {
  it.each(['nearest', 'bilinear'] as const)(
    'rotates by 90° counter-clockwise as an exact permutation (%s)',
    (interpolation) => {
      expect(rotated(90, interpolation)).toEqual([
        [3, 6, 9],
        [2, 5, 8],
        [1, 4, 7],
      ]);
      expect(rotated(-90, interpolation)).toEqual([
        [7, 4, 1],
        [8, 5, 2],
        [9, 6, 3],
      ]);
      expect(rotated(180, interpolation)).toEqual([
        [9, 8, 7],
        [6, 5, 4],
        [3, 2, 1],
      ]);
    },
  );

  it('rotates even-sized images about their centre too (4×4, 90°: B[r][c] = A[c][w − 1 − r])', () => {
    const a = rotated(0, 'nearest', 4);
    const b = rotated(90, 'nearest', 4);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(b[r]![c]).toBe(a[c]![3 - r]);
  });

  it('draws the angle uniformly from [−maxDegrees, maxDegrees): u = 0.75 with maxDegrees 180 is 90°', () => {
    const rotate = randomRotation({ maxDegrees: 180, interpolation: 'nearest' });
    const output = rotate(digits3x3(), new ScriptedRng({ floats: [0.75] }));
    expect(image(output, 0)).toEqual([
      [3, 6, 9],
      [2, 5, 8],
      [1, 4, 7],
    ]);
  });

  it('is the identity at 0° (bilinear weights are exactly 1 and 0)', () => {
    expect(rotated(0, 'bilinear')).toEqual(image(digits3x3(), 0));
    const input = distinctImages(3, 5, 5);
    const output = randomRotation({ maxDegrees: 0, height: 5, width: 5 })(
      input.reshape([3, 25]),
      new Rng(0),
    );
    expect([...output.data]).toEqual([...input.data]);
  });

  it('keeps the centre pixel and a radially symmetric blob nearly unchanged at small angles', () => {
    const size = 15;
    const c = (size - 1) / 2;
    const blob = zeros([1, size, size], { dtype: 'float64' });
    for (let r = 0; r < size; r++) {
      for (let col = 0; col < size; col++) {
        const d2 = (r - c) ** 2 + (col - c) ** 2;
        blob.data[r * size + col] = Math.exp(-d2 / 8);
      }
    }
    const output = randomRotation({ maxDegrees: 10 })(blob, new Rng(4));
    expect(output.data[c * size + c]).toBeCloseTo(1, 12); // the centre maps to itself
    let worst = 0;
    for (let i = 0; i < blob.size; i++)
      worst = Math.max(worst, Math.abs(output.data[i]! - blob.data[i]!));
    // Bilinear interpolation of a Gaussian of width 2 px errs by at most about 1/8 of the
    // second difference (≈ 0.25 · 1/4 · 1/2), so well below 0.05.
    expect(worst).toBeLessThan(0.05);
  });

  it('fills with zeros the pixels whose source lies outside the image', () => {
    const ones = zeros([1, 5, 5], { dtype: 'float64' }).add(1);
    const output = randomRotation({ maxDegrees: 45, interpolation: 'nearest' })(
      ones,
      new ScriptedRng({ floats: [1] }), // 45°
    );
    expect(image(output, 0)[0]![0]).toBe(0); // a corner comes from outside
    expect(image(output, 0)[2]![2]).toBe(1);
  });

  it('rotates each example by its own angle, reproducibly', () => {
    const input = distinctImages(1, 6, 6);
    const batch = input.broadcastTo([4, 6, 6]).add(0);
    const rotate = randomRotation({ maxDegrees: 15 });
    const a = rotate(batch, new Rng(2));
    const b = rotate(batch, new Rng(2));
    expect([...a.data]).toEqual([...b.data]);
    expect(image(a, 0)).not.toEqual(image(a, 1));
    expect([...batch.data.subarray(0, 36)]).toEqual([...input.data]); // input unchanged
  });

  it.each([
    [-1, 'must be in [0, 180], got -1'],
    [181, 'must be in [0, 180], got 181'],
    [Number.NaN, 'must be a number in [0, 180], got NaN'],
  ])('rejects maxDegrees %s', (maxDegrees, problem) => {
    expect(() => randomRotation({ maxDegrees })).toThrow(InvalidHyperparameterError);
    expect(() => randomRotation({ maxDegrees })).toThrow(
      `augmentation 'random-rotation': option 'maxDegrees' ${problem}`,
    );
  });

  it('rejects an unknown interpolation', () => {
    expect(() => randomRotation({ maxDegrees: 10, interpolation: 'bicubic' as 'nearest' })).toThrow(
      ConfigError,
    );
  });
});
