import { GRADCHECK_VERDICT_BANDS, type Dense } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { BuggyDense } from '../src/experiments/gradcheck/buggy-dense.js';
import type { GradcheckConfig } from '../src/experiments/gradcheck/gradcheck-config.js';
import { createGradcheckJob } from '../src/experiments/gradcheck/gradcheck-job.js';
import { buildGradcheckNetwork } from '../src/experiments/gradcheck/gradcheck-network.js';
import { runGradientCheck } from '../src/experiments/gradcheck/gradient-check.js';
import {
  GRADIENT_CHECKING_PARAMS,
  gradientCheckingConfig,
} from '../src/pages/gradient-checking/gradient-checking-params.js';
import { axisPercent } from '../src/pages/gradient-checking/relative-difference-chart.js';

const BASE: GradcheckConfig = {
  features: 4,
  classes: 3,
  examples: 16,
  hiddenLayers: [5, 5],
  activation: 'tanh',
  lambda: 0,
  bugLayer: null,
  seed: 1,
};

const BEST_VERDICT = GRADCHECK_VERDICT_BANDS[0]!.verdict;

describe('gradient checking a small network', () => {
  it('gives the library’s best verdict for the clean network', () => {
    expect(BEST_VERDICT).toBe('great');
    for (const activation of ['tanh', 'relu', 'sigmoid'] as const) {
      for (const lambda of [0, 0.7]) {
        const result = runGradientCheck({ ...BASE, activation, lambda });
        expect(result.verdict).toBe(BEST_VERDICT);
        expect(result.relativeDifference).toBeLessThan(1e-7);
        expect(result.passes).toBe(true);
        expect(result.bugLayers).toEqual([]);
        expect(result.parameters.map((parameter) => parameter.name)).toEqual([
          'dense1.weight',
          'dense1.bias',
          'dense2.weight',
          'dense2.bias',
          'dense3.weight',
          'dense3.bias',
        ]);
        // 4·5 + 5 + 5·5 + 5 + 5·3 + 3 coordinates, every one checked.
        expect(result.checked).toBe(73);
      }
    }
  });

  it('reports "bug" for exactly the parameters of the layer whose backward pass is wrong', () => {
    for (const hiddenLayers of [[5, 5], [8], [4, 6, 3]]) {
      for (let layer = 1; layer <= hiddenLayers.length + 1; layer++) {
        const result = runGradientCheck({ ...BASE, hiddenLayers, bugLayer: layer });
        expect(result.verdict).toBe('bug');
        expect(result.bugLayers).toEqual([`dense${layer}`]);
        for (const parameter of result.parameters) {
          if (parameter.layer === `dense${layer}`) {
            expect(parameter.verdict).toBe('bug');
            // Backprop gives g/m instead of g: ‖g − g/m‖ / (‖g‖ + ‖g/m‖) = (m − 1)/(m + 1) = 15/17.
            expect(parameter.relativeDifference).toBeCloseTo(15 / 17, 6);
            expect(parameter.analytic * 16).toBeCloseTo(parameter.numerical, 6);
          } else {
            expect(parameter.verdict).toBe('great');
          }
        }
      }
    }
  });

  it('still points at the buggy layer with an L2 penalty, whose gradient the bug leaves alone', () => {
    const result = runGradientCheck({ ...BASE, lambda: 2, bugLayer: 2, activation: 'sigmoid' });
    expect(result.bugLayers).toEqual(['dense2']);
    const weight = result.parameters.find((parameter) => parameter.name === 'dense2.weight')!;
    expect(weight.verdict).toBe('bug');
    expect(weight.relativeDifference).toBeLessThan(15 / 17);
  });

  it('builds the buggy layer with a forward pass identical, bit for bit, to the clean one', () => {
    for (let layer = 1; layer <= 3; layer++) {
      const clean = buildGradcheckNetwork(BASE);
      const buggy = buildGradcheckNetwork({ ...BASE, bugLayer: layer });
      const [, buggyLayer] = buggy.model.namedChildren()[layer - 1]!;
      expect(buggyLayer).toBeInstanceOf(BuggyDense);
      const cleanLayer: Dense = clean.cleanLayers[layer - 1]!;
      // The layer's input: the batch through the clean layers before it.
      const inputOf = clean.cleanLayers
        .slice(0, layer - 1)
        .reduce((x, dense) => dense.forward(x).detach(), clean.inputs);
      const cleanOut = cleanLayer.forward(inputOf);
      const buggyOut = buggyLayer.forward(inputOf);
      expect(Array.from(buggyOut.data)).toEqual(Array.from(cleanOut.data));
      expect(Array.from(buggy.model.forward(buggy.inputs).data)).toEqual(
        Array.from(clean.model.forward(clean.inputs).data),
      );
    }
  });

  it('maps the page parameters to the check, clamping the bug layer to the output layer', () => {
    const { values, problems } = readParams(
      GRADIENT_CHECKING_PARAMS,
      new URLSearchParams('layers=1&units=3&bug=1&bugLayer=4&activation=relu&lambda=0.5&seed=9'),
    );
    expect(problems).toEqual([]);
    const config = gradientCheckingConfig(values);
    expect(config).toEqual({
      features: 4,
      classes: 3,
      examples: 16,
      hiddenLayers: [3],
      activation: 'relu',
      lambda: 0.5,
      bugLayer: 2,
      seed: 9,
    });
    const job = createGradcheckJob(config);
    expect(job.done).toBe(true);
    expect(job.initial()).toEqual(runGradientCheck(config));
    expect(job.initial().bugLayers).toEqual(['dense2']);
  });

  it('places differences on the log axis from 1e-12 to 1', () => {
    expect(axisPercent(1e-12)).toBe(0);
    expect(axisPercent(1e-7)).toBeCloseTo((5 / 12) * 100, 10);
    expect(axisPercent(1e-3)).toBeCloseTo(75, 10);
    expect(axisPercent(0)).toBe(0);
    expect(axisPercent(Number.NaN)).toBe(100);
    expect(axisPercent(5)).toBe(100);
  });
});
