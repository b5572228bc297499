import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DTypeError,
  InvalidHyperparameterError,
  NumericError,
  ShapeError,
  StateDictError,
  Tensor,
} from '@deeptune/core';
import { adam } from '../../src/optimizers/adam.js';
import { adamw } from '../../src/optimizers/adamw.js';
import { momentum } from '../../src/optimizers/momentum.js';
import { sgd } from '../../src/optimizers/sgd.js';
import { reduceOnPlateau } from '../../src/schedules/reduce-on-plateau.js';
import { timeDecay } from '../../src/schedules/time-decay.js';
import { parameter, setGrad } from '../helpers/parameters.js';

function thrown(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe('Optimizer', () => {
  it('validates hyperparameters with InvalidHyperparameterError naming the option and value', () => {
    const error = thrown(() => adam({ beta1: 1.2 }));
    expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
    expect(error.code).toBe('INVALID_HYPERPARAMETER');
    expect(error.message).toContain('adam');
    expect(error.message).toContain("'beta1' must be in [0, 1), got 1.2");
    expect(thrown(() => adam({ beta2: -0.1 })).message).toContain("'beta2' must be in [0, 1)");
    expect(thrown(() => adam({ epsilon: 0 })).message).toContain("'epsilon' must be > 0, got 0");
    expect(thrown(() => momentum({ momentum: 1 })).code).toBe('INVALID_HYPERPARAMETER');
    expect(thrown(() => sgd({ weightDecay: -1 })).code).toBe('INVALID_HYPERPARAMETER');
    expect(thrown(() => sgd({ clipNorm: 0 })).code).toBe('INVALID_HYPERPARAMETER');
  });

  it('reports unknown options and wrong types as ConfigError', () => {
    const misspelt = thrown(() => adam({ learnignRate: 0.1 } as never));
    expect(ConfigError.isInstance(misspelt)).toBe(true);
    expect(misspelt.message).toContain("Did you mean 'learningRate'");
    expect(thrown(() => adam({ learningRate: '0.1' as never })).code).toBe('INVALID_CONFIG');
    expect(thrown(() => momentum({ form: 'keras' as never })).message).toContain("'course'");
  });

  it('applies decoupled weight decay to weights only by default (no decay on bias, γ, β)', () => {
    const weight = parameter('w', [2], 'weight');
    const bias = parameter('b', [2], 'bias');
    const scale = parameter('bn.gamma', [2], 'scale');
    const optimizer = sgd({ learningRate: 0.1, weightDecay: 0.5 }).addParameters([
      weight,
      bias,
      scale,
    ]);
    for (const p of [weight, bias, scale]) setGrad(p, [0]);
    optimizer.step();
    expect(weight.value.data[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5), 15);
    expect(bias.value.data[0]).toBe(2);
    expect(scale.value.data[0]).toBe(2);
    expect(optimizer.parameterGroups.map((g) => [g.name, g.paths])).toEqual([
      ['no-weight-decay', ['b', 'bn.gamma']],
      ['default', ['w']],
    ]);
  });

  it('supports parameter groups with per-group learning rates and hyperparameters', () => {
    const body = parameter('body.weight', [1]);
    const head = parameter('head.weight', [1]);
    const optimizer = momentum({
      learningRate: 0.1,
      groups: [
        {
          name: 'head',
          paths: [/^head\./],
          learningRate: 1,
          hyperparameters: { momentum: 0 },
        },
      ],
    }).addParameters([body, head]);
    setGrad(body, [1]);
    setGrad(head, [1]);
    optimizer.step();
    expect(body.value.data[0]).toBeCloseTo(1 - 0.1 * 0.1, 15); // v = (1 − 0.9)·1
    expect(head.value.data[0]).toBeCloseTo(0, 15); // v = 1, α = 1
    expect(optimizer.parameterGroups[0]!.hyperparameters).toMatchObject({ momentum: 0 });
    const bad = thrown(() =>
      momentum({ groups: [{ name: 'x', hyperparameters: { momentum: 2 } }] }),
    );
    expect(bad.code).toBe('INVALID_HYPERPARAMETER');
    expect(bad.message).toContain("groups[0] ('x')");
    expect(thrown(() => sgd({ groups: [{ name: 'default' }] })).code).toBe('INVALID_CONFIG');
    expect(thrown(() => sgd({ groups: [{ name: 'a', beta1: 0.9 } as never] })).message).toContain(
      "unknown field 'beta1'",
    );
  });

  it('uses a learning-rate schedule of the step number, counting from 1', () => {
    const p = parameter('w', [0]);
    const optimizer = sgd({
      learningRate: timeDecay({ initialLearningRate: 0.2, decayRate: 1 }),
    }).addParameters([p]);
    expect(optimizer.learningRate()).toBeCloseTo(0.1, 15);
    setGrad(p, [-1]);
    optimizer.step();
    expect(p.value.data[0]).toBeCloseTo(0.1, 15);
    expect(optimizer.learningRate()).toBeCloseTo(0.2 / 3, 15);
    const broken = sgd({ learningRate: () => Number.NaN }).addParameters([parameter('w', [0])]);
    expect(thrown(() => broken.step()).code).toBe('INVALID_HYPERPARAMETER');
  });

  it('clips gradients by value and by global norm', () => {
    const a = parameter('a', [0, 0]);
    const b = parameter('b', [0]);
    const byValue = sgd({ learningRate: 1, clipValue: 0.5 }).addParameters([a]);
    setGrad(a, [3, -0.2]);
    byValue.step();
    expect(Array.from(a.value.data)).toEqual([-0.5, 0.2]);

    // gradients [3, 0] and [4]: global norm 5 → scaled by 1/5
    const cParam = parameter('c2', [0, 0]);
    const clipped = sgd({ learningRate: 1, clipNorm: 1 }).addParameters([cParam, b]);
    setGrad(cParam, [3, 0]);
    setGrad(b, [4]);
    clipped.step();
    expect(cParam.value.data[0]).toBeCloseTo(-0.6, 15);
    expect(b.value.data[0]).toBeCloseTo(-0.8, 15);
    setGrad(b, [Number.POSITIVE_INFINITY]);
    expect(NumericError.isInstance(thrown(() => clipped.step()))).toBe(true);
  });

  it('checks gradients against their parameters', () => {
    const p = parameter('w', [0, 0]);
    const optimizer = sgd().addParameters([p]);
    p.value.grad = new Tensor(new Float32Array(2), [2]);
    expect(DTypeError.isInstance(thrown(() => optimizer.step()))).toBe(true);
    p.value.grad = new Tensor(new Float64Array(3), [3]);
    expect(ShapeError.isInstance(thrown(() => optimizer.step()))).toBe(true);
  });

  it('refuses a path or tensor added twice', () => {
    const p = parameter('w', [0]);
    const optimizer = sgd().addParameters([p]);
    expect(thrown(() => optimizer.addParameters([parameter('w', [1])])).message).toContain(
      "'w' is already present",
    );
    expect(thrown(() => optimizer.addParameters([{ ...p, path: 'v' }])).code).toBe(
      'INVALID_CONFIG',
    );
  });

  it('lists the parameters it updates with their very tensors, in the order added', () => {
    const w = parameter('w', [0], 'weight');
    const b = parameter('b', [0], 'bias');
    const optimizer = sgd().addParameters([w, b]);
    const held = optimizer.parameters;
    expect(held.map((p) => [p.path, p.role])).toEqual([
      ['w', 'weight'],
      ['b', 'bias'],
    ]);
    expect(held[0]!.value).toBe(w.value);
    expect(held[1]!.value).toBe(b.value);
    expect(sgd().parameters).toEqual([]);
  });

  it('zeroGrad sets every grad to null', () => {
    const p = parameter('w', [0]);
    const optimizer = sgd().addParameters([p]);
    setGrad(p, [1]);
    optimizer.zeroGrad();
    expect(p.value.grad).toBeNull();
  });

  it('keys state by path and rejects mismatched state dicts with StateDictError', () => {
    const make = () => adam().addParameters([parameter('a', [1, 2]), parameter('b', [3])]);
    const source = make();
    const saved = source.stateDict();
    expect(Object.keys(saved.parameters)).toEqual(['a', 'b']);
    const expectMismatch = (mutate: (copy: Record<string, unknown>) => void, text: string) => {
      const copy = structuredClone(saved) as unknown as Record<string, unknown>;
      mutate(copy);
      const error = thrown(() => make().loadStateDict(copy as never));
      expect(StateDictError.isInstance(error)).toBe(true);
      expect(error.code).toBe('STATE_DICT_MISMATCH');
      expect(error.message).toContain(text);
    };
    expectMismatch((c) => (c['optimizer'] = 'sgd'), "saved by optimizer 'sgd'");
    expectMismatch((c) => (c['step'] = -1), "'step' must be an integer");
    expectMismatch((c) => delete (c['parameters'] as Record<string, unknown>)['b'], 'missing: [b]');
    expectMismatch(
      (c) => ((c['parameters'] as Record<string, unknown>)['z'] = {}),
      'unexpected: [z]',
    );
    expectMismatch(
      (c) => ((c['parameters'] as Record<string, Record<string, unknown>>)['a']!['m'] = [1]),
      "state 'm' has 1 elements, expected 2",
    );
    expectMismatch(
      (c) =>
        ((c['parameters'] as Record<string, Record<string, unknown>>)['a']!['v'] = new Float32Array(
          2,
        )),
      "state 'v' is float32, expected float64",
    );
    // Nothing changed after a failed load.
    const target = make();
    const before = target.stateDict();
    thrown(() => target.loadStateDict({ ...saved, optimizer: 'sgd' }));
    expect(target.stateDict()).toEqual(before);
  });

  it('saves and restores the state of a reduce-on-plateau schedule', () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 0.1, patience: 0 });
    const optimizer = adamw({ learningRate: schedule }).addParameters([parameter('w', [1])]);
    schedule.observe(1);
    schedule.observe(2);
    expect(optimizer.learningRate()).toBeCloseTo(0.01, 15);
    const saved = optimizer.stateDict();
    expect(saved.schedules['default']).toEqual({
      learningRate: schedule.learningRate,
      best: 1,
      badEpochs: 0,
      cooldownLeft: 0,
    });
    const other = reduceOnPlateau({ initialLearningRate: 0.1, patience: 0 });
    const restored = adamw({ learningRate: other }).addParameters([parameter('w', [1])]);
    const json = JSON.stringify(saved, (_key, value: unknown) =>
      value instanceof Float64Array ? Array.from(value) : value,
    );
    restored.loadStateDict(JSON.parse(json) as typeof saved);
    expect(other.learningRate).toBe(schedule.learningRate);
  });
});
