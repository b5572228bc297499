// Lion (EvoLved Sign Momentum, Chen et al. 2023, https://arxiv.org/abs/2302.06675) as an
// external optimizer plugin: only the per-parameter state and update rule are written here;
// @deeptune/optimizers supplies parameter groups, schedules, clipping, decoupled weight
// decay and stateDict()/loadStateDict().
//
//   c = β₁·m + (1 − β₁)·dW;   W ← W − α·sign(c);   m ← β₂·m + (1 − β₂)·dW
//
// In your own project, import from '@deeptune/optimizers' (this example lives inside the
// package, so it imports the sources). docs/guides/custom-optimizer.md shows this file and,
// as the runnable path, the same rule in plain JavaScript (lion.mjs) with its package.json;
// tests/custom-optimizer-guide.test.ts checks that the two stay the same rule.
import { option, zerosLike } from '@deeptune/core';
import { defineOptimizer } from '../src/index.js';

const beta = (value: number) => option.number({ default: value, min: 0, exclusiveMax: 1 });

export default defineOptimizer({
  name: 'acme:lion',
  description: 'Lion: sign of an interpolated momentum (Chen et al., 2023).',
  defaults: { learningRate: 1e-4 },
  hyperparameters: { beta1: beta(0.9), beta2: beta(0.99) },
  init: (param) => ({ m: zerosLike(param).data }),
  update: ({ param, grad, state: { m }, hp: { learningRate, beta1, beta2 } }) => {
    for (let i = 0; i < param.length; i++) {
      const c = beta1 * m[i]! + (1 - beta1) * grad[i]!;
      param[i] = param[i]! - learningRate * Math.sign(c);
      m[i] = beta2 * m[i]! + (1 - beta2) * grad[i]!;
    }
  },
});
