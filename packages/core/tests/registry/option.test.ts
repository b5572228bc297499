import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { option } from '../../src/registry/option.js';

function configError(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('option', () => {
  it('builds frozen plain-data descriptors tagged with their type', () => {
    const learningRate = option.number({ default: 0.01, exclusiveMin: 0, scale: 'log' });
    expect(learningRate).toEqual({ type: 'number', default: 0.01, exclusiveMin: 0, scale: 'log' });
    expect(Object.isFrozen(learningRate)).toBe(true);
    expect(option.boolean()).toEqual({ type: 'boolean' });
    expect(option.string({ minLength: 1 })).toEqual({ type: 'string', minLength: 1 });
    expect(option.numberList({ optional: true })).toEqual({ type: 'numberList', optional: true });
  });

  it('copies and freezes enum values and list defaults', () => {
    const values = ['min', 'max'];
    const mode = option.enum(values, { default: 'min' });
    values.push('auto');
    expect(mode.values).toEqual(['min', 'max']);
    expect(Object.isFrozen(mode.values)).toBe(true);
    const keepProb = option.numberList({ default: [1, 0.5] });
    expect(Object.isFrozen(keepProb.default)).toBe(true);
  });

  it('keeps a custom type guard', () => {
    const isBigint = (value: unknown): value is bigint => typeof value === 'bigint';
    const seed = option.custom({ typeName: 'bigint', check: isBigint });
    expect(seed.check).toBe(isBigint);
    expect(seed.type).toBe('custom');
  });

  it.each([
    ['min above max', () => option.number({ min: 2, max: 1 }), 'the range is empty'],
    ['an empty open range', () => option.number({ exclusiveMin: 1, max: 1 }), 'the range is empty'],
    [
      'both min and exclusiveMin',
      () => option.number({ min: 0, exclusiveMin: 0 }),
      "either 'min' or 'exclusiveMin'",
    ],
    [
      'both max and exclusiveMax',
      () => option.number({ max: 1, exclusiveMax: 1 }),
      "either 'max' or 'exclusiveMax'",
    ],
    ['a non-finite bound', () => option.number({ max: Infinity }), "'max' must be a finite number"],
    [
      'a default below the range',
      () => option.number({ default: -1, exclusiveMin: 0 }),
      'option.number: the default must be > 0, got -1',
    ],
    [
      'a fractional default for an integer',
      () => option.number({ default: 1.5, integer: true }),
      'the default must be an integer, got 1.5',
    ],
    [
      'a log scale without a positive lower bound',
      () => option.number({ min: 0, scale: 'log' }),
      "scale 'log' needs a positive lower bound",
    ],
    [
      'a default together with optional',
      () => option.number({ default: 1, optional: true }),
      "drop 'optional: true'",
    ],
    ['an empty enum', () => option.enum([]), "'values' must be a non-empty array"],
    ['duplicate enum values', () => option.enum(['a', 'a']), "lists 'a' twice"],
    [
      'a list default with a bad element',
      () => option.numberList({ default: [0.5, 2], max: 1 }),
      'the default[1] must be <= 1, got 2',
    ],
    [
      'minLength above maxLength',
      () => option.numberList({ minLength: 3, maxLength: 2 }),
      "'minLength' (3) must be <= 'maxLength' (2)",
    ],
    [
      'a pattern that is not a RegExp',
      () => option.string({ pattern: '^a' as unknown as RegExp }),
      "'pattern' must be a RegExp, got '^a'",
    ],
    [
      'a custom option without a check',
      () => option.custom({ typeName: 'Rng' } as unknown as Parameters<typeof option.custom>[0]),
      "'check' must be a function",
    ],
  ])('rejects %s', (_, build, message) => {
    expect(configError(build).message).toContain(message);
  });

  it('rejects an unknown setting and suggests the closest one', () => {
    const error = configError(() =>
      option.number({ mni: 0 } as unknown as Parameters<typeof option.number>[0]),
    );
    expect(error.message).toContain(
      "unknown setting 'mni' for a number option. Did you mean 'min'?",
    );
  });
});
