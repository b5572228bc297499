import { Standardizer, tensor } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { logLevels, marchingSquares } from '../src/experiments/surfaces/contour-levels.js';
import { createNormalizationRace } from '../src/experiments/surfaces/normalization-race.js';
import {
  RegressionCost,
  rawAndNormalizedCosts,
  scaledRegressionData,
} from '../src/experiments/surfaces/scaled-regression.js';
import {
  NORMALIZING_INPUTS_PARAMS,
  normalizingInputsConfig,
} from '../src/pages/normalizing-inputs/normalizing-inputs-params.js';

/** Three examples worked by hand: x̄ = (2, 2), ȳ = 3, X̃ = [[−1, −2], [1, 0], [0, 2]], ỹ = (−2, 2, 0). */
function handCost(): RegressionCost {
  return new RegressionCost(
    tensor(
      [
        [1, 0],
        [3, 2],
        [2, 4],
      ],
      { dtype: 'float64' },
    ),
    tensor([[1], [5], [3]], { dtype: 'float64' }),
    'hand',
    [0, 0],
  );
}

/** deeptune's autograd gradient of a cost at (w₁, w₂). */
function autogradGradient(cost: RegressionCost, w1: number, w2: number): [number, number] {
  const w = tensor([w1, w2], { dtype: 'float64', requiresGrad: true });
  cost.cost(w).backward();
  return [w.grad!.data[0]!, w.grad!.data[1]!];
}

describe('the regression cost of two weights', () => {
  it('matches a hand-computed example: H, g, J, ∇J, w*, J*, λmax', () => {
    const cost = handCost();
    // H = (1/3)[[2, 2], [2, 8]], g = (1/3)(4, 4), c = (1/6)·8.
    expect(cost.hessian[0]).toBeCloseTo(2 / 3, 15);
    expect(cost.hessian[1]).toBeCloseTo(2 / 3, 15);
    expect(cost.hessian[2]).toBeCloseTo(8 / 3, 15);
    expect(cost.value(0, 0)).toBeCloseTo(4 / 3, 14);
    expect(cost.analyticGradient(0, 0)[0]).toBeCloseTo(-4 / 3, 14);
    expect(cost.analyticGradient(0, 0)[1]).toBeCloseTo(-4 / 3, 14);
    // y − ȳ = 2·(x₁ − x̄₁) exactly: w* = (2, 0), J* = 0.
    expect(cost.minima[0]![0]).toBeCloseTo(2, 13);
    expect(cost.minima[0]![1]).toBeCloseTo(0, 13);
    expect(cost.minValue).toBeCloseTo(0, 13);
    // λ(H) = (5 ± √13)/3, so the largest stable α is 6/(5 + √13).
    expect(cost.eigenvalues[0]).toBeCloseTo((5 + Math.sqrt(13)) / 3, 13);
    expect(cost.largestStableRate).toBeCloseTo(6 / (5 + Math.sqrt(13)), 13);
    // The deeptune expression gives the same J: ½·mean((X̃w − ỹ)²) at w = (1, −1).
    // X̃w = (1, 1, −2), residuals (3, −1, −2), squares 9 + 1 + 4 = 14 → J = 14/6.
    expect(cost.cost(tensor([1, -1], { dtype: 'float64' })).item()).toBeCloseTo(14 / 6, 14);
    expect(cost.value(1, -1)).toBeCloseTo(14 / 6, 13);
  });

  it("deeptune's autograd gradient equals the analytic gradient Hw − g", () => {
    const hand = handCost();
    // At (1, −1): ∇J = (1/3)·X̃ᵀ(3, −1, −2) = (1/3)(−3 − 1, −6 − 4) = (−4/3, −10/3).
    const [g1, g2] = autogradGradient(hand, 1, -1);
    expect(g1).toBeCloseTo(-4 / 3, 14);
    expect(g2).toBeCloseTo(-10 / 3, 14);
    const { raw, normalized } = rawAndNormalizedCosts(
      scaledRegressionData({ m: 200, scaleRatio: 100, noise: 0.5, seed: 7 }),
    );
    for (const cost of [raw, normalized]) {
      for (const [w1, w2] of [
        [0, 0],
        [0.3, -1.7],
        [-2, 4],
      ] as const) {
        const automatic = autogradGradient(cost, w1, w2);
        const analytic = cost.analyticGradient(w1, w2);
        const scale = Math.max(1, Math.abs(analytic[0]), Math.abs(analytic[1]));
        expect(Math.abs(automatic[0] - analytic[0]) / scale).toBeLessThan(1e-12);
        expect(Math.abs(automatic[1] - analytic[1]) / scale).toBeLessThan(1e-12);
      }
    }
  });

  it('normalizing with the Standardizer rescales the cost but keeps its minimum', () => {
    const data = scaledRegressionData({ m: 200, scaleRatio: 300, noise: 0.5, seed: 2 });
    const { raw, normalized, sigma } = rawAndNormalizedCosts(data);
    const variance = new Standardizer().fit(data.inputs).variance.data;
    expect(sigma[0]).toBeCloseTo(Math.sqrt(variance[0]!), 12);
    expect(sigma[0] / sigma[1]).toBeGreaterThan(200); // x₁ is about 300 times wider
    // Raw H's diagonal is the features' variances; the normalized one's is exactly 1.
    expect(raw.hessian[0]).toBeCloseTo(variance[0]!, 6);
    expect(normalized.hessian[0]).toBeCloseTo(1, 12);
    expect(normalized.hessian[2]).toBeCloseTo(1, 12);
    // The same predictions: w*_normalized = w*_raw · σ, and the same J*.
    expect(normalized.minima[0]![0]).toBeCloseTo(raw.minima[0]![0] * sigma[0], 9);
    expect(normalized.minima[0]![1]).toBeCloseTo(raw.minima[0]![1] * sigma[1], 9);
    expect(normalized.minValue).toBeCloseTo(raw.minValue, 9);
    // Long thin ellipses (κ ≈ 300²) against round ones.
    expect(raw.conditionNumber).toBeGreaterThan(5e4);
    expect(normalized.conditionNumber).toBeLessThan(1.3);
  });
});

