import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { InvalidHyperparameterError } from '../../src/errors/invalid-hyperparameter-error.js';
import { option } from '../../src/registry/option.js';
import { validateOptions } from '../../src/registry/validate-options.js';

const where = "optimizer 'adam'";
const schema = {
  learningRate: option.number({ default: 0.001, exclusiveMin: 0, scale: 'log' }),
  beta1: option.number({ default: 0.9, min: 0, exclusiveMax: 1 }),
  units: option.number({ integer: true, min: 1, optional: true }),
  mode: option.enum(['min', 'max'], { default: 'min' }),
  keepProb: option.numberList({ exclusiveMin: 0, max: 1, optional: true }),
  amsgrad: option.boolean({ default: false }),
};

function configErrorOf(input: unknown, against: Parameters<typeof validateOptions>[1] = schema) {
  try {
    validateOptions(where, against, input);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

/** A value of the right type outside its range is a bad hyperparameter, not a bad config. */
function rangeErrorOf(input: unknown, against: Parameters<typeof validateOptions>[1] = schema) {
  try {
    validateOptions(where, against, input);
  } catch (error) {
    expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
    expect((error as InvalidHyperparameterError).code).toBe('INVALID_HYPERPARAMETER');
    return (error as InvalidHyperparameterError).message;
  }
  throw new Error('expected an InvalidHyperparameterError');
}

describe('validateOptions', () => {
  it('fills defaults and leaves optional options without a default absent', () => {
    expect(validateOptions(where, schema, { learningRate: 0.01 })).toEqual({
      learningRate: 0.01,
      beta1: 0.9,
      mode: 'min',
      amsgrad: false,
    });
    expect('units' in validateOptions(where, schema, {})).toBe(false);
  });

  it('treats undefined input and undefined values as not given', () => {
    expect(validateOptions(where, schema, undefined)).toEqual(validateOptions(where, schema, {}));
    expect(validateOptions(where, schema, { learningRate: undefined }).learningRate).toBe(0.001);
  });

  it('returns a new object and never modifies the input', () => {
    const input = Object.freeze({ learningRate: 0.5 });
    const result = validateOptions(where, schema, input);
    expect(result).not.toBe(input);
    expect(input).toEqual({ learningRate: 0.5 });
  });

  it('reports a value out of range with the plugin, option, given value and expected range', () => {
    expect(rangeErrorOf({ learningRate: -1 })).toBe(
      "optimizer 'adam': option 'learningRate' must be > 0, got -1",
    );
    expect(rangeErrorOf({ beta1: 1 })).toBe(
      "optimizer 'adam': option 'beta1' must be in [0, 1), got 1",
    );
    expect(rangeErrorOf({ beta1: -0.5 })).toContain('must be in [0, 1), got -0.5');
  });

  it('never clamps a value to its range', () => {
    expect(() => validateOptions(where, schema, { beta1: 1.2 })).toThrow(
      InvalidHyperparameterError,
    );
  });

  it('checks integers', () => {
    expect(rangeErrorOf({ units: 2.5 })).toContain(
      "option 'units' must be an integer >= 1, got 2.5",
    );
    expect(rangeErrorOf({ units: 0 })).toContain("option 'units' must be an integer >= 1, got 0");
    expect(validateOptions(where, schema, { units: 3 }).units).toBe(3);
  });

  it('rejects NaN and infinities unless allowInfinity is set', () => {
    expect(rangeErrorOf({ learningRate: Number.NaN })).toContain('must be a number > 0, got NaN');
    expect(rangeErrorOf({ learningRate: Infinity })).toContain('must be finite, got Infinity');
    const patience = { patience: option.number({ integer: true, min: 0, allowInfinity: true }) };
    expect(validateOptions(where, patience, { patience: Infinity }).patience).toBe(Infinity);
  });

  it('rejects a numeric string instead of converting it, with a hint', () => {
    const message = configErrorOf({ learningRate: '0.1' });
    expect(message).toContain("option 'learningRate' must be a number > 0, got '0.1' (a string)");
    expect(message).toContain('never converted');
    expect(configErrorOf({ amsgrad: 'true' })).toContain(
      "option 'amsgrad' must be true or false, got 'true' (a string)",
    );
  });

  it('checks enum values and suggests the closest one', () => {
    expect(configErrorOf({ mode: 'mim' })).toBe(
      "optimizer 'adam': option 'mode' must be one of 'min', 'max', got 'mim'. Did you mean 'min'?",
    );
    expect(configErrorOf({ mode: 1 })).toContain("must be one of 'min', 'max', got 1 (a number)");
    expect(validateOptions(where, schema, { mode: 'max' }).mode).toBe('max');
  });

  it('checks every element of a number list and names its index', () => {
    expect(rangeErrorOf({ keepProb: [1, 1.5] })).toContain(
      "option 'keepProb[1]' must be in (0, 1], got 1.5",
    );
    expect(configErrorOf({ keepProb: [1, '0.5'] })).toContain(
      "option 'keepProb[1]' must be a number",
    );
    expect(configErrorOf({ keepProb: 0.5 })).toContain(
      "option 'keepProb' must be an array of numbers in (0, 1], got 0.5 (a number)",
    );
  });

  it('checks the length of a number list', () => {
    const layers = { keepProb: option.numberList({ minLength: 2, maxLength: 3 }) };
    expect(configErrorOf({ keepProb: [1] }, layers)).toContain(
      'must have at least 2 elements, got 1',
    );
    expect(configErrorOf({ keepProb: [1, 1, 1, 1] }, layers)).toContain(
      'must have at most 3 elements, got 4',
    );
  });

  it('copies number lists, including defaults, so a factory cannot change shared state', () => {
    const input = [1, 0.5];
    const result = validateOptions(where, schema, { keepProb: input });
    expect(result.keepProb).toEqual([1, 0.5]);
    expect(result.keepProb).not.toBe(input);
    const withDefault = { keepProb: option.numberList({ default: [1, 0.8] }) };
    const first = validateOptions(where, withDefault, {}).keepProb;
    const second = validateOptions(where, withDefault, {}).keepProb;
    expect(first).toEqual([1, 0.8]);
    expect(first).not.toBe(second);
  });

  it('checks strings against minLength and pattern', () => {
    const named = { id: option.string({ minLength: 1, pattern: /^[a-z]+$/ }) };
    expect(configErrorOf({ id: '' }, named)).toContain(
      "option 'id' must have at least 1 character, got ''",
    );
    expect(configErrorOf({ id: 'A1' }, named)).toContain(
      "option 'id' must match /^[a-z]+$/, got 'A1'",
    );
    expect(configErrorOf({ id: 3 }, named)).toContain("option 'id' must be a string matching");
    expect(validateOptions(where, named, { id: 'ok' }).id).toBe('ok');
  });

  it('checks custom options with their type guard', () => {
    const seeded = {
      seed: option.custom({
        typeName: 'bigint',
        check: (value: unknown): value is bigint => typeof value === 'bigint',
      }),
    };
    expect(validateOptions(where, seeded, { seed: 3n }).seed).toBe(3n);
    expect(configErrorOf({ seed: 3 }, seeded)).toContain(
      "option 'seed' must be bigint, got 3 (a number)",
    );
  });

  it('requires options without a default', () => {
    const dense = { units: option.number({ integer: true, min: 1 }) };
    expect(configErrorOf({}, dense)).toBe(
      "optimizer 'adam': option 'units' is required (an integer >= 1), but it was not given",
    );
  });

  it('rejects an unknown option key and suggests the closest valid one', () => {
    const message = configErrorOf({ learnignRate: 0.1 });
    expect(message).toContain(
      "optimizer 'adam': unknown option 'learnignRate'. Did you mean 'learningRate'?",
    );
    expect(message).toContain(
      'Known options: amsgrad, beta1, keepProb, learningRate, mode, units.',
    );
    expect(configErrorOf({ zzz: 1 })).not.toContain('Did you mean');
    expect(configErrorOf({ zzz: 1 }, {})).toContain("unknown option 'zzz'. It takes no options.");
  });

  it('rejects inputs that are not plain objects', () => {
    expect(configErrorOf([1, 2])).toContain('options must be a plain object, got [1, 2]');
    expect(configErrorOf(0.1)).toContain('options must be a plain object, got 0.1');
    expect(configErrorOf(null)).toContain('got null');
    expect(configErrorOf(new Map())).toContain('got a Map');
    expect(validateOptions(where, schema, Object.create(null))).toHaveProperty('beta1', 0.9);
  });
});
