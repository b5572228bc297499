import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import type { SignalConfig } from '../src/experiments/signal/signal-config.js';
import {
  predictedLayerFactor,
  weightVarianceTimesFanIn,
} from '../src/experiments/signal/signal-initializer.js';
import { createSignalJob } from '../src/experiments/signal/signal-job.js';
import { measureSignal } from '../src/experiments/signal/signal-measurement.js';
import {
  VANISHING_EXPLODING_PARAMS,
  vanishingExplodingConfig,
} from '../src/pages/vanishing-exploding/vanishing-exploding-params.js';

const BASE: SignalConfig = {
  depth: 20,
  width: 128,
  activation: 'relu',
  initialization: 'he',
  factor: 1.5,
  batch: 128,
  seed: 1,
  growthLimit: 100,
};

describe('signal propagation through a deep network', () => {
  it('keeps every layer of a 20-layer ReLU net within a factor of 2 of the input std with He', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = measureSignal({ ...BASE, seed });
      expect(result.inputStd).toBeGreaterThan(0.95);
      expect(result.inputStd).toBeLessThan(1.05);
      for (const std of result.activationStd) {
        expect(std).toBeGreaterThan(result.inputStd / 2);
        expect(std).toBeLessThan(result.inputStd * 2);
      }
      expect(result.verdict).toBe('stable');
      expect(new Set(result.activationVerdicts)).toEqual(new Set(['stable']));
      expect(new Set(result.gradientVerdicts)).toEqual(new Set(['stable']));
    }
  });

  it('the first ReLU layer with He has std √(1 − 1/π) ≈ 0.826 of a unit-variance input', () => {
    // z ~ N(0, σ²) with σ² = nIn · (2/nIn) · 1 = 2; relu(z) has E[a²] = σ²/2 = 1 and
    // E[a] = σ/√(2π) = 1/√π, so Var(a) = 1 − 1/π.
    const result = measureSignal({ ...BASE, depth: 2, width: 128, batch: 512 });
    expect(result.activationStd[0]).toBeGreaterThan(Math.sqrt(1 - 1 / Math.PI) * 0.93);
    expect(result.activationStd[0]).toBeLessThan(Math.sqrt(1 - 1 / Math.PI) * 1.07);
  });

  it('weights ×k too large multiply layer l’s activations by exactly k^l and its gradient by k^(L−l)', () => {
    const he = measureSignal(BASE);
    const large = measureSignal({ ...BASE, initialization: 'large', factor: 1.5 });
    // ReLU is positively homogeneous and the layers have no bias, and the scaled initializer
    // draws the same numbers as heNormal: the network is He's with every weight × 1.5.
    large.activationStd.forEach((std, index) => {
      expect(std / he.activationStd[index]!).toBeCloseTo(1.5 ** (index + 1), 0);
      expect(std / he.activationStd[index]! / 1.5 ** (index + 1)).toBeCloseTo(1, 5);
    });
    large.gradientNorm.forEach((norm, index) => {
      const expected = 1.5 ** (BASE.depth - 1 - index);
      expect(norm / he.gradientNorm[index]! / expected).toBeCloseTo(1, 5);
    });
    // Orders of magnitude: 1.5¹⁹ ≈ 2217 times He's growth.
    expect(large.activationGrowth / he.activationGrowth / 1.5 ** 19).toBeCloseTo(1, 5);
    expect(large.activationGrowth).toBeGreaterThan(1000);
    expect(large.gradientGrowth).toBeGreaterThan(1000);
    expect(large.verdict).toBe('exploding');
  });

  it('weights ÷k too small shrink the signal by k per layer and vanish', () => {
    const he = measureSignal(BASE);
    const small = measureSignal({ ...BASE, initialization: 'small', factor: 2 });
    small.activationStd.forEach((std, index) => {
      expect(std / he.activationStd[index]! / 2 ** -(index + 1)).toBeCloseTo(1, 5);
    });
    expect(small.activationGrowth).toBeLessThan(1e-4); // ≈ 2⁻¹⁹ ≈ 1.9e-6 × He's
    expect(small.verdict).toBe('vanishing');
    expect(small.activationVerdicts[0]).toBe('stable');
    expect(small.activationVerdicts[BASE.depth - 1]).toBe('vanishing'); // 2⁻¹⁹ < 1/100
    expect(small.gradientVerdicts[0]).toBe('vanishing');
  });

  it('Xavier keeps a deep tanh net stable, but is too small for ReLU (÷√2 per layer)', () => {
    const tanh = measureSignal({ ...BASE, activation: 'tanh', initialization: 'xavier' });
    expect(tanh.verdict).toBe('stable');
    const relu = measureSignal({ ...BASE, initialization: 'xavier', depth: 40 });
    expect(relu.verdict).toBe('vanishing');
    // Same draws as He, scaled by 1/√2: exactly (1/√2)^l of He's std at layer l.
    const he = measureSignal({ ...BASE, depth: 40 });
    expect(relu.activationStd[39]! / he.activationStd[39]! / Math.SQRT1_2 ** 40).toBeCloseTo(1, 4);
  });

  it('reports a float32 overflow as non-finite, not as a number', () => {
    // ×8 per layer: 8⁴² ≈ 8.5e37, so the activations pass float32's 3.4e38 near layer 43.
    const result = measureSignal({ ...BASE, depth: 50, initialization: 'large', factor: 8 });
    expect(result.verdict).toBe('non-finite');
    expect(result.activationVerdicts.slice(0, 40)).not.toContain('non-finite');
    expect(result.activationVerdicts[49]).toBe('non-finite');
  });

  it('predicts the per-layer factor √(nIn·Var(w)·gain)', () => {
    expect(weightVarianceTimesFanIn('relu', 'he', 3)).toBe(2);
    expect(weightVarianceTimesFanIn('relu', 'large', 1.5)).toBeCloseTo(4.5, 12);
    expect(weightVarianceTimesFanIn('tanh', 'small', 2)).toBeCloseTo(0.25, 12);
    expect(predictedLayerFactor('relu', 2)).toBe(1);
    expect(predictedLayerFactor('relu', 1)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(predictedLayerFactor('tanh', 1)).toBe(1);
    expect(predictedLayerFactor('relu', 4.5)).toBeCloseTo(1.5, 12);
  });

  it('maps the page parameters to the job, which measures the proper initialisation too', () => {
    const { values, problems } = readParams(
      VANISHING_EXPLODING_PARAMS,
      new URLSearchParams('depth=6&width=16&init=small&factor=2&activation=tanh&seed=3'),
    );
    expect(problems).toEqual([]);
    const config = vanishingExplodingConfig(values);
    expect(config).toEqual({
      depth: 6,
      width: 16,
      activation: 'tanh',
      initialization: 'small',
      factor: 2,
      batch: 128,
      seed: 3,
      growthLimit: 100,
    });
    const job = createSignalJob(config);
    expect(job.done).toBe(true);
    const snapshot = job.initial();
    expect(snapshot.measured).toEqual(measureSignal(config));
    expect(snapshot.reference).toEqual(measureSignal({ ...config, initialization: 'xavier' }));
  });
});
