import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  DTypeError,
  Rng,
  ShapeError,
  getBackend,
  randn,
  setBackend,
  tensor,
  zeros,
  type DType,
  type Initializer,
  type Storage,
} from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { Dense } from '../../src/layers/dense.js';
import { Sequential } from '../../src/module/sequential.js';
import { ACTIVATION_NAMES } from '../../src/activations/activation-name.js';
import { heNormal } from '../../src/initializers/he.js';
import { xavierNormal } from '../../src/initializers/xavier.js';
import { glorotUniform } from '../../src/initializers/glorot.js';
import { meanSquaredError } from '../../src/losses/mean-squared-error.js';

/** W = [[1, 0], [0, 1], [1, −1]] whatever the context's dtype. */
const fixedWeights: Initializer = (_shape, { dtype }) =>
  tensor(
    [
      [1, 0],
      [0, 1],
      [1, -1],
    ],
    { dtype },
  );

function handLayer(activation: 'linear' | 'relu'): Dense {
  const dense = new Dense({
    inputs: 3,
    units: 2,
    activation,
    initializer: fixedWeights,
    dtype: 'float64',
  });
  dense.bias!.data.set([0.5, -1]);
  return dense;
}

function sampleVariance(data: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i]!;
  mean /= data.length;
  let squares = 0;
  for (let i = 0; i < data.length; i++) squares += (data[i]! - mean) ** 2;
  return squares / (data.length - 1);
}

