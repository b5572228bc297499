// Benchmarks Optimizer.step() — the framework's per-step work around the update rule — on
// two shapes of model: an MLP's six large tensors (784→256→128→10, the element loops
// dominate) and 400 tiny tensors (the per-parameter dispatch of the framework dominates).
// Run with `pnpm --filter @deeptune/optimizers bench`.
import { bench, describe } from 'vitest';
import { Rng, randn } from '@deeptune/core';
import type { DType, NamedParameter } from '@deeptune/core';
import { adam } from '../src/optimizers/adam.js';
import { sgd } from '../src/optimizers/sgd.js';
import type { Optimizer } from '../src/optimizer/optimizer.js';

function parameters(shapes: readonly (readonly number[])[], dtype: DType): NamedParameter[] {
  const rng = new Rng(0);
  return shapes.map((shape, i) => {
    const value = randn(shape, { rng, dtype, requiresGrad: true });
    value.grad = randn(shape, { rng, dtype });
    return { path: `p${i}`, value, role: shape.length === 1 ? 'bias' : 'weight' };
  });
}

const MLP = [[784, 256], [256], [256, 128], [128], [128, 10], [10]] as const;
const TINY = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? [3, 3] : [3]));

function setup(make: () => Optimizer, shapes: readonly (readonly number[])[]): Optimizer {
  return make().addParameters(parameters(shapes, 'float32'));
}

describe('Optimizer.step, MLP 784→256→128→10 (float32, 235k elements)', () => {
  const plain = setup(() => sgd({ learningRate: 1e-6 }), MLP);
  const full = setup(() => adam({ learningRate: 1e-6, weightDecay: 0.01, clipNorm: 1e9 }), MLP);
  bench('sgd', () => plain.step());
  bench('adam + weight decay + clipNorm', () => full.step());
});

describe('Optimizer.step, 400 tiny tensors (float32)', () => {
  const plain = setup(() => sgd({ learningRate: 1e-6 }), TINY);
  const full = setup(() => adam({ learningRate: 1e-6, weightDecay: 0.01, clipNorm: 1e9 }), TINY);
  bench('sgd', () => plain.step());
  bench('adam + weight decay + clipNorm', () => full.step());
});
