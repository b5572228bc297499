import { describe, expect, it } from 'vitest';
import type { NamedParameter } from '@deeptune/core';
import { adam } from '../../src/optimizers/adam.js';
import { momentum } from '../../src/optimizers/momentum.js';
import { rmsprop } from '../../src/optimizers/rmsprop.js';
import { sgd } from '../../src/optimizers/sgd.js';
import type { Optimizer } from '../../src/optimizer/optimizer.js';
import { parameter, setGrad } from '../helpers/parameters.js';

// f(x, y) = ½·(x² + 100·y²): elongated contours, condition number 100. Deterministic: a
// fixed start and a fixed grid of learning rates per optimizer.
const CURVATURES = [1, 100];
const START = [1.3, -0.7];
const INITIAL_LOSS = 0.5 * (1.3 ** 2 + 100 * 0.7 ** 2);
const TARGET_LOSS = 1e-4;
const MAX_STEPS = 2000;
/** The loss must stay below the target for this many further steps (no lucky crossing). */
const SETTLE_STEPS = 200;
const GRID = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.015, 0.019, 0.03, 0.1, 0.3, 1];

function loss(x: ArrayLike<number>): number {
  return 0.5 * (CURVATURES[0]! * x[0]! ** 2 + CURVATURES[1]! * x[1]! ** 2);
}

/**
 * The first step from which the loss stays at or below TARGET_LOSS for the rest of the run
 * (at least SETTLE_STEPS more steps), or undefined when there is none (or it diverges).
 */
function stepsToTarget(
  make: (learningRate: number) => Optimizer,
  learningRate: number,
): number | undefined {
  const p: NamedParameter = parameter('x', START);
  const optimizer = make(learningRate).addParameters([p]);
  const x = p.value.data;
  let lastAbove = 0;
  for (let step = 1; step <= MAX_STEPS; step++) {
    setGrad(p, [CURVATURES[0]! * x[0]!, CURVATURES[1]! * x[1]!]);
    optimizer.step();
    const value = loss(x);
    if (!Number.isFinite(value) || value > 1e6 * INITIAL_LOSS) return undefined;
    if (value > TARGET_LOSS) lastAbove = step;
    if (step - lastAbove > SETTLE_STEPS) return lastAbove + 1;
  }
  return undefined;
}

/** The fewest steps over the learning-rate grid (the best stable learning rate). */
function best(make: (learningRate: number) => Optimizer): { steps: number; learningRate: number } {
  let result = { steps: Number.POSITIVE_INFINITY, learningRate: Number.NaN };
  for (const learningRate of GRID) {
    const steps = stepsToTarget(make, learningRate);
    if (steps !== undefined && steps < result.steps) result = { steps, learningRate };
  }
  return result;
}

describe('an ill-conditioned quadratic (condition number 100)', () => {
  const results = {
    sgd: best((learningRate) => sgd({ learningRate })),
    momentum: best((learningRate) => momentum({ learningRate, momentum: 0.9 })),
    rmsprop: best((learningRate) => rmsprop({ learningRate })),
    adam: best((learningRate) => adam({ learningRate })),
  };

  it('sgd reaches the target at its best stable learning rate', () => {
    console.log(
      Object.entries(results)
        .map(([name, r]) => `${name}: ${r.steps} steps at learningRate ${r.learningRate}`)
        .join('\n'),
    );
    expect(Number.isFinite(results.sgd.steps)).toBe(true);
  });

  it.each(['momentum', 'rmsprop', 'adam'] as const)(
    '%s reaches the same loss in fewer steps than sgd',
    (name) => {
      expect(results[name].steps).toBeLessThan(results.sgd.steps);
    },
  );

  it('gradient clipping prevents divergence where plain sgd diverges', () => {
    const learningRate = 0.025; // > 2/100: sgd is unstable along the steep axis
    const run = (options: { clipNorm?: number }): number => {
      const p = parameter('x', START);
      const optimizer = sgd({ learningRate, ...options }).addParameters([p]);
      const x = p.value.data;
      for (let step = 0; step < 200; step++) {
        setGrad(p, [CURVATURES[0]! * x[0]!, CURVATURES[1]! * x[1]!]);
        optimizer.step();
      }
      return loss(x);
    };
    expect(run({})).toBeGreaterThan(1e10);
    const clipped = run({ clipNorm: 1 });
    expect(Number.isFinite(clipped)).toBe(true);
    expect(clipped).toBeLessThan(0.01 * INITIAL_LOSS);
  });
});
