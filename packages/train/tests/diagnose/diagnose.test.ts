import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError } from '@deeptune/core';
import { diagnose } from '../../src/index.js';

describe('diagnose', () => {
  it.each([
    { trainError: 0.15, devError: 0.16, baseError: 0.01, verdict: 'high-bias', focus: 'bias' },
    { trainError: 0.01, devError: 0.11, baseError: 0, verdict: 'high-variance', focus: 'variance' },
    {
      trainError: 0.15,
      devError: 0.3,
      baseError: 0,
      verdict: 'high-bias-and-variance',
      focus: 'bias',
    },
    { trainError: 0.005, devError: 0.01, baseError: 0, verdict: 'fine', focus: null },
    // The course's worked examples: human 1 % / train 8 % / dev 10 % → bias first;
    // human 7.5 % / train 8 % / dev 10 % → variance.
    {
      trainError: 0.08,
      devError: 0.1,
      baseError: 0.01,
      verdict: 'high-bias-and-variance',
      focus: 'bias',
    },
    {
      trainError: 0.08,
      devError: 0.1,
      baseError: 0.075,
      verdict: 'high-variance',
      focus: 'variance',
    },
  ] as const)('$trainError / $devError (base $baseError) → $verdict', (row) => {
    const result = diagnose(row);
    expect(result.verdict).toBe(row.verdict);
    expect(result.focus).toBe(row.focus);
    expect(result.avoidableBias).toBeCloseTo(row.trainError - row.baseError, 12);
    expect(result.variance).toBeCloseTo(row.devError - row.trainError, 12);
    expect(result.reasons.length).toBeGreaterThanOrEqual(2);
  });

  it('gives bias remedies for high bias and variance remedies for high variance', () => {
    expect(diagnose({ trainError: 0.15, devError: 0.16, baseError: 0.01 }).advice[0]).toMatch(
      /bigger network/,
    );
    expect(diagnose({ trainError: 0.01, devError: 0.11 }).advice[0]).toMatch(/more training data/);
    expect(diagnose({ trainError: 0.005, devError: 0.01 }).advice).toEqual([]);
  });

  it('reports the numbers in the reasons and honours custom thresholds', () => {
    const result = diagnose({ trainError: 0.01, devError: 0.11 });
    expect(result.reasons.join(' ')).toMatch(/10%/);
    expect(diagnose({ trainError: 0.01, devError: 0.11, varianceThreshold: 0.2 }).verdict).toBe(
      'fine',
    );
  });

  it('rejects percentages and out-of-range thresholds instead of clamping', () => {
    expect(() => diagnose({ trainError: 15, devError: 16 })).toThrow(InvalidHyperparameterError);
    expect(() => diagnose({ trainError: 0.1, devError: 0.2, biasThreshold: 0 })).toThrow(
      /biasThreshold must be a number in \(0, 1\]/,
    );
  });
});
