import { ConfigError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../src/space/distribution.js';
import { hp } from '../../src/space/hp.js';
import {
  isActive,
  sampleSpace,
  searchSpace,
  type SpaceDefinitionEntry,
} from '../../src/space/search-space.js';
import { fromUnit } from '../../src/space/unit-interval.js';

function messageOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('searchSpace', () => {
  it('keeps the declaration order, distributions and conditions', () => {
    const space = searchSpace({
      learningRate: hp.log(1e-4, 1),
      optimizer: hp.choice(['adam', 'momentum']),
      beta: { distribution: hp.oneMinusLog(0.9, 0.999), when: { optimizer: 'momentum' } },
      hiddenUnits: { distribution: hp.int(32, 256) },
    });
    expect(space.entries.map((entry) => entry.name)).toEqual([
      'learningRate',
      'optimizer',
      'beta',
      'hiddenUnits',
    ]);
    expect(space.entries[2]!.when).toEqual({ optimizer: 'momentum' });
    expect(space.entries[3]!.when).toBeUndefined();
    expect(space.entries[3]!.distribution).toEqual({ scale: 'int', low: 32, high: 256 });
    expect(Object.isFrozen(space.entries)).toBe(true);
  });

  it('rejects a condition on an undeclared or later key', () => {
    expect(
      messageOf(() =>
        searchSpace({
          beta: { distribution: hp.uniform(0, 1), when: { optimizer: 'adam' } },
          optimizer: hp.choice(['adam', 'sgd']),
        }),
      ),
    ).toBe(
      "search space key 'beta': its condition names 'optimizer', which is not declared before it",
    );
    expect(
      messageOf(() =>
        searchSpace({
          learningRate: hp.log(1e-4, 1),
          beta: { distribution: hp.uniform(0, 1), when: { optimiser: 'adam' } },
        }),
      ),
    ).toBe(
      "search space key 'beta': its condition names 'optimiser', which is not declared before it (declared before: learningRate)",
    );
  });

  it('rejects a condition that can never hold', () => {
    expect(
      messageOf(() =>
        searchSpace({
          optimizer: hp.choice(['adam', 'sgd']),
          beta1: { distribution: hp.uniform(0, 1), when: { optimizer: ['adam', 'rmsprop'] } },
        }),
      ),
    ).toBe(
      'search space key \'beta1\': condition \'optimizer\' = "rmsprop" can never hold: \'optimizer\' is choice(["adam", "sgd"])',
    );
    expect(
      messageOf(() =>
        searchSpace({
          layers: hp.int(1, 3),
          extra: { distribution: hp.uniform(0, 1), when: { layers: 7 } },
        }),
      ),
    ).toBe(
      "search space key 'extra': condition 'layers' = 7 can never hold: 'layers' is int(1, 3)",
    );
  });

  it('rejects a malformed condition, a bad distribution and an empty space', () => {
    expect(
      messageOf(() =>
        searchSpace({
          optimizer: hp.choice(['adam', 'sgd']),
          beta1: {
            distribution: hp.uniform(0, 1),
            when: 'adam',
          } as unknown as SpaceDefinitionEntry,
        }),
      ),
    ).toBe(
      "search space key 'beta1': 'when' must map earlier hyperparameters to values, e.g. { optimizer: 'adam' }, got 'adam'",
    );
    expect(
      messageOf(() =>
        searchSpace({
          optimizer: hp.choice(['adam', 'sgd']),
          beta1: { distribution: hp.uniform(0, 1), when: { optimizer: [] } },
        }),
      ),
    ).toBe(
      "search space key 'beta1': condition 'optimizer' must be a value or a non-empty list of values, got []",
    );
    expect(messageOf(() => searchSpace({ lr: { scale: 'log', low: 0, high: 1 } }))).toBe(
      "search space key 'lr': log(0, 1): a log scale needs a lower bound > 0, got 0",
    );
    expect(messageOf(() => searchSpace({}))).toBe(
      'searchSpace: the search space declares no hyperparameter',
    );
  });
});

describe('isActive and sampleSpace', () => {
  const space = searchSpace({
    optimizer: hp.choice(['adam', 'momentum', 'sgd']),
    beta1: { distribution: hp.oneMinusLog(0.8, 0.99), when: { optimizer: 'adam' } },
    beta: { distribution: hp.oneMinusLog(0.9, 0.999), when: { optimizer: ['adam', 'momentum'] } },
    amsgrad: { distribution: hp.choice([true, false]), when: { optimizer: 'adam' } },
    eps: { distribution: hp.log(1e-9, 1e-6), when: { amsgrad: true } },
    learningRate: hp.log(1e-4, 1),
  });

  it('isActive compares with one value or a list, and is false while a parent is missing', () => {
    const [, beta1, beta, , eps] = space.entries;
    expect(isActive(beta1!, { optimizer: 'adam' })).toBe(true);
    expect(isActive(beta1!, { optimizer: 'sgd' })).toBe(false);
    expect(isActive(beta!, { optimizer: 'momentum' })).toBe(true);
    expect(isActive(beta!, { optimizer: 'sgd' })).toBe(false);
    expect(isActive(eps!, { optimizer: 'sgd' })).toBe(false);
    expect(isActive(space.entries[5]!, {})).toBe(true);
  });

  it('sampleSpace samples in order and skips inactive entries (and their dependants)', () => {
    const run = (optimizerIndex: number, amsgrad: boolean): Record<string, ParamValue> => {
      const asked: string[] = [];
      const values = sampleSpace(space, (name, distribution) => {
        asked.push(name);
        if (name === 'optimizer') return fromUnit(distribution, (optimizerIndex + 0.5) / 3);
        if (name === 'amsgrad') return amsgrad;
        return fromUnit(distribution, 0.5);
      });
      expect(asked).toEqual(Object.keys(values));
      return values;
    };
    const sgd = run(2, true);
    expect(Object.keys(sgd)).toEqual(['optimizer', 'learningRate']);
    expect(sgd.optimizer).toBe('sgd');
    expect(sgd.learningRate).toBeCloseTo(0.01, 15);
    expect(Object.keys(run(1, true))).toEqual(['optimizer', 'beta', 'learningRate']);
    expect(Object.keys(run(0, false))).toEqual([
      'optimizer',
      'beta1',
      'beta',
      'amsgrad',
      'learningRate',
    ]);
    const adam = run(0, true);
    expect(Object.keys(adam)).toEqual([
      'optimizer',
      'beta1',
      'beta',
      'amsgrad',
      'eps',
      'learningRate',
    ]);
    expect(adam.eps).toBeCloseTo(10 ** -7.5, 20);
  });
});
