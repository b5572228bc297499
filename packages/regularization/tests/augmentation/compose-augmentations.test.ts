import { describe, expect, it } from 'vitest';
import { ConfigError, Rng, tensor, type Augmentation } from '@deeptune/core';
import { composeAugmentations } from '../../src/augmentation/compose-augmentations.js';
import { horizontalFlip } from '../../src/augmentation/horizontal-flip.js';
import { randomShift } from '../../src/augmentation/random-shift.js';
import { gaussianNoise } from '../../src/augmentation/gaussian-noise.js';
import { digits3x3, image } from '../support/images.js';
import { ScriptedRng } from '../support/scripted-rng.js';

const addOne: Augmentation = (batch) => batch.add(1);
const double: Augmentation = (batch) => batch.mul(2);

describe('composeAugmentations', () => {
  it('applies the augmentations in list order', () => {
    const x = tensor([[1, 2]], { dtype: 'float64' });
    expect([...composeAugmentations([addOne, double])(x, new Rng(0)).data]).toEqual([4, 6]);
    expect([...composeAugmentations([double, addOne])(x, new Rng(0)).data]).toEqual([3, 5]);
  });

  it('shift then flip differs from flip then shift', () => {
    const flip = horizontalFlip({ probability: 1 });
    const shift = randomShift({ maxShift: 1 });
    // Scripted shift: dy = 0, dx = +1 (right); the flip draws one float.
    const shiftThenFlip = composeAugmentations([shift, flip])(
      digits3x3(),
      new ScriptedRng({ ints: [1, 2], floats: [0] }),
    );
    const flipThenShift = composeAugmentations([flip, shift])(
      digits3x3(),
      new ScriptedRng({ ints: [1, 2], floats: [0] }),
    );
    expect(image(shiftThenFlip, 0)).toEqual([
      [2, 1, 0],
      [5, 4, 0],
      [8, 7, 0],
    ]);
    expect(image(flipThenShift, 0)).toEqual([
      [0, 3, 2],
      [0, 6, 5],
      [0, 9, 8],
    ]);
  });

  it('equals applying the augmentations one by one with the same generator, reproducibly', () => {
    const steps = [randomShift({ maxShift: 1 }), horizontalFlip(), gaussianNoise({ std: 0.1 })];
    const composed = composeAugmentations(steps);
    const rng = new Rng(3);
    let expected = digits3x3();
    for (const step of steps) expected = step(expected, rng);
    expect([...composed(digits3x3(), new Rng(3)).data]).toEqual([...expected.data]);
    expect([...composed(digits3x3(), new Rng(3)).data]).toEqual([
      ...composed(digits3x3(), new Rng(3)).data,
    ]);
  });

  it('rejects an empty list and entries that are not functions', () => {
    expect(() => composeAugmentations([])).toThrow(ConfigError);
    expect(() => composeAugmentations([addOne, 3 as never])).toThrow(
      'composeAugmentations: augmentations[1] must be a function',
    );
  });
});