describe('gradient descent on raw and normalized inputs', () => {
  it("takes the sgd step w₁ = w₀ − α·∇J(w₀) from deeptune's optimizer", () => {
    const { values } = readParams(NORMALIZING_INPUTS_PARAMS, new URLSearchParams('steps=10'));
    const experiment = createNormalizationRace(normalizingInputsConfig(values));
    experiment.race.advance(1);
    const [g1, g2] = experiment.raw.analyticGradient(0, 0);
    expect(experiment.rawPath.xs[1]).toBeCloseTo(-0.02 * g1, 12);
    expect(experiment.rawPath.ys[1]).toBeCloseTo(-0.02 * g2, 12);
    const [n1, n2] = experiment.normalized.analyticGradient(0, 0);
    expect(experiment.normalizedPath.xs[1]).toBeCloseTo(-0.5 * n1, 12);
    expect(experiment.normalizedPath.ys[1]).toBeCloseTo(-0.5 * n2, 12);
  });

  it('converges in a few steps when normalized, crawls when raw, and diverges above 2/λmax', () => {
    const run = (query: string) => {
      const { values, problems } = readParams(
        NORMALIZING_INPUTS_PARAMS,
        new URLSearchParams(query),
      );
      expect(problems).toEqual([]);
      const experiment = createNormalizationRace(normalizingInputsConfig(values));
      experiment.race.runToEnd();
      return experiment;
    };
    const slow = run('ratio=100&rawLr=0.0002&steps=500');
    expect(slow.raw.largestStableRate).toBeGreaterThan(0.0002);
    expect(slow.normalizedPath.stepsToTolerance).toBeLessThanOrEqual(15);
    expect(slow.rawPath.stepsToTolerance).toBeNull();
    expect(slow.rawPath.cost - slow.raw.minValue).toBeGreaterThan(0.1);
    const unstable = run('ratio=100&rawLr=0.00025&steps=500');
    expect(unstable.raw.largestStableRate).toBeLessThan(0.00025);
    expect(unstable.rawPath.diverged).toMatch(/^the cost reached .* at step \d+$/);
    expect(unstable.rawPath.steps).toBeLessThan(500);
    expect(unstable.normalizedPath.diverged).toBeNull();
  });
});

describe('contour helpers', () => {
  it('spaces levels evenly in log₁₀', () => {
    const levels = logLevels(1e-3, 10, 5);
    expect(levels.map((level) => Math.log10(level))).toEqual([-3, -2, -1, 0, 1]);
  });

  it('finds the crossing of a level on a 2 × 2 grid by linear interpolation', () => {
    // Top row 0, 0; bottom row 2, 4: the level 1 crosses the left edge at 0.5 and the right at 0.25.
    const out: number[] = [];
    marchingSquares(new Float64Array([0, 0, 2, 4]), 2, 2, 1, out);
    expect(out).toEqual([0, 0.5, 1, 0.25]);
  });
});
