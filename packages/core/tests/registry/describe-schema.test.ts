import { describe, expect, it } from 'vitest';
import { describeSchema } from '../../src/registry/describe-schema.js';
import { option } from '../../src/registry/option.js';

describe('describeSchema', () => {
  it('describes each option as a row, in declaration order', () => {
    const rows = describeSchema({
      learningRate: option.number({
        default: 0.001,
        exclusiveMin: 0,
        scale: 'log',
        description: 'Step size.',
      }),
      units: option.number({ integer: true, min: 1, description: 'Output features.' }),
      beta1: option.number({ default: 0.9, min: 0, exclusiveMax: 1 }),
      clip: option.number({ optional: true }),
      mode: option.enum(['min', 'max'], { default: 'min' }),
      keepProb: option.numberList({ default: [1, 0.5], exclusiveMin: 0, max: 1, minLength: 1 }),
      verbose: option.boolean({ default: false }),
      id: option.string({ optional: true, pattern: /^[a-z]+$/ }),
      seed: option.custom({
        typeName: 'bigint',
        check: (value: unknown): value is bigint => typeof value === 'bigint',
        optional: true,
      }),
    });
    expect(rows).toEqual([
      {
        name: 'learningRate',
        type: 'number',
        required: false,
        default: '0.001',
        range: '> 0',
        scale: 'log',
        description: 'Step size.',
      },
      {
        name: 'units',
        type: 'integer',
        required: true,
        default: undefined,
        range: '>= 1',
        scale: undefined,
        description: 'Output features.',
      },
      {
        name: 'beta1',
        type: 'number',
        required: false,
        default: '0.9',
        range: '[0, 1)',
        scale: undefined,
        description: '',
      },
      {
        name: 'clip',
        type: 'number',
        required: false,
        default: undefined,
        range: 'finite',
        scale: undefined,
        description: '',
      },
      {
        name: 'mode',
        type: "'min' | 'max'",
        required: false,
        default: "'min'",
        range: undefined,
        scale: undefined,
        description: '',
      },
      {
        name: 'keepProb',
        type: 'number[]',
        required: false,
        default: '[1, 0.5]',
        range: 'each in (0, 1]; at least 1 element',
        scale: undefined,
        description: '',
      },
      {
        name: 'verbose',
        type: 'boolean',
        required: false,
        default: 'false',
        range: undefined,
        scale: undefined,
        description: '',
      },
      {
        name: 'id',
        type: 'string',
        required: false,
        default: undefined,
        range: 'matches /^[a-z]+$/',
        scale: undefined,
        description: '',
      },
      {
        name: 'seed',
        type: 'bigint',
        required: false,
        default: undefined,
        range: undefined,
        scale: undefined,
        description: '',
      },
    ]);
  });

  it('returns no rows for an empty schema', () => {
    expect(describeSchema({})).toEqual([]);
  });
});
