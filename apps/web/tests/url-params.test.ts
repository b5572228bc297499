import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../src/app/route.js';
import { SEED_PARAM, nextSeed } from '../src/app/seed-param.js';
import { readParams, writeParams, type ParamSpecs } from '../src/app/url-params.js';

const SPECS = {
  lr: { kind: 'number', default: 0.01, min: 1e-4, max: 1 },
  units: { kind: 'number', default: 16, min: 1, max: 128, integer: true },
  dataset: { kind: 'choice', default: 'moons', values: ['moons', 'circles'] },
  correct: { kind: 'boolean', default: false },
  keep: { kind: 'numbers', default: [1, 1], min: 0.1, max: 1, maxLength: 3 },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

describe('readParams', () => {
  it('reads every kind of value and uses the defaults for the rest', () => {
    const { values, problems } = readParams(
      SPECS,
      new URLSearchParams('lr=3e-3&units=64&dataset=circles&correct=1&keep=0.5,0.8,1'),
    );
    expect(values).toEqual({
      lr: 0.003,
      units: 64,
      dataset: 'circles',
      correct: true,
      keep: [0.5, 0.8, 1],
      seed: 1,
    });
    expect(problems).toEqual([]);
  });

  it('names every value it cannot use, with what was expected, and never coerces it', () => {
    const { values, problems } = readParams(
      SPECS,
      new URLSearchParams(
        'lr=2&units=3.5&dataset=spirals&correct=yes&keep=0.5,0.05&seed=1000&color=red&lr2=0x10',
      ),
    );
    expect(values).toEqual({
      lr: 0.01,
      units: 16,
      dataset: 'moons',
      correct: false,
      keep: [1, 1],
      seed: 1,
    });
    expect(problems).toEqual([
      'The link\'s lr="2" is not a number in [0.0001, 1]; using 0.01.',
      'The link\'s units="3.5" is not an integer in [1, 128]; using 16.',
      'The link\'s dataset="spirals" is not one of moons, circles; using moons.',
      'The link\'s correct="yes" is not 1 or 0; using 0.',
      'The link\'s keep="0.5,0.05" is not up to 3 comma-separated numbers in [0.1, 1]; using 1,1.',
      'The link\'s seed="1000" is not an integer in [0, 999]; using 1.',
      'The link\'s parameter "color" is not used by this page.',
      'The link\'s parameter "lr2" is not used by this page.',
    ]);
  });

  it('refuses number syntax JavaScript would accept loosely (hex, Infinity, empty, spaces inside)', () => {
    for (const text of ['0x10', 'Infinity', '', '1 0', '1e', '.']) {
      expect(readParams(SPECS, new URLSearchParams({ units: text })).values.units).toBe(16);
    }
  });
});

describe('writeParams and routes', () => {
  it('writes only the values that differ from the defaults, and reading them back gives the same values', () => {
    const values = {
      lr: 0.003,
      units: 16,
      dataset: 'moons',
      correct: true,
      keep: [0.5, 1],
      seed: 7,
    };
    const search = writeParams(SPECS, values);
    expect(search.toString()).toBe('lr=0.003&correct=1&keep=0.5%2C1&seed=7');
    expect(readParams(SPECS, search).values).toEqual(values);
  });

  it('parses and formats #/<page>?<params>', () => {
    const route = parseRoute('#/optimizers?surface=saddle&x=0.05');
    expect(route.pageId).toBe('optimizers');
    expect(route.search.get('x')).toBe('0.05');
    expect(formatRoute('optimizers', route.search)).toBe('#/optimizers?surface=saddle&x=0.05');
    expect(parseRoute('').pageId).toBe('');
    expect(formatRoute('ewma', new URLSearchParams())).toBe('#/ewma');
  });

  it('keeps New seed inside the seed parameter: 998 → 999 → 0', () => {
    expect([nextSeed(998), nextSeed(999), nextSeed(0)]).toEqual([999, 0, 1]);
  });
});
