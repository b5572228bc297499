import { describe, expect, it } from 'vitest';
import { ConfigError, option, parseOptionText, validateOptions } from '../../src/index.js';

const beta2 = option.number({ default: 0.999, min: 0, exclusiveMax: 1 });

describe('parseOptionText', () => {
  it('parses numbers as typed, leaving ranges to validateOptions', () => {
    expect(parseOptionText(beta2, '0.98', '--beta2')).toBe(0.98);
    expect(parseOptionText(beta2, ' 1e-3 ', '--beta2')).toBe(0.001);
    expect(parseOptionText(beta2, '.5', '--beta2')).toBe(0.5);
    expect(parseOptionText(beta2, '2', '--beta2')).toBe(2);
    expect(parseOptionText(beta2, '-Infinity', '--beta2')).toBe(-Infinity);
    expect(() => validateOptions("optimizer 'x'", { beta2 }, { beta2: 2 })).toThrow(
      "optimizer 'x': option 'beta2' must be in [0, 1), got 2",
    );
  });

  it('refuses text that is not of the option’s type, naming where and what was expected', () => {
    expect(() => parseOptionText(beta2, 'high', '--beta2')).toThrow(
      new ConfigError("--beta2 must be a number in [0, 1), got 'high'"),
    );
    expect(() => parseOptionText(beta2, 'NaN', '--beta2')).toThrow(/got 'NaN'/);
    expect(() => parseOptionText(beta2, '', '--beta2')).toThrow(/got ''/);
    expect(() => parseOptionText(beta2, '1e-400', '--beta2')).toThrow(
      '--beta2 1e-400 is too small to represent (it rounds to 0)',
    );
    expect(parseOptionText(beta2, '0e5', '--beta2')).toBe(0);
    expect(() => parseOptionText(beta2, true, '--beta2')).toThrow(
      '--beta2 needs a value: a number in [0, 1)',
    );
    const flag = option.boolean({ default: false });
    expect(parseOptionText(flag, true, '--nesterov')).toBe(true);
    expect(parseOptionText(flag, 'false', '--nesterov')).toBe(false);
    expect(() => parseOptionText(flag, 'yes', '--nesterov')).toThrow(
      "--nesterov must be true or false, got 'yes'",
    );
  });

  it('parses number lists, with none for an empty one, and keeps strings and enums', () => {
    const list = option.numberList({ min: 0 });
    expect(parseOptionText(list, '1, 0.5,2', '--values')).toEqual([1, 0.5, 2]);
    expect(parseOptionText(list, 'none', '--values')).toEqual([]);
    expect(() => parseOptionText(list, '1,x', '--values')).toThrow(
      "--values (item 2) must be an array of numbers >= 0, got 'x'",
    );
    const mode = option.enum(['min', 'max']);
    expect(parseOptionText(mode, 'mx', '--mode')).toBe('mx');
    expect(parseOptionText(option.string(), '3', '--name')).toBe('3');
  });

  it('gives a custom option a number when the text is one, and refuses other text', () => {
    const rate = option.custom({
      typeName: 'a number or a schedule',
      check: (value: unknown): value is number => typeof value === 'number',
    });
    expect(parseOptionText(rate, '0.1', '--lr')).toBe(0.1);
    expect(() => parseOptionText(rate, 'fast', '--lr')).toThrow(
      '--lr: this option takes a number or a schedule, which cannot be given as text',
    );
  });
});
