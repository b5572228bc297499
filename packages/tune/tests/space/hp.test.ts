import { ConfigError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { SCALES } from '../../src/space/distribution.js';
import { checkDistribution, formatDistribution, hp } from '../../src/space/hp.js';

describe('hp builders', () => {
  it('build frozen distributions', () => {
    const lr = hp.log(1e-4, 1);
    expect(lr).toEqual({ scale: 'log', low: 1e-4, high: 1 });
    expect(Object.isFrozen(lr)).toBe(true);
    expect(hp.uniform(0.5, 1)).toEqual({ scale: 'uniform', low: 0.5, high: 1 });
    expect(hp.int(32, 256)).toEqual({ scale: 'int', low: 32, high: 256 });
    expect(hp.int(3, 3)).toEqual({ scale: 'int', low: 3, high: 3 });
    expect(hp.oneMinusLog(0.9, 0.999)).toEqual({ scale: 'oneMinusLog', low: 0.9, high: 0.999 });
    const choice = hp.choice(['adam', 'momentum', 1, true]);
    expect(choice).toEqual({ scale: 'choice', values: ['adam', 'momentum', 1, true] });
    expect(Object.isFrozen(choice.scale === 'choice' ? choice.values : null)).toBe(true);
  });

  it("copy a choice list, so changing the caller's array changes nothing", () => {
    const values = ['adam', 'sgd'];
    const choice = hp.choice(values);
    values.push('rmsprop');
    expect(choice).toEqual({ scale: 'choice', values: ['adam', 'sgd'] });
  });

  it.each([
    [() => hp.uniform(1, 1), 'hp.uniform: uniform(1, 1): the range is empty (low = high = 1)'],
    [() => hp.uniform(2, 1), 'hp.uniform: uniform(2, 1): the range is inverted (1 < 2)'],
    [() => hp.log(1e-2, 1e-2), 'hp.log: log(0.01, 0.01): the range is empty (low = high = 0.01)'],
    [() => hp.log(0, 1), 'hp.log: log(0, 1): a log scale needs a lower bound > 0, got 0'],
    [() => hp.log(-1, 1), 'hp.log: log(-1, 1): a log scale needs a lower bound > 0, got -1'],
    [
      () => hp.oneMinusLog(0.9, 1),
      'hp.oneMinusLog: oneMinusLog(0.9, 1): a 1 − β scale needs 0 < low < high < 1 (1 − β = 10^r must be positive), got [0.9, 1]',
    ],
    [
      () => hp.oneMinusLog(0, 0.9),
      'hp.oneMinusLog: oneMinusLog(0, 0.9): a 1 − β scale needs 0 < low < high < 1 (1 − β = 10^r must be positive), got [0, 0.9]',
    ],
    [() => hp.int(1.5, 3), 'hp.int: int(1.5, 3): the bounds must be integers'],
    [() => hp.int(3, 1), 'hp.int: int(3, 1): the range is inverted (1 < 3)'],
    [
      () => hp.uniform(Number.NaN, 1),
      'hp.uniform: uniform(NaN, 1): low must be a finite number, got NaN',
    ],
    [
      () => hp.log(1e-4, Number.POSITIVE_INFINITY),
      'hp.log: log(0.0001, Infinity): high must be a finite number, got Infinity',
    ],
    [() => hp.choice([]), 'hp.choice: choice needs a non-empty list of values, got []'],
    [() => hp.choice(['adam', 'sgd', 'adam']), 'hp.choice: choice lists "adam" twice'],
  ])('%# rejects with an exact message', (build, message) => {
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
    try {
      build();
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });
});

describe('checkDistribution', () => {
  it('accepts data and returns a frozen copy', () => {
    const given = { scale: 'log', low: 1e-4, high: 1 };
    const checked = checkDistribution("key 'lr'", given);
    expect(checked).toEqual(given);
    expect(checked).not.toBe(given);
    expect(Object.isFrozen(checked)).toBe(true);
  });

  it.each([
    [
      { scale: 'exp', low: 1, high: 2 },
      "key 'lr': unknown scale 'exp'; expected one of 'uniform', 'int', 'choice', 'log', 'oneMinusLog'",
    ],
    [
      { low: 1, high: 2 },
      "key 'lr': unknown scale undefined; expected one of 'uniform', 'int', 'choice', 'log', 'oneMinusLog'",
    ],
    [
      null,
      "key 'lr': expected a distribution such as { scale: 'log', low: 0.0001, high: 1 }, got null",
    ],
    [
      { scale: 'log', low: 0, high: 1 },
      "key 'lr': log(0, 1): a log scale needs a lower bound > 0, got 0",
    ],
    [
      { scale: 'uniform', low: '0', high: 1 },
      "key 'lr': uniform('0', 1): low must be a finite number, got '0'",
    ],
    [
      { scale: 'choice', values: 'adam' },
      "key 'lr': choice needs a non-empty list of values, got 'adam'",
    ],
    [
      { scale: 'choice', values: ['adam', null] },
      "key 'lr': choice values must be finite numbers, strings or booleans, got null",
    ],
  ])('%# rejects %o', (given, message) => {
    expect(() => checkDistribution("key 'lr'", given)).toThrow(ConfigError);
    try {
      checkDistribution("key 'lr'", given);
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });

  it('accepts every scale of SCALES', () => {
    expect([...SCALES].sort()).toEqual(['choice', 'int', 'log', 'oneMinusLog', 'uniform']);
    for (const scale of SCALES) {
      const given = scale === 'choice' ? { scale, values: [1, 2] } : { scale, low: 0.1, high: 0.5 };
      const checked = scale === 'int' ? { scale, low: 1, high: 5 } : given;
      expect(checkDistribution('x', checked).scale).toBe(scale);
    }
  });
});

describe('formatDistribution', () => {
  it('writes a distribution as its builder call', () => {
    expect(formatDistribution(hp.log(1e-4, 1))).toBe('log(0.0001, 1)');
    expect(formatDistribution(hp.oneMinusLog(0.9, 0.999))).toBe('oneMinusLog(0.9, 0.999)');
    expect(formatDistribution(hp.choice(['adam', 3, false]))).toBe('choice(["adam", 3, false])');
  });
});
