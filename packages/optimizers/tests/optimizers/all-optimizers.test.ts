import { describe, expect, it } from 'vitest';
import { DTYPES, InvalidHyperparameterError, Rng, randn } from '@deeptune/core';
import type { DType, NamedParameter } from '@deeptune/core';
import lionPlugin from '../../examples/lion.js';
import { adamPlugin } from '../../src/optimizers/adam.js';
import { adamwPlugin } from '../../src/optimizers/adamw.js';
import { momentumPlugin } from '../../src/optimizers/momentum.js';
import { rmspropPlugin } from '../../src/optimizers/rmsprop.js';
import { sgdPlugin } from '../../src/optimizers/sgd.js';
import type { OptimizerPlugin } from '../../src/optimizer/define-optimizer.js';
import type { Optimizer } from '../../src/optimizer/optimizer.js';
import type { OptimizerStateDict } from '../../src/optimizer/optimizer-state-dict.js';
import { parameter, setGrad } from '../helpers/parameters.js';

const OPTIMIZERS: readonly (readonly [string, OptimizerPlugin, Record<string, unknown>])[] = [
  ['sgd', sgdPlugin as unknown as OptimizerPlugin, {}],
  ['momentum', momentumPlugin as unknown as OptimizerPlugin, {}],
  [
    'momentum pytorch nesterov',
    momentumPlugin as unknown as OptimizerPlugin,
    { form: 'pytorch', nesterov: true },
  ],
  ['rmsprop', rmspropPlugin as unknown as OptimizerPlugin, {}],
  ['adam', adamPlugin as unknown as OptimizerPlugin, {}],
  ['adamw', adamwPlugin as unknown as OptimizerPlugin, {}],
  ['acme:lion', lionPlugin as unknown as OptimizerPlugin, {}],
];

const TABLE = OPTIMIZERS.flatMap(([label, entry, options]) =>
  DTYPES.map((dtype) => [label, dtype, entry, options] as const),
);

function model(dtype: DType, seed: number): NamedParameter[] {
  const rng = new Rng(seed);
  return [
    parameter(
      'layer.weight',
      Array.from(randn([3, 4], { rng, dtype: 'float64' }).data),
      'weight',
      dtype,
      [3, 4],
    ),
    parameter('layer.bias', Array.from(randn([4], { rng, dtype: 'float64' }).data), 'bias', dtype),
  ];
}

/** Deterministic pseudo-gradients for step k. */
function gradientsAt(parameters: NamedParameter[], k: number): void {
  for (const [j, param] of parameters.entries()) {
    setGrad(
      param,
      Array.from({ length: param.value.size }, (_, i) => Math.sin(1.3 * k + 0.7 * i + j) * (1 + i)),
    );
  }
}

function train(optimizer: Optimizer, parameters: NamedParameter[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    gradientsAt(parameters, k);
    optimizer.step();
  }
}

/** JSON round trip with typed arrays written as plain arrays. */
function viaJson(state: OptimizerStateDict): OptimizerStateDict {
  const text = JSON.stringify(state, (_key, value: unknown) =>
    value instanceof Float32Array || value instanceof Float64Array ? Array.from(value) : value,
  );
  return JSON.parse(text) as OptimizerStateDict;
}

describe('every optimizer', () => {
  it.each(TABLE)(
    '%s keeps %s parameters, gradients and state in their dtype',
    (_, dtype, entry, options) => {
      const parameters = model(dtype, 1);
      const optimizer = entry.create({ learningRate: 0.01, ...options }).addParameters(parameters);
      train(optimizer, parameters, 0, 3);
      for (const param of parameters) {
        expect(param.value.dtype).toBe(dtype);
        expect(param.value.data).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
        expect(param.value.data.every(Number.isFinite)).toBe(true);
      }
      for (const state of Object.values(optimizer.stateDict().parameters)) {
        for (const value of Object.values(state)) {
          if (typeof value !== 'number') {
            expect(value).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
          }
        }
      }
    },
  );

  it.each(TABLE)(
    '%s (%s) resumes bit-identically from a state saved mid-training',
    (_, dtype, entry, options) => {
      const reference = model(dtype, 2);
      const uninterrupted = entry
        .create({ learningRate: 0.01, ...options })
        .addParameters(reference);
      train(uninterrupted, reference, 0, 10);

      const first = model(dtype, 2);
      const before = entry.create({ learningRate: 0.01, ...options }).addParameters(first);
      train(before, first, 0, 4);
      const saved = viaJson(before.stateDict());
      const weights = first.map((param) => Array.from(param.value.data));

      const resumed = model(dtype, 99);
      resumed.forEach((param, i) => param.value.data.set(weights[i]!));
      const after = entry.create({ learningRate: 0.01, ...options }).addParameters(resumed);
      after.loadStateDict(saved);
      expect(after.stepCount).toBe(4);
      train(after, resumed, 4, 10);

      resumed.forEach((param, i) => {
        expect(param.value.data).toEqual(reference[i]!.value.data);
        expect(
          Buffer.from(param.value.data.buffer).equals(Buffer.from(reference[i]!.value.data.buffer)),
        ).toBe(true);
      });
    },
  );

  it.each(OPTIMIZERS)(
    '%s rejects a learning rate <= 0 with InvalidHyperparameterError',
    (_, entry, options) => {
      for (const learningRate of [0, -1, Number.NaN]) {
        let error: unknown;
        try {
          entry.create({ ...options, learningRate });
        } catch (caught) {
          error = caught;
        }
        expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
        expect((error as Error).message).toContain('learningRate');
        expect((error as Error).message).toContain(`got ${String(learningRate)}`);
      }
    },
  );

  it.each(OPTIMIZERS)('%s skips parameters whose grad is null', (_, entry, options) => {
    const parameters = model('float64', 3);
    const optimizer = entry.create({ learningRate: 0.01, ...options }).addParameters(parameters);
    const bias = Array.from(parameters[1]!.value.data);
    gradientsAt(parameters, 0);
    parameters[1]!.value.grad = null;
    optimizer.step();
    expect(Array.from(parameters[1]!.value.data)).toEqual(bias);
  });
});
