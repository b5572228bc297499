import { describe, expect, it } from 'vitest';
import { createRegistry, describeSchema, Rng, tensor } from '@deeptune/core';
import {
  Dropout,
  gaussianNoise,
  horizontalFlip,
  l1,
  l2,
  plugin,
  randomRotation,
  randomShift,
  register,
} from '../src/index.js';

describe('plugin', () => {
  it('declares the regularizers, the dropout layer and the augmentations', () => {
    expect(plugin.name).toBe('@deeptune/regularization');
    expect(plugin.entries.map((entry) => `${entry.kind}/${entry.name}`)).toEqual([
      'regularizer/l2',
      'regularizer/l1',
      'layer/dropout',
      'augmentation/horizontal-flip',
      'augmentation/random-shift',
      'augmentation/random-rotation',
      'augmentation/gaussian-noise',
      'callback/early-stopping',
    ]);
  });

  it('registers nothing until a registry uses it, and register() undoes itself', () => {
    const registry = createRegistry();
    expect(registry.names('regularizer')).toEqual([]);
    const dispose = register(registry);
    expect(registry.names('regularizer')).toEqual(['l1', 'l2']);
    expect(registry.names('augmentation')).toEqual([
      'gaussian-noise',
      'horizontal-flip',
      'random-rotation',
      'random-shift',
    ]);
    dispose();
    expect(registry.names('augmentation')).toEqual([]);
  });

  it('creates by name exactly what the direct factories create', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const batch = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [
        [9, 8, 7],
        [6, 5, 4],
        [3, 2, 1],
      ],
    ]);
    const pairs = [
      [registry.create('augmentation', 'horizontal-flip'), horizontalFlip()],
      [
        registry.create('augmentation', 'random-shift', { maxShift: 1 }),
        randomShift({ maxShift: 1 }),
      ],
      [
        registry.create('augmentation', 'random-rotation', { maxDegrees: 30 }),
        randomRotation({ maxDegrees: 30 }),
      ],
      [
        registry.create('augmentation', 'gaussian-noise', { std: 0.3 }),
        gaussianNoise({ std: 0.3 }),
      ],
    ] as const;
    for (const [byName, direct] of pairs) {
      expect([...byName(batch, new Rng(1)).data]).toEqual([...direct(batch, new Rng(1)).data]);
    }
    expect(registry.create('layer', 'dropout', { keepProb: 0.5 })).toBeInstanceOf(Dropout);
  });

  it('accepts and rejects the same hyperparameter values by name and directly', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const cases: [string, (value: number) => unknown, (value: number) => unknown, number[]][] = [
      [
        'l2 lambda',
        (lambda) => l2({ lambda }),
        (lambda) => registry.create('regularizer', 'l2', { lambda }),
        [-1, 0, 0.5, Number.NaN, Number.POSITIVE_INFINITY],
      ],
      [
        'l1 lambda',
        (lambda) => l1({ lambda }),
        (lambda) => registry.create('regularizer', 'l1', { lambda }),
        [-1, 0, 3],
      ],
      [
        'keepProb',
        (keepProb) => new Dropout({ keepProb }),
        (keepProb) => registry.create('layer', 'dropout', { keepProb }),
        [0, 1e-9, 0.5, 1, 1.5, Number.NaN],
      ],
      [
        'probability',
        (probability) => horizontalFlip({ probability }),
        (probability) => registry.create('augmentation', 'horizontal-flip', { probability }),
        [-0.1, 0, 1, 1.1],
      ],
      [
        'maxShift',
        (maxShift) => randomShift({ maxShift }),
        (maxShift) => registry.create('augmentation', 'random-shift', { maxShift }),
        [-1, 0, 2, 2.5],
      ],
      [
        'maxDegrees',
        (maxDegrees) => randomRotation({ maxDegrees }),
        (maxDegrees) => registry.create('augmentation', 'random-rotation', { maxDegrees }),
        [-1, 0, 180, 180.5],
      ],
      [
        'std',
        (std) => gaussianNoise({ std }),
        (std) => registry.create('augmentation', 'gaussian-noise', { std }),
        [-1, 0, 2],
      ],
    ];
    const accepted = (create: () => unknown): boolean => {
      try {
        create();
        return true;
      } catch {
        return false;
      }
    };
    for (const [, direct, byName, values] of cases) {
      for (const value of values) {
        expect(accepted(() => direct(value))).toBe(accepted(() => byName(value)));
      }
    }
  });

  it('describes its options for help output', () => {
    const [rotation] = plugin.entries.filter((entry) => entry.name === 'random-rotation');
    const rows = describeSchema(rotation!.options);
    expect(rows.map((row) => row.name)).toEqual(['maxDegrees', 'interpolation', 'height', 'width']);
    expect(rows[0]).toMatchObject({ required: true, range: '[0, 180]' });
    expect(rows[1]).toMatchObject({ default: "'bilinear'" });
  });
});
