import { tensor } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import {
  createOptimizer,
  type OptimizerChoice,
} from '../src/experiments/surfaces/optimizer-choice.js';
import { OptimizerPath } from '../src/experiments/surfaces/optimizer-path.js';
import { createOptimizerRace } from '../src/experiments/surfaces/optimizer-race.js';
import type { Surface } from '../src/experiments/surfaces/surface.js';
import {
  elongatedBowl,
  plateauSurface,
  saddleSurface,
} from '../src/experiments/surfaces/test-surfaces.js';
import { OPTIMIZERS_PARAMS, optimizersConfig } from '../src/pages/optimizers/optimizers-params.js';

/** The bowl with κ = 4, unrotated: f = ½(x²/4 + y²), ∇f = (x/4, y). */
const BOWL = elongatedBowl(4, 0);
const START = [2, 1] as const;

/** A path over a surface with no tolerance or divergence stopping it. */
function path(surface: Surface, choice: OptimizerChoice, start: readonly [number, number]) {
  return new OptimizerPath({
    surface,
    optimizer: createOptimizer(choice),
    start,
    maxSteps: 1000,
    tolerance: 1e-3,
    divergeAbove: 1e12,
  });
}

/** The course's update rules, written out, on ∇f = (x/4, y). */
function courseSteps(choice: OptimizerChoice, steps: number): [number, number][] {
  let w: number[] = [START[0], START[1]];
  const first = [0, 0];
  const second = [0, 0];
  const points: [number, number][] = [[w[0]!, w[1]!]];
  for (let t = 1; t <= steps; t++) {
    const g = [w[0]! / 4, w[1]!];
    const next = [0, 0];
    for (let i = 0; i < 2; i++) {
      switch (choice.kind) {
        case 'sgd':
          next[i] = w[i]! - choice.learningRate * g[i]!;
          break;
        case 'momentum':
          first[i] = choice.beta * first[i]! + (1 - choice.beta) * g[i]!;
          next[i] = w[i]! - choice.learningRate * first[i]!;
          break;
        case 'rmsprop':
          second[i] = choice.beta2 * second[i]! + (1 - choice.beta2) * g[i]! ** 2;
          next[i] = w[i]! - (choice.learningRate * g[i]!) / (Math.sqrt(second[i]!) + 1e-8);
          break;
        case 'adam': {
          first[i] = choice.beta1 * first[i]! + (1 - choice.beta1) * g[i]!;
          second[i] = choice.beta2 * second[i]! + (1 - choice.beta2) * g[i]! ** 2;
          const mHat = first[i]! / (1 - choice.beta1 ** t);
          const vHat = second[i]! / (1 - choice.beta2 ** t);
          next[i] = w[i]! - (choice.learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
          break;
        }
      }
    }
    w = next;
    points.push([w[0]!, w[1]!]);
  }
  return points;
}

function expectPathToFollow(choice: OptimizerChoice, expected: readonly [number, number][]) {
  const run = path(BOWL, choice, START);
  for (let k = 1; k < expected.length; k++) run.step();
  for (let k = 0; k < expected.length; k++) {
    expect(run.xs[k]).toBeCloseTo(expected[k]![0], 12);
    expect(run.ys[k]).toBeCloseTo(expected[k]![1], 12);
  }
}

describe("deeptune's optimizers on the bowl f = ½(x²/4 + y²) from (2, 1)", () => {
  it('gradient descent: w ← w − α·∇f, worked by hand', () => {
    // ∇f(2, 1) = (0.5, 1): (1.75, 0.5); ∇f = (0.4375, 0.5): (1.53125, 0.25).
    expectPathToFollow({ kind: 'sgd', learningRate: 0.5 }, [
      [2, 1],
      [1.75, 0.5],
      [1.53125, 0.25],
    ]);
  });

  it('momentum (course form): v ← βv + (1 − β)∇f, w ← w − αv, worked by hand', () => {
    // v₁ = 0.1·(0.5, 1) = (0.05, 0.1) → w₁ = (1.975, 0.95); ∇f = (0.49375, 0.95)
    // v₂ = (0.045 + 0.049375, 0.09 + 0.095) → w₂ = (1.975 − 0.0471875, 0.95 − 0.0925).
    expectPathToFollow({ kind: 'momentum', learningRate: 0.5, beta: 0.9 }, [
      [2, 1],
      [1.975, 0.95],
      [1.9278125, 0.8575],
    ]);
  });

  it('RMSprop: S ← β₂S + (1 − β₂)∇f², w ← w − α∇f/(√S + ε)', () => {
    // Step 1: S = 0.1·(0.25, 1), so each coordinate moves by α/√0.1 = 0.1·√10.
    const run = path(BOWL, { kind: 'rmsprop', learningRate: 0.1, beta2: 0.9 }, START);
    run.step();
    expect(run.xs[1]).toBeCloseTo(2 - 0.1 * Math.sqrt(10), 7);
    expect(run.ys[1]).toBeCloseTo(1 - 0.1 * Math.sqrt(10), 7);
    const choice: OptimizerChoice = { kind: 'rmsprop', learningRate: 0.1, beta2: 0.9 };
    expectPathToFollow(choice, courseSteps(choice, 6));
  });

  it('Adam: bias-corrected moments; the first step is α·sign(∇f)', () => {
    const choice: OptimizerChoice = { kind: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999 };
    const run = path(BOWL, choice, START);
    run.step();
    // m̂₁ = ∇f and v̂₁ = ∇f², so the step is α·∇f/(|∇f| + ε) ≈ α per coordinate.
    expect(run.xs[1]).toBeCloseTo(1.9, 7);
    expect(run.ys[1]).toBeCloseTo(0.9, 7);
    expectPathToFollow(choice, courseSteps(choice, 6));
  });

  it('the surfaces’ deeptune expressions match their plain values and gradients', () => {
    const cases: [Surface, number, number, number, number][] = [
      // bowl: ∇f = (x/4, y)
      [BOWL, 2, 1, 0.5, 1],
      // saddle: ∂f/∂x = x(x² − 4)/8, ∂f/∂y = y/2
      [saddleSurface(), 1, 2, (1 * (1 - 4)) / 8, 1],
      // plateau: ∇f = e^{−r/4}·(x/2, y) with r = x² + 2y²
      [plateauSurface(), 1, 1, Math.exp(-3 / 4) / 2, Math.exp(-3 / 4)],
    ];
    for (const [surface, x, y, gx, gy] of cases) {
      const w = tensor([x, y], { dtype: 'float64', requiresGrad: true });
      const value = surface.cost(w);
      expect(value.item()).toBeCloseTo(surface.value(x, y), 12);
      value.backward();
      expect(w.grad!.data[0]).toBeCloseTo(gx, 12);
      expect(w.grad!.data[1]).toBeCloseTo(gy, 12);
    }
  });
});

describe('the race', () => {
  it('momentum beats gradient descent at any stable α on a high condition number', () => {
    const surface = elongatedBowl(100, 30);
    const run = (choice: OptimizerChoice) => {
      const racer = path(surface, choice, [-4, 2]);
      while (racer.stepsToTolerance === null && racer.steps < 1000) racer.step();
      return racer.stepsToTolerance;
    };
    const momentumSteps = run({ kind: 'momentum', learningRate: 5, beta: 0.9 });
    expect(momentumSteps).not.toBeNull();
    for (const learningRate of [0.5, 1, 1.5, 1.9]) {
      const sgdSteps = run({ kind: 'sgd', learningRate });
      expect(sgdSteps).not.toBeNull();
      expect(sgdSteps!).toBeGreaterThan(2 * momentumSteps!);
    }
  });

  it('gradient descent diverges above α = 2 on the bowl (largest curvature 1)', () => {
    const racer = path(elongatedBowl(10, 0), { kind: 'sgd', learningRate: 2.2 }, [-4, 2]);
    while (!racer.done && racer.steps < 1000) racer.step();
    expect(racer.diverged).toMatch(/^the cost reached .* at step \d+$/);
  });

  it("the page's default race: everyone reaches the minimum, momentum, RMSprop and Adam in under half gradient descent's steps", () => {
    const { values } = readParams(OPTIMIZERS_PARAMS, new URLSearchParams(''));
    const experiment = createOptimizerRace(optimizersConfig(values));
    experiment.race.runToEnd();
    const steps = Object.fromEntries(
      experiment.racers.map((racer) => [racer.kind, racer.path.stepsToTolerance]),
    );
    // κ = 100, unrotated, from (−4.5, 2): 128 steps for gradient descent (α = 1.8).
    expect(steps).toEqual({ sgd: 128, momentum: 40, rmsprop: 15, adam: 31 });
  });

  it('only the enabled optimizers race', () => {
    const { values } = readParams(
      OPTIMIZERS_PARAMS,
      new URLSearchParams('sgd=0&rmsprop=0&surface=saddle&x=0.05&y=4'),
    );
    const experiment = createOptimizerRace(optimizersConfig(values));
    expect(experiment.racers.map((racer) => racer.kind)).toEqual(['momentum', 'adam']);
    expect(experiment.surface.minima).toEqual([
      [-2, 0],
      [2, 0],
    ]);
  });
});
