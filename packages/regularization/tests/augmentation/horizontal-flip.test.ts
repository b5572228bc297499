import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, Rng, ShapeError, tensor } from '@deeptune/core';
import { horizontalFlip } from '../../src/augmentation/horizontal-flip.js';
import { digits3x3, distinctImages, image } from '../support/images.js';

describe('horizontalFlip', () => {
  it('mirrors a 3×3 image left–right', () => {
    const output = horizontalFlip({ probability: 1 })(digits3x3(), new Rng(0));
    expect(image(output, 0)).toEqual([
      [3, 2, 1],
      [6, 5, 4],
      [9, 8, 7],
    ]);
  });

  it('reads flattened [m, h·w] batches with the height and width options', () => {
    const flat = tensor([[1, 2, 3, 4, 5, 6]], { dtype: 'float32' }); // a 2×3 image
    const output = horizontalFlip({ probability: 1, height: 2, width: 3 })(flat, new Rng(0));
    expect(output.shape).toEqual([1, 6]);
    expect(output.dtype).toBe('float32');
    expect([...output.data]).toEqual([3, 2, 1, 6, 5, 4]);
  });

  it('returns a new tensor and leaves the input unchanged', () => {
    const input = digits3x3();
    const before = [...input.data];
    const output = horizontalFlip({ probability: 0 })(input, new Rng(0));
    expect(output).not.toBe(input);
    expect([...output.data]).toEqual(before);
    horizontalFlip({ probability: 1 })(input, new Rng(0));
    expect([...input.data]).toEqual(before);
  });

  it('flips each example independently, about `probability` of them', () => {
    // 4000 examples: the flipped fraction has std sqrt(p(1 − p)/n) ≈ 0.0079 at p = 0.5;
    // 5σ ≈ 0.04.
    const m = 4000;
    const input = distinctImages(m, 2, 2);
    const output = horizontalFlip()(input, new Rng(1));
    let flipped = 0;
    for (let n = 0; n < m; n++) {
      const original = image(input, n);
      const result = image(output, n);
      const mirrored = original.map((row) => [...row].reverse());
      if (JSON.stringify(result) === JSON.stringify(mirrored)) flipped++;
      else expect(result).toEqual(original);
    }
    expect(Math.abs(flipped / m - 0.5)).toBeLessThan(0.04);
  });

  it('is reproducible: the same seed gives the same flips', () => {
    const input = distinctImages(64, 3, 3);
    const flip = horizontalFlip();
    const a = flip(input, new Rng(7));
    const b = flip(input, new Rng(7));
    const c = flip(input, new Rng(8));
    expect([...a.data]).toEqual([...b.data]);
    expect([...a.data]).not.toEqual([...c.data]);
  });

  it.each([
    [1.5, 'must be in [0, 1], got 1.5'],
    [-0.1, 'must be in [0, 1], got -0.1'],
    [Number.NaN, 'must be a number in [0, 1], got NaN'],
  ])('rejects probability %s', (probability, problem) => {
    expect(() => horizontalFlip({ probability })).toThrow(InvalidHyperparameterError);
    expect(() => horizontalFlip({ probability })).toThrow(
      `augmentation 'horizontal-flip': option 'probability' ${problem}`,
    );
  });

  it('rejects a lone height or width, and unknown options', () => {
    expect(() => horizontalFlip({ height: 28 })).toThrow(ConfigError);
    expect(() => horizontalFlip({ height: 28 })).toThrow(/give both height and width/);
    expect(() => horizontalFlip({ height: 0, width: 28 })).toThrow(InvalidHyperparameterError);
    expect(() => horizontalFlip({ probabilty: 1 } as object)).toThrow(/Did you mean 'probability'/);
  });

  it('throws ShapeError naming the expected [m, h·w] for the given h and w', () => {
    const flip = horizontalFlip({ height: 3, width: 3 });
    const wrong = tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(() => flip(wrong, new Rng(0))).toThrow(ShapeError);
    expect(() => flip(wrong, new Rng(0))).toThrow(
      'horizontalFlip: expected a batch [m, h·w] = [m, 9] for height 3 and width 3, got [1, 10]',
    );
  });

  it('throws ShapeError for flattened batches without a size, other ranks, or a size mismatch', () => {
    const rng = new Rng(0);
    expect(() => horizontalFlip()(tensor([[1, 2, 3, 4]]), rng)).toThrow(/needs the image size/);
    expect(() => horizontalFlip()(tensor([1, 2, 3]), rng)).toThrow(ShapeError);
    expect(() => horizontalFlip({ height: 2, width: 2 })(digits3x3(), rng)).toThrow(ShapeError);
  });

  it('throws ConfigError when the batch is not a tensor or rng is not an Rng', () => {
    const flip = horizontalFlip();
    expect(() => flip([[1]] as never, new Rng(0))).toThrow(ConfigError);
    expect(() => flip(digits3x3(), Math.random as never)).toThrow(/rng must be an Rng/);
  });
});
