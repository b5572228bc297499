import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError } from '@deeptune/core';
import { adam } from '../../src/optimizers/adam.js';
import { adamw } from '../../src/optimizers/adamw.js';
import { sgd } from '../../src/optimizers/sgd.js';
import { timeDecay } from '../../src/schedules/time-decay.js';
import { chain } from '../../src/transforms/chain.js';
import { clipByGlobalNorm } from '../../src/transforms/clip-by-global-norm.js';
import { clipByValue } from '../../src/transforms/clip-by-value.js';
import { decoupledWeightDecay } from '../../src/transforms/decoupled-weight-decay.js';
import type { GradientTransform } from '../../src/transforms/gradient-transform.js';
import { perParameter } from '../../src/transforms/per-parameter.js';
import { scheduleLearningRate } from '../../src/transforms/schedule-learning-rate.js';
import { parameter, setGrad } from '../helpers/parameters.js';

function thrown(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

const names = (transforms: readonly GradientTransform[]): string[] =>
  transforms.map((transform) => transform.name);

describe('Optimizer.transforms', () => {
  it('is the default chain: learning rate, clipping (when asked for), weight decay, the rule', () => {
    expect(names(adam().transforms)).toEqual(['learning-rate', 'weight-decay', 'adam']);
    expect(names(adamw({ clipValue: 1, clipNorm: 2 }).transforms)).toEqual([
      'learning-rate',
      'clip-by-value',
      'clip-by-global-norm',
      'weight-decay',
      'adamw',
    ]);
  });

  it('keeps the state dict of a default chain as it was (no transforms entry)', () => {
    const optimizer = adam({ clipNorm: 1 }).addParameters([parameter('w', [1])]);
    expect(optimizer.stateDict()).not.toHaveProperty('transforms');
  });
});

describe('Optimizer.withTransforms', () => {
  it('reorders the pieces: weight decay after the rule gives (W − α·dW)·(1 − α·λ)', () => {
    const before = parameter('w', [2]);
    const after = parameter('w', [2]);
    const options = { learningRate: 0.1, weightDecay: 0.5 };
    const a = sgd(options).addParameters([before]);
    const b = sgd(options)
      .withTransforms(([learningRate, weightDecay, rule]) => [learningRate!, rule!, weightDecay!])
      .addParameters([after]);
    setGrad(before, [1]);
    setGrad(after, [1]);
    a.step();
    b.step();
    expect(before.value.data[0]).toBe(2 * (1 - 0.1 * 0.5) - 0.1 * 1); // 1.8
    expect(after.value.data[0]).toBe((2 - 0.1 * 1) * (1 - 0.1 * 0.5)); // 1.805
  });

  it('replaces the rule with a transform of your own (sign descent)', () => {
    const p = parameter('w', [1, 1, 1]);
    const signDescent = perParameter({
      name: 'sign-descent',
      update: ({ param, grad, hp }) => {
        for (let i = 0; i < param.length; i++)
          param[i] = param[i]! - hp.learningRate * Math.sign(grad[i]!);
      },
    });
    const optimizer = sgd({ learningRate: 0.25 })
      .withTransforms((current) => [...current.slice(0, -1), signDescent])
      .addParameters([p]);
    setGrad(p, [3, -0.01, 0]);
    optimizer.step();
    expect(Array.from(p.value.data)).toEqual([0.75, 1.25, 1]);
    // The rule 'sgd' is gone, so its (empty) state is too; parameters stay keyed by path.
    expect(optimizer.stateDict().parameters).toEqual({ w: {} });
  });

  it('clips by value after clipping by norm when placed there', () => {
    const p = parameter('w', [0, 0]);
    const optimizer = sgd({ learningRate: 1 })
      .withTransforms(
        chain(
          scheduleLearningRate(),
          clipByGlobalNorm(5),
          clipByValue(2),
          decoupledWeightDecay(),
          sgd().transforms[2]!,
        ),
      )
      .addParameters([p]);
    setGrad(p, [30, 40]); // norm 50 → [3, 4] → clipped to [2, 2]
    optimizer.step();
    expect(Array.from(p.value.data)).toEqual([-2, -2]);
  });

  it('hands each transform the states of the parameters that have a gradient, in order', () => {
    const seen: string[] = [];
    const statelessStates: unknown[][] = [];
    const stateless: GradientTransform = {
      name: 'stateless',
      update: ({ parameters }, states) => {
        expect(states).toHaveLength(parameters.length);
        statelessStates.push([...states]);
      },
    };
    const counter: GradientTransform<{ updates: number }> = {
      name: 'count-updates',
      init: () => ({ updates: 0 }),
      update: ({ parameters }, states) => {
        for (let k = 0; k < parameters.length; k++) {
          states[k]!.updates += 1;
          seen.push(parameters[k]!.path);
        }
      },
    };
    const [a, b, c] = [parameter('a', [0]), parameter('b', [0]), parameter('c', [0])];
    const optimizer = sgd()
      .withTransforms((current) => [...current, stateless, counter])
      .addParameters([a, b, c]);
    setGrad(a, [1]);
    setGrad(c, [1]);
    optimizer.step(); // b sits out
    setGrad(b, [1]);
    optimizer.step();
    expect(seen).toEqual(['a', 'c', 'a', 'b', 'c']);
    expect(statelessStates).toEqual([
      [{}, {}],
      [{}, {}, {}],
    ]);
    const counts = optimizer.stateDict().transforms!['count-updates']!;
    expect([counts['a']!['updates'], counts['b']!['updates'], counts['c']!['updates']]).toEqual([
      2, 1, 2,
    ]);
  });

  it('refuses to change the chain once parameters are added', () => {
    const optimizer = sgd().addParameters([parameter('w', [0])]);
    const error = thrown(() => optimizer.withTransforms((current) => current));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain('withTransforms');
    expect(error.message).toContain('before addParameters');
  });

  it('refuses a scheduled learning rate without the learning-rate transform', () => {
    const scheduled = sgd({ learningRate: timeDecay({ initialLearningRate: 0.1 }) });
    const error = thrown(() => scheduled.withTransforms((current) => current.slice(1)));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain("group 'no-weight-decay' has a learning-rate schedule");
    // A constant learning rate needs no transform to supply it.
    expect(names(sgd().withTransforms((current) => current.slice(1)).transforms)).toEqual([
      'weight-decay',
      'sgd',
    ]);
  });

  it('checks what a transform init returns, naming the transform and the path', () => {
    const bad: GradientTransform = {
      name: 'float32-buffer',
      init: () => ({ buffer: new Float32Array(1) }),
      update: () => undefined,
    };
    const optimizer = sgd().withTransforms((current) => [...current, bad]);
    const error = thrown(() => optimizer.addParameters([parameter('w', [0])]));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain("transform 'float32-buffer': init('w')");
    expect(error.message).toContain('Float64Array');
  });
});

describe('chain', () => {
  it('flattens chains and keeps the order', () => {
    const inner = chain(clipByValue(1), clipByGlobalNorm(1));
    expect(names(chain(scheduleLearningRate(), inner, decoupledWeightDecay()))).toEqual([
      'learning-rate',
      'clip-by-value',
      'clip-by-global-norm',
      'weight-decay',
    ]);
  });

  it('refuses duplicate names and things that are not transforms', () => {
    const duplicate = thrown(() => chain(clipByValue(1), clipByValue(2)));
    expect(ConfigError.isInstance(duplicate)).toBe(true);
    expect(duplicate.message).toContain("two transforms are named 'clip-by-value'");
    const notATransform = thrown(() => chain({ name: 'x' } as never));
    expect(notATransform.message).toContain('part 0 must be a transform');
  });
});

describe('transform factories', () => {
  it.each([
    ['clipByValue', () => clipByValue(0), 'clipByValue: limit must be a finite number > 0, got 0'],
    [
      'clipByGlobalNorm',
      () => clipByGlobalNorm(Number.POSITIVE_INFINITY),
      'clipByGlobalNorm: maxNorm must be a finite number > 0, got Infinity',
    ],
  ])('%s rejects a limit that is not a finite number > 0', (_, make, message) => {
    const error = thrown(make);
    expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  it('perParameter refuses a missing update', () => {
    expect(thrown(() => perParameter({ name: 'x' } as never)).code).toBe('INVALID_CONFIG');
  });
});
