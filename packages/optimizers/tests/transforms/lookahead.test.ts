// Lookahead (Zhang et al., 2019, https://arxiv.org/abs/1907.08610) written here as a plain
// transform after the rule: every k steps the slow weights φ move towards the fast ones θ,
// φ ← φ + α·(θ − φ), and the fast weights restart from them, θ ← φ.
import { describe, expect, it } from 'vitest';
import type { Storage } from '@deeptune/core';
import { sgd } from '../../src/optimizers/sgd.js';
import type { GradientTransform } from '../../src/transforms/gradient-transform.js';
import { parameter, setGrad } from '../helpers/parameters.js';

function lookahead(k: number, alpha: number): GradientTransform<{ slow: Storage }> {
  return {
    name: 'lookahead',
    init: (param) => ({ slow: param.data.slice() }),
    update: ({ parameters, step }, states) => {
      if (step % k !== 0) return;
      for (let j = 0; j < parameters.length; j++) {
        const param = parameters[j]!.param;
        const slow = states[j]!.slow;
        for (let i = 0; i < param.length; i++) {
          slow[i] = slow[i]! + alpha * (param[i]! - slow[i]!);
          param[i] = slow[i]!;
        }
      }
    },
  };
}

describe('a lookahead transform written outside the framework, composed with sgd', () => {
  it('synchronises the weights every k steps, as computed by hand', () => {
    const p = parameter('w', [1]);
    const optimizer = sgd({ learningRate: 0.1 })
      .withTransforms((chain) => [...chain, lookahead(2, 0.5)])
      .addParameters([p]);
    const gradients = [1, 3, -2, 4];
    const weights: number[] = [];
    for (const g of gradients) {
      setGrad(p, [g]);
      optimizer.step();
      weights.push(p.value.data[0]!);
    }
    // θ₁ = 1 − 0.1 = 0.9;  θ₂ = 0.9 − 0.3 = 0.6 → φ = 1 + 0.5·(0.6 − 1) = 0.8, θ₂ = 0.8
    // θ₃ = 0.8 + 0.2 = 1.0;  θ₄ = 1.0 − 0.4 = 0.6 → φ = 0.8 + 0.5·(0.6 − 0.8) = 0.7, θ₄ = 0.7
    [0.9, 0.8, 1.0, 0.7].forEach((expected, i) => expect(weights[i]).toBeCloseTo(expected, 15));
    expect(optimizer.stateDict().transforms!['lookahead']!['w']!['slow']).toEqual(
      Float64Array.from([weights[3]!]),
    );
  });
});
