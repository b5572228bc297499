import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError, NumericError, portablePow } from '@deeptune/core';
import { biasCorrection } from '../../src/ewma/bias-correction.js';
import { ewma } from '../../src/ewma/ewma.js';

describe('biasCorrection', () => {
  it('divides by 0.0396 at t = 2, β = 0.98 (the course example)', () => {
    expect(biasCorrection(0.98, 2)).toBeCloseTo(0.0396, 15);
  });

  it('computes β^t with portablePow, so the divisor is the same on every JavaScript engine', () => {
    let differsFromEngine = false;
    for (const beta of [0.9, 0.98, 0.99, 0.999]) {
      for (let t = 1; t <= 2000; t++) {
        expect(biasCorrection(beta, t)).toBe(1 - portablePow(beta, t));
        if (1 - Math.pow(beta, t) !== biasCorrection(beta, t)) differsFromEngine = true;
      }
    }
    // The engine's own pow differs from fdlibm's in the last bit for some (β, t): this test
    // would notice a return to `**`.
    expect(differsFromEngine).toBe(true);
  });
});

describe('ewma', () => {
  it('averages v_t = β·v_(t−1) + (1 − β)·x_t and corrects by 1 − β^t', () => {
    const average = ewma(0.98);
    expect(average.update(10)).toBeCloseTo(10, 12);
    expect(average.value).toBeCloseTo(0.2, 15);
    expect(average.update(20)).toBeCloseTo((0.98 * 0.2 + 0.02 * 20) / 0.0396, 12);
    expect(average.value).toBeCloseTo(0.596, 14);
    expect(average.corrected).toBeCloseTo(0.596 / 0.0396, 12);
    expect(average.count).toBe(2);
    average.reset();
    expect(average.count).toBe(0);
    expect(
      NumericError.isInstance(
        (() => {
          try {
            return average.corrected;
          } catch (error) {
            return error;
          }
        })(),
      ),
    ).toBe(true);
  });

  it('is unbiased for a constant series from the first value', () => {
    const average = ewma(0.9);
    for (let t = 0; t < 5; t++) expect(average.update(3)).toBeCloseTo(3, 14);
  });

  it.each([1, -0.1, Number.NaN])('rejects beta = %s', (beta) => {
    expect(() => ewma(beta)).toThrow(InvalidHyperparameterError);
    expect(() => ewma(beta)).toThrow('ewma: beta must be in [0, 1)');
  });

  it('rejects non-finite values', () => {
    expect(() => ewma(0.5).update(Number.NaN)).toThrow(NumericError);
  });
});
