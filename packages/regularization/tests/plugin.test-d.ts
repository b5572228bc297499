import { expectTypeOf } from 'vitest';
import { createRegistry, type Augmentation, type Regularizer } from '@deeptune/core';
import { plugin, type Dropout } from '../src/index.js';

const registry = createRegistry({ plugins: [plugin] });

expectTypeOf(registry.create('regularizer', 'l2', { lambda: 0.7 })).toEqualTypeOf<Regularizer>();
expectTypeOf(registry.create('layer', 'dropout', { keepProb: 0.8 })).toEqualTypeOf<Dropout>();
expectTypeOf(
  registry.create('augmentation', 'random-rotation', { maxDegrees: 10, interpolation: 'nearest' }),
).toEqualTypeOf<Augmentation>();

// @ts-expect-error lambda must be a number
registry.create('regularizer', 'l2', { lambda: '0.7' });
// @ts-expect-error lambda is required
registry.create('regularizer', 'l1', {});
// @ts-expect-error unknown interpolation
registry.create('augmentation', 'random-rotation', { maxDegrees: 10, interpolation: 'cubic' });
// @ts-expect-error padding has one mode so far
registry.create('augmentation', 'random-shift', { maxShift: 1, padding: 'reflect' });
