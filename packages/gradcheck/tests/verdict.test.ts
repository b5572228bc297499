import { describe, expect, it } from 'vitest';
import { GradcheckError } from '@deeptune/core';
import {
  GRADCHECK_VERDICT_BANDS,
  verdictBand,
  verdictOf,
  type GradcheckVerdict,
} from '../src/index.js';

describe('GRADCHECK_VERDICT_BANDS', () => {
  it('lists the four bands in order with the course thresholds 1e-7, 1e-5 and 1e-3', () => {
    expect(
      GRADCHECK_VERDICT_BANDS.map(({ verdict, upTo, includesUpTo, passes }) => [
        verdict,
        upTo,
        includesUpTo,
        passes,
      ]),
    ).toEqual([
      ['great', 1e-7, false, true],
      ['inspect', 1e-5, true, true],
      ['suspicious', 1e-3, true, false],
      ['bug', Infinity, true, false],
    ]);
  });

  it('describes each band as a range and a meaning', () => {
    expect(GRADCHECK_VERDICT_BANDS.map((band) => `${band.range}: ${band.meaning}`)).toEqual([
      '< 1e-7: the gradient is almost certainly right',
      '1e-7 to 1e-5: probably fine; look at the breakdown',
      '1e-5 to 1e-3: likely a bug, unless kinks such as ReLU at 0 explain it',
      '> 1e-3: the analytic gradient is wrong',
    ]);
  });

  it('is frozen, bands included', () => {
    expect(Object.isFrozen(GRADCHECK_VERDICT_BANDS)).toBe(true);
    expect(GRADCHECK_VERDICT_BANDS.every((band) => Object.isFrozen(band))).toBe(true);
  });
});

describe('verdictOf', () => {
  it.each([
    [0, 'great'],
    [9.99e-8, 'great'],
    [1e-7, 'inspect'],
    [1e-5, 'inspect'],
    [1.0001e-5, 'suspicious'],
    [1e-3, 'suspicious'],
    [1.0001e-3, 'bug'],
    [1, 'bug'],
    [Infinity, 'bug'],
    [Number.NaN, 'bug'],
  ] as const)('puts %s in the band %s, edges as the table says', (difference, verdict) => {
    expect(verdictOf(difference)).toBe(verdict);
  });

  it('agrees with the band it returns: every difference lies in its band', () => {
    for (const difference of [3e-11, 1e-7, 4e-6, 1e-5, 2e-4, 1e-3, 0.5]) {
      const band = verdictBand(verdictOf(difference));
      expect(difference < band.upTo || (band.includesUpTo && difference === band.upTo)).toBe(true);
    }
  });
});

describe('verdictBand', () => {
  it('returns the band of a verdict, which says whether it passes', () => {
    expect(verdictBand('inspect')).toMatchObject({ range: '1e-7 to 1e-5', passes: true });
    expect(verdictBand('suspicious').passes).toBe(false);
    expect(verdictBand('bug').meaning).toBe('the analytic gradient is wrong');
  });

  it('throws a GradcheckError naming an unknown verdict', () => {
    let error: unknown;
    try {
      verdictBand('fine' as GradcheckVerdict);
    } catch (caught) {
      error = caught;
    }
    expect(GradcheckError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("unknown verdict 'fine'");
  });
});
