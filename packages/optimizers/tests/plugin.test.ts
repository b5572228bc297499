import { describe, expect, it } from 'vitest';
import { createRegistry, option, zerosLike } from '@deeptune/core';
import lionPlugin from '../examples/lion.js';
import { plugin, register } from '../src/plugin.js';
import { defineOptimizer } from '../src/optimizer/define-optimizer.js';
import { Optimizer } from '../src/optimizer/optimizer.js';
import { adam } from '../src/optimizers/adam.js';
import { parameter, setGrad } from './helpers/parameters.js';

describe('plugin', () => {
  it('registers every optimizer and schedule by kind in a fresh registry', () => {
    const registry = createRegistry();
    register(registry);
    expect(plugin.name).toBe('@deeptune/optimizers');
    expect(registry.names('optimizer')).toEqual(['adam', 'adamw', 'momentum', 'rmsprop', 'sgd']);
    expect(registry.names('schedule')).toEqual([
      'exponential-decay',
      'manual',
      'reduce-on-plateau',
      'square-root-decay',
      'staircase-decay',
      'time-decay',
      'warmup-cosine',
    ]);
  });

  it('creates the same optimizer by name as the direct factory', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const byName = registry.create('optimizer', 'adam', { learningRate: 0.1 });
    expect(byName).toBeInstanceOf(Optimizer);
    const a = parameter('w', [1, -2]);
    const b = parameter('w', [1, -2]);
    byName.addParameters([a]);
    const direct = adam({ learningRate: 0.1 }).addParameters([b]);
    setGrad(a, [0.3, 0.4]);
    setGrad(b, [0.3, 0.4]);
    byName.step();
    direct.step();
    expect(a.value.data).toEqual(b.value.data);
    expect(() => registry.create('optimizer', 'adam', { beta1: 1.2 })).toThrow(
      "option 'beta1' must be in [0, 1), got 1.2",
    );
    // @ts-expect-error the learning rate is a number or a schedule, never a string
    expect(() => registry.create('optimizer', 'adam', { learningRate: 'x' })).toThrow();
  });

  it('creates schedules by name and uses them as learning rates', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const schedule = registry.create('schedule', 'time-decay', {
      initialLearningRate: 0.2,
      decayRate: 1,
    });
    expect(schedule(1)).toBeCloseTo(0.1, 15);
    const optimizer = registry.create('optimizer', 'sgd', { learningRate: schedule });
    expect(optimizer.learningRate()).toBeCloseTo(0.1, 15);
  });
});

describe('a custom optimizer plugin (examples/lion.ts)', () => {
  it('is registered into a fresh registry and selected by name', () => {
    const registry = createRegistry({ plugins: [plugin] });
    registry.register(lionPlugin);
    expect(registry.names('optimizer')).toContain('acme:lion');
    const p = parameter('w', [1, 1, 1]);
    const optimizer = registry
      .create('optimizer', 'acme:lion', { learningRate: 0.1, beta1: 0.5 })
      .addParameters([p]);
    // c = (1 − β₁)·dW; W −= α·sign(c); m = (1 − β₂)·dW
    setGrad(p, [2, -3, 0]);
    optimizer.step();
    expect(Array.from(p.value.data)).toEqual([0.9, 1.1, 1]);
    const m = optimizer.stateDict().parameters['w']!['m'] as Float64Array;
    [2, -3, 0].forEach((g, i) => expect(m[i]).toBeCloseTo((1 - 0.99) * g, 15));
    expect(() => registry.create('optimizer', 'acme:lion', { beta2: 1 })).toThrow(
      "option 'beta2' must be in [0, 1), got 1",
    );
  });

  it('gets clipping, weight decay and groups from the framework', () => {
    const p = parameter('w', [1]);
    const optimizer = lionPlugin.create({ learningRate: 0.1, weightDecay: 1 }).addParameters([p]);
    setGrad(p, [5]);
    optimizer.step();
    expect(p.value.data[0]).toBeCloseTo(1 * (1 - 0.1) - 0.1, 15);
  });

  it('refuses framework option names as hyperparameters', () => {
    expect(() =>
      defineOptimizer({
        name: 'acme:bad',
        description: 'Bad.',
        defaults: { learningRate: 0.1 },
        hyperparameters: { learningRate: option.number({ default: 1 }) },
        init: (param) => ({ m: zerosLike(param).data }),
        update: () => undefined,
      }),
    ).toThrow("hyperparameter 'learningRate' is a framework option");
  });
});
