import { describe, expect, it } from 'vitest';
import {
  computeCost,
  ConfigError,
  createRegistry,
  InvalidHyperparameterError,
  ones,
  Rng,
  randn,
  seed,
  tensor,
  valueAndGrad,
} from '@deeptune/core';
import { gradcheck } from '@deeptune/gradcheck';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { Dropout } from '../../src/dropout/dropout.js';
import { l2 } from '../../src/regularizers/l2.js';
import { plugin } from '../../src/plugin.js';

const training = { training: true, stochastic: true } as const;

/** The error `run` throws, or `undefined`. */
function captured(run: () => unknown): Error | undefined {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

describe('Dropout', () => {
  it('keeps the expected activation with keepProb 0.8 (inverted dropout)', () => {
    // n = 100 000 units of value 1. The number kept is K ~ Binomial(n, p) with p = 0.8, and
    // the output mean is K/(n·p): its std is sqrt(p(1 − p)/n)/p = sqrt(0.16/1e5)/0.8 ≈ 1.58e-3,
    // so 5σ ≈ 7.9e-3. The fraction of zeros (1 − K/n) has std sqrt(p(1 − p)/n) ≈ 1.26e-3,
    // 5σ ≈ 6.3e-3.
    const n = 100_000;
    const p = 0.8;
    const output = new Dropout({ keepProb: p, rng: new Rng(0) }).forward(
      ones([1000, 100], { dtype: 'float64' }),
      training,
    );
    let sum = 0;
    let zeros = 0;
    let scaled = 0;
    for (const value of output.data) {
      sum += value;
      if (value === 0) zeros++;
      else if (value === 1 / p) scaled++; // kept units are scaled by exactly 1/keepProb
    }
    expect(zeros + scaled).toBe(n);
    expect(Math.abs(sum / n - 1)).toBeLessThan(5 * (Math.sqrt((p * (1 - p)) / n) / p));
    expect(Math.abs(zeros / n - (1 - p))).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('is the identity in inference mode, so train and eval differ', () => {
    const x = randn([4, 50], { rng: new Rng(1), dtype: 'float64' });
    const dropout = new Dropout({ keepProb: 0.5, rng: new Rng(2) });
    const trained = dropout.forward(x);
    expect([...trained.data]).not.toEqual([...x.data]);
    expect(dropout.eval().forward(x)).toBe(x);
    expect(dropout.train().forward(x, { training: false })).toBe(x);
  });

  it('is the identity when the pass is not stochastic (gradient checking)', () => {
    const x = randn([4, 50], { rng: new Rng(1), dtype: 'float64' });
    const dropout = new Dropout({ keepProb: 0.5, rng: new Rng(2) });
    expect(dropout.forward(x, { training: true, stochastic: false })).toBe(x);
  });

  it('draws a fresh mask on every forward pass', () => {
    const x = ones([8, 64], { dtype: 'float64' });
    const dropout = new Dropout({ keepProb: 0.5, rng: new Rng(3) });
    const first = [...dropout.forward(x).data];
    const second = [...dropout.forward(x).data];
    expect(first).not.toEqual(second);
  });

  it('draws the same masks from the same seed', () => {
    const x = ones([8, 64], { dtype: 'float64' });
    const a = new Dropout({ keepProb: 0.7, rng: new Rng(4) });
    const b = new Dropout({ keepProb: 0.7, rng: new Rng(4) });
    expect([...a.forward(x).data]).toEqual([...b.forward(x).data]);
    expect([...a.forward(x).data]).toEqual([...b.forward(x).data]);
    seed(10);
    const c = new Dropout({ keepProb: 0.7 }); // generator split from the default one
    seed(10);
    const d = new Dropout({ keepProb: 0.7 });
    expect([...c.forward(x).data]).toEqual([...d.forward(x).data]);
  });

  it('is the identity with keepProb 1', () => {
    const x = randn([3, 5], { rng: new Rng(5) });
    expect(new Dropout({ keepProb: 1 }).forward(x, training)).toBe(x);
  });

  it('keeps the dtype of its input', () => {
    const output = new Dropout({ keepProb: 0.5, rng: new Rng(0) }).forward(ones([2, 3]));
    expect(output.dtype).toBe('float32');
    expect([...output.data].every((v) => v === 0 || v === 2)).toBe(true);
  });

  it('lets gradients flow only through the kept units, scaled by 1/keepProb', () => {
    const rng = new Rng(6);
    const keepProb = 0.6;
    const x = randn([10, 20], { rng, dtype: 'float64' });
    const upstream = randn([10, 20], { rng, dtype: 'float64' });
    const dropout = new Dropout({ keepProb, rng: new Rng(7) });
    let output = x;
    const { grads } = valueAndGrad(() => {
      output = dropout.forward(x);
      return output.mul(upstream).sum();
    }, [x]);
    // ∂J/∂x = upstream ⊙ d / keepProb, d read off the output (x has no zeros).
    const expected = [...upstream.data].map(
      (g, i) => (g / keepProb) * (output.data[i] === 0 ? 0 : 1),
    );
    expect([...grads[0]!.data]).toEqual(expected);
    const kept = expected.filter((g) => g !== 0).length;
    expect(kept).toBeGreaterThan(80);
    expect(kept).toBeLessThan(160);
  });

  it.each([
    [0, 'must be in (0, 1], got 0'],
    [1.5, 'must be in (0, 1], got 1.5'],
    [Number.NaN, 'must be a number in (0, 1], got NaN'],
    [-0.2, 'must be in (0, 1], got -0.2'],
  ])('throws InvalidHyperparameterError for keepProb %s, never clamping', (keepProb, problem) => {
    const create = (): Dropout => new Dropout({ keepProb });
    expect(create).toThrow(InvalidHyperparameterError);
    expect(create).toThrow(`layer 'dropout': option 'keepProb' ${problem}`);
  });

  it('reports a bad keepProb exactly as the registry does', () => {
    const registry = createRegistry({ plugins: [plugin] });
    for (const keepProb of [0, 1.5, '0.5']) {
      const direct = captured(() => new Dropout({ keepProb: keepProb as number }));
      const byName = captured(() =>
        registry.create('layer', 'dropout', { keepProb: keepProb as number }),
      );
      expect(direct).toBeDefined();
      expect(direct?.constructor).toBe(byName?.constructor);
      expect(direct?.message).toBe(byName?.message);
    }
  });

  it('throws ConfigError for a keepProb given as a string, never converting it', () => {
    const create = (): Dropout => new Dropout({ keepProb: '0.5' as unknown as number });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(
      "layer 'dropout': option 'keepProb' must be a number in (0, 1], got '0.5' (a string)",
    );
  });

  it('throws ConfigError for a missing options object or an rng that is not an Rng', () => {
    expect(() => new Dropout(undefined as never)).toThrow(ConfigError);
    expect(() => new Dropout({ keepProb: 0.5, rng: Math.random as never })).toThrow(
      /option 'rng' must be an Rng/,
    );
  });

  it('describes itself as keepProb 0.8 in summary()', () => {
    const dropout = new Dropout({ keepProb: 0.8 });
    expect(dropout.describe()).toBe('keepProb 0.8');
    const model = new Sequential([
      new Dense({ inputs: 4, units: 3, dtype: 'float64', rng: new Rng(0) }),
      dropout,
    ]);
    expect(model.summary([4])).toContain('Dropout(keepProb 0.8)');
  });

  it('gives each layer its own keep probability in a Sequential', () => {
    const rng = new Rng(8);
    const model = new Sequential([
      new Dense({ inputs: 20, units: 400, activation: 'relu', dtype: 'float64', rng }),
      new Dropout({ keepProb: 0.5, rng: rng.split() }),
      new Dense({ inputs: 400, units: 300, activation: 'relu', dtype: 'float64', rng }),
      new Dropout({ keepProb: 0.9, rng: rng.split() }),
      new Dense({ inputs: 300, units: 3, dtype: 'float64', rng }),
    ]);
    expect(model.namedChildren().map(([name]) => name)).toEqual([
      'dense1',
      'dropout1',
      'dense2',
      'dropout2',
      'dense3',
    ]);
    const [, first, , second] = model.layers as [Dense, Dropout, Dense, Dropout, Dense];
    expect([first.keepProb, second.keepProb]).toEqual([0.5, 0.9]);
    // Each layer drops about 1 − keepProb of 100 × 400 (resp. 300) ones: within 0.02 (> 5σ).
    const dropped = (layer: Dropout, units: number): number => {
      const out = layer.forward(ones([100, units], { dtype: 'float64' }));
      return [...out.data].filter((v) => v === 0).length / out.size;
    };
    expect(Math.abs(dropped(first, 400) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(dropped(second, 300) - 0.1)).toBeLessThan(0.02);
  });

  it('is switched off for a float64 gradient check of data + L2 without editing the model', () => {
    const rng = new Rng(9);
    const model = new Sequential([
      new Dense({ inputs: 4, units: 6, activation: 'tanh', dtype: 'float64', rng }),
      new Dropout({ keepProb: 0.5, rng: rng.split() }),
      new Dense({ inputs: 6, units: 3, dtype: 'float64', rng }),
    ]);
    const inputs = randn([5, 4], { rng, dtype: 'float64' });
    const targets = tensor([0, 2, 1, 1, 0], { dtype: 'float64' });
    const parameters = Object.fromEntries(model.namedParameters().map((p) => [p.path, p.value]));
    const cost = (stochastic: boolean): number =>
      computeCost({
        model,
        loss: softmaxCrossEntropy,
        regularizers: [l2({ lambda: 0.7 })],
        inputs,
        targets,
        mode: { training: true, stochastic },
      }).cost.item();
    expect(cost(true)).not.toBe(cost(true)); // with dropout on, J changes at every pass
    const report = gradcheck(
      () =>
        computeCost({
          model,
          loss: softmaxCrossEntropy,
          regularizers: [l2({ lambda: 0.7 })],
          inputs,
          targets,
          mode: { training: true, stochastic: false },
        }).cost,
      parameters,
    );
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });

  it('is created by name from a registry', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const layer = registry.create('layer', 'dropout', { keepProb: 0.8, rng: new Rng(0) });
    expect(layer).toBeInstanceOf(Dropout);
    expect(layer.describe()).toBe('keepProb 0.8');
    expect(() => registry.create('layer', 'dropout', { keepProb: 1.5 })).toThrow(
      "layer 'dropout': option 'keepProb' must be in (0, 1], got 1.5",
    );
  });
});
