import { describe, expect, it } from 'vitest';
import {
  Rng,
  StateDictError,
  Tensor,
  randn,
  sum,
  zeros,
  type ForwardMode,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  type Loss,
  type Model,
  type NamedParameter,
  type Regularizer,
  type StateDict,
} from '@deeptune/core';
import { checkModel } from '../src/index.js';

/**
 * A two-layer tanh network written against the core Model contract alone, with a buffer
 * that every training-mode pass changes (like batch norm's running mean) and a record of
 * the modes it was run in.
 */
class TinyNetwork implements Model {
  readonly modes: Partial<ForwardMode>[] = [];
  readonly passes = zeros([1], { dtype: 'float64' });
  readonly parameters: NamedParameter[];

  constructor(rng: Rng) {
    const f64 = { dtype: 'float64', rng } as const;
    this.parameters = [
      { path: 'dense1.weight', value: randn([3, 4], f64), role: 'weight' },
      { path: 'dense1.bias', value: randn([4], f64), role: 'bias' },
      { path: 'dense2.weight', value: randn([4, 2], f64), role: 'weight' },
      { path: 'dense2.bias', value: randn([2], f64), role: 'bias' },
    ];
    for (const p of this.parameters) p.value.requiresGrad = true;
  }

  forward(input: Tensor, mode: Partial<ForwardMode> = {}): Tensor {
    this.modes.push(mode);
    if (mode.training === true) this.passes.data[0]! += 1;
    const [w1, b1, w2, b2] = this.parameters.map((p) => p.value);
    return input.matmul(w1!).add(b1!).tanh().matmul(w2!).add(b2!);
  }

  namedParameters(): NamedParameter[] {
    return this.parameters;
  }

  stateDict(): StateDict {
    const dict: StateDict = { passes: this.passes.clone() };
    for (const p of this.parameters) dict[p.path] = p.value.clone();
    return dict;
  }

  loadStateDict(dict: Readonly<StateDict>, _options?: LoadStateDictOptions): LoadStateDictResult {
    const passes = dict['passes'];
    if (passes === undefined) throw new StateDictError('TinyNetwork: passes missing');
    this.passes.data.set(passes.data);
    for (const p of this.parameters) p.value.data.set(dict[p.path]!.data);
    return { missingKeys: [], unexpectedKeys: [] };
  }
}

const squaredError: Loss = (outputs, targets) =>
  sum(outputs.sub(targets).square()).div(outputs.shape[0]!);

/** (λ/2m)·Σ W² over weights, written here so the test needs nothing but core. */
function testL2(lambda: number): Regularizer {
  return {
    name: 'test-l2',
    lambda,
    penalty: (parameters, m) =>
      parameters
        .filter((p) => p.role === 'weight')
        .map((p) => sum(p.value.square()))
        .reduce((a, b) => a.add(b))
        .mul(lambda / (2 * m)),
  };
}

function batch(rng: Rng): { inputs: Tensor; targets: Tensor } {
  return {
    inputs: randn([5, 3], { dtype: 'float64', rng }),
    targets: randn([5, 2], { dtype: 'float64', rng }),
  };
}

describe('checkModel', () => {
  it('reports every parameter by path, below 1e-7, with the regularization term included', () => {
    const rng = new Rng(3);
    const model = new TinyNetwork(rng);
    const report = checkModel(model, squaredError, batch(rng), { regularizers: [testL2(0.7)] });
    expect(report.parameters.map((p) => p.name)).toEqual([
      'dense1.weight',
      'dense1.bias',
      'dense2.weight',
      'dense2.bias',
    ]);
    expect(report.relativeDifference).toBeLessThan(1e-7);
    expect(report.verdict).toBe('great');
  });

  it('runs the model in deterministic training mode and restores its state afterwards', () => {
    const rng = new Rng(4);
    const model = new TinyNetwork(rng);
    const before = model.stateDict();
    checkModel(model, squaredError, batch(rng));
    expect(model.modes.every((m) => m.training === true && m.stochastic === false)).toBe(true);
    expect(model.modes.length).toBeGreaterThan(2 * 26);
    expect(model.passes.item()).toBe(0);
    for (const p of model.parameters)
      expect(Array.from(p.value.data)).toEqual(Array.from(before[p.path]!.data));
  });

  it('passes sample through: a seeded handful of coordinates per parameter', () => {
    const rng = new Rng(6);
    const model = new TinyNetwork(rng);
    const data = batch(rng);
    const before = model.stateDict();
    const report = checkModel(model, squaredError, data, { sample: 3, seed: 1 });
    expect(report.parameters.map((p) => [p.name, p.checked, p.total])).toEqual([
      ['dense1.weight', 3, 12],
      ['dense1.bias', 3, 4],
      ['dense2.weight', 3, 8],
      ['dense2.bias', 2, 2],
    ]);
    expect([report.checked, report.total]).toEqual([11, 26]);
    // One pass for autograd's gradient, then two per checked coordinate.
    expect(model.modes).toHaveLength(1 + 2 * 11);
    expect(report.verdict).toBe('great');
    for (const p of model.parameters)
      expect(Array.from(p.value.data)).toEqual(Array.from(before[p.path]!.data));
    expect(checkModel(model, squaredError, data, { sample: 3, seed: 1 })).toEqual(report);
  });

  it('notices a regularizer whose gradient is missing from autograd', () => {
    const rng = new Rng(5);
    const model = new TinyNetwork(rng);
    // A penalty computed on detached weights: it changes J but contributes no gradient.
    const detached: Regularizer = {
      name: 'broken-l2',
      lambda: 1,
      penalty: (parameters, m) =>
        new Tensor(
          Float64Array.of(
            parameters
              .filter((p) => p.role === 'weight')
              .reduce((s, p) => s + sum(p.value.detach().square()).item(), 0) /
              (2 * m),
          ),
          [],
        ),
    };
    const report = checkModel(model, squaredError, batch(rng), { regularizers: [detached] });
    expect(report.verdict).not.toBe('great');
    expect(report.worst.name).toMatch(/weight$/);
  });
});