describe('Dense', () => {
  it('computes X·W + b on a hand-worked 2×3 batch', () => {
    // X·W = [[1+3, 2−3], [4+6, 5−6]] = [[4, −1], [10, −1]]; + b = [[4.5, −2], [10.5, −2]]
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float64' },
    );
    assertTensorClose(handLayer('linear').forward(x), [
      [4.5, -2],
      [10.5, -2],
    ]);
    assertTensorClose(handLayer('relu').forward(x), [
      [4.5, 0],
      [10.5, 0],
    ]);
  });

  it('registers weight and bias with their roles, and no bias with useBias: false', () => {
    const dense = new Dense({ inputs: 3, units: 2 });
    expect(dense.namedParameters().map((p) => `${p.path}:${p.role}`)).toEqual([
      'weight:weight',
      'bias:bias',
    ]);
    expect(dense.weight.shape).toEqual([3, 2]);
    expect(Array.from(dense.bias!.data)).toEqual([0, 0]);
    const noBias = new Dense({ inputs: 3, units: 2, useBias: false });
    expect(noBias.bias).toBeNull();
    expect(noBias.namedParameters().map((p) => p.path)).toEqual(['weight']);
    expect(noBias.parameterCount()).toBe(6);
  });

  it('describes itself for summary(), including a missing bias', () => {
    const model = new Sequential([
      new Dense({ inputs: 784, units: 128, activation: 'relu', useBias: false }),
      new Dense({ inputs: 128, units: 10 }),
    ]);
    const text = model.summary([784]);
    expect(text).toMatch(/dense1\s+Dense\(784 → 128, relu, no bias\)\s+\[-1, 128\]\s+100352/);
    expect(text).toContain('Dense(128 → 10, linear)');
    expect(text).toContain('total parameters: 101642');
  });

  it('uses He normal for the ReLU family and the course Xavier otherwise', () => {
    for (const activation of ['relu', 'leaky-relu'] as const) {
      const dense = new Dense({ inputs: 20, units: 7, activation, rng: new Rng(3) });
      const expected = heNormal([20, 7], {
        dtype: 'float32',
        rng: new Rng(3),
        fanIn: 20,
        fanOut: 7,
      });
      expect(Array.from(dense.weight.data)).toEqual(Array.from(expected.data));
    }
    for (const activation of ['tanh', 'sigmoid', 'softmax', 'linear'] as const) {
      const dense = new Dense({ inputs: 20, units: 7, activation, rng: new Rng(3) });
      const expected = xavierNormal([20, 7], {
        dtype: 'float32',
        rng: new Rng(3),
        fanIn: 20,
        fanOut: 7,
      });
      expect(Array.from(dense.weight.data)).toEqual(Array.from(expected.data));
    }
    // And the variances are the documented ones (≈ 120 000 samples, standard error 0.4 %).
    const relu = new Dense({ inputs: 400, units: 300, activation: 'relu', rng: new Rng(1) });
    expect(sampleVariance(relu.weight.data) / (2 / 400)).toBeCloseTo(1, 1);
    const tanh = new Dense({ inputs: 400, units: 300, activation: 'tanh', rng: new Rng(1) });
    expect(sampleVariance(tanh.weight.data) / (1 / 400)).toBeCloseTo(1, 1);
  });

  it('accepts an initializer by name or as a function, with the layer sizes as fans', () => {
    const byName = new Dense({
      inputs: 5,
      units: 4,
      initializer: 'glorot-uniform',
      rng: new Rng(2),
    });
    const direct = glorotUniform([5, 4], {
      dtype: 'float32',
      rng: new Rng(2),
      fanIn: 5,
      fanOut: 4,
    });
    expect(Array.from(byName.weight.data)).toEqual(Array.from(direct.data));
    const seen: unknown[] = [];
    new Dense({
      inputs: 5,
      units: 4,
      dtype: 'float64',
      initializer: (shape, context) => {
        seen.push(shape, context.fanIn, context.fanOut, context.dtype);
        return zeros(shape, { dtype: context.dtype });
      },
    });
    expect(seen).toEqual([[5, 4], 5, 4, 'float64']);
  });

  it("keeps its weight and bias in the backend's state storage, holding the initializer's values", () => {
    // A backend whose allocateState records what it hands out (the wasm backend places these
    // arrays in its own memory, where its kernels read them without copies).
    const allocated = new Set<Storage>();
    const previous = getBackend();
    setBackend({
      name: 'recording',
      kernels: {},
      allocateState(dtype: DType, size: number): Storage {
        const array = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
        allocated.add(array);
        return array;
      },
    });
    try {
      const initial = randn([5, 4], { rng: new Rng(4) });
      const layer = new Dense({ inputs: 5, units: 4, initializer: () => initial });
      expect(allocated.has(layer.weight.data)).toBe(true);
      expect(allocated.has(layer.bias!.data)).toBe(true);
      // A copy: the initializer's tensor is not the parameter, and training it leaves that alone.
      expect(layer.weight).not.toBe(initial);
      expect(Array.from(layer.weight.data)).toEqual(Array.from(initial.data));
      expect(layer.weight.requiresGrad).toBe(true);
      expect(layer.weight.isLeaf).toBe(true);
      expect(Array.from(layer.bias!.data)).toEqual([0, 0, 0, 0]);
    } finally {
      setBackend(previous);
    }
  });

  it('is reproducible from a seeded generator', () => {
    const a = new Dense({ inputs: 6, units: 3, rng: new Rng(9) });
    const b = new Dense({ inputs: 6, units: 3, rng: new Rng(9) });
    const c = new Dense({ inputs: 6, units: 3, rng: new Rng(10) });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
    expect(Array.from(a.weight.data)).not.toEqual(Array.from(c.weight.data));
  });

  it('rejects invalid options with the dense plugin schema’s messages, suggesting the closest name', () => {
    const attempt = (options: unknown) => () =>
      new Dense(options as ConstructorParameters<typeof Dense>[0]);
    expect(attempt({ inputs: 3, units: 0 })).toThrow(InvalidHyperparameterError);
    expect(attempt({ inputs: 3, units: 0 })).toThrow(
      "layer 'dense': option 'units' must be an integer >= 1, got 0",
    );
    expect(attempt({ inputs: 2.5, units: 3 })).toThrow(/option 'inputs' must be an integer >= 1/);
    expect(attempt({ units: 3 })).toThrow(/option 'inputs' is required/);
    expect(attempt({ inputs: 3, units: 2, activation: 'rleu' })).toThrow(/Did you mean 'relu'\?/);
    expect(attempt({ inputs: 3, units: 2, activaton: 'relu' })).toThrow(
      /unknown option 'activaton'\. Did you mean 'activation'\?/,
    );
    expect(attempt({ inputs: 3, units: 2, initializer: 'he-normla' })).toThrow(
      "layer 'dense': option 'initializer' must be an Initializer function or one of 'he-normal', 'he-uniform', 'xavier-normal', 'xavier-uniform', 'glorot-normal', 'glorot-uniform', 'lecun-normal', 'lecun-uniform', 'zeros', got 'he-normla' (a string)",
    );
    expect(attempt({ inputs: 3, units: 2, dtype: 'int32' })).toThrow(/option 'dtype'/);
    expect(attempt({ inputs: 3, units: 2, rng: 42 })).toThrow(/option 'rng' must be an Rng/);
    expect(attempt({ inputs: 3, units: -1 })).toThrow(InvalidHyperparameterError);
    expect(attempt({ inputs: 3, units: 2, activation: 'rleu' })).toThrow(ConfigError);
  });

  it('rejects an initializer that returns the wrong shape or dtype', () => {
    expect(
      () =>
        new Dense({
          inputs: 3,
          units: 2,
          initializer: (_shape, { dtype }) => zeros([2, 3], { dtype }),
        }),
    ).toThrow(/the initializer returned shape \[2, 3\], expected \[3, 2\]/);
    expect(
      () =>
        new Dense({
          inputs: 3,
          units: 2,
          initializer: (shape) => zeros(shape, { dtype: 'float64' }),
        }),
    ).toThrow(DTypeError);
  });

  it('says which layer got which input shape', () => {
    const dense = new Dense({ inputs: 784, units: 128, activation: 'relu' });
    let caught: unknown;
    try {
      dense.forward(zeros([32, 100]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    expect((caught as ShapeError).code).toBe('SHAPE_MISMATCH');
    expect((caught as ShapeError).message).toContain(
      'Dense (784 → 128, relu): expected input [m, 784], got [32, 100]',
    );
    expect(() => dense.forward(zeros([32, 28, 28]))).toThrow(/flatten each example/);
    expect(() => dense.forward(zeros([2, 784], { dtype: 'float64' }))).toThrow(DTypeError);
  });

  it.each(ACTIVATION_NAMES)('has gradients that pass gradcheck with %s', (activation) => {
    const rng = new Rng(11);
    const dense = new Dense({ inputs: 4, units: 3, activation, dtype: 'float64', rng });
    dense.bias!.data.set([0.1, -0.2, 0.3]);
    const x = randn([5, 4], { dtype: 'float64', rng });
    // Keep away from the ReLU kink: every pre-activation is at least 1e-3 from 0.
    const z = x.matmul(dense.weight).add(dense.bias!);
    expect(Math.min(...Array.from(z.data, Math.abs))).toBeGreaterThan(1e-3);
    const targets = randn([5, 3], { dtype: 'float64', rng });
    const f =
      activation === 'softmax'
        ? () => meanSquaredError(dense.forward(x), targets)
        : () => dense.forward(x);
    const report = gradcheck(f, { weight: dense.weight, bias: dense.bias!, x });
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });
});
