import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/index.js';
import { formatBeta, formatParamValue } from '../../src/report/format-value.js';
import { niceTicks } from '../../src/report/nice-ticks.js';
import { decadeLabel, dotCoordinate, scaleAxis } from '../../src/report/scale-axis.js';
import { studyRounds } from '../../src/report/study-rounds.js';
import { coarseToFineStudy, makeHeader, makeTrial } from './fake-study.js';

describe('report helpers', () => {
  it('formats values compactly on their own scale', () => {
    const log: Distribution = { scale: 'log', low: 1e-4, high: 1 };
    const beta: Distribution = { scale: 'oneMinusLog', low: 0.9, high: 0.999 };
    expect(formatParamValue(log, 0.0031622776)).toBe('0.00316');
    expect(formatParamValue(beta, 0.99684)).toBe('0.9968');
    expect(formatBeta(0.9)).toBe('0.90');
    expect(formatBeta(0.99)).toBe('0.990');
    expect(formatBeta(0.99995)).toBe('0.999950');
    expect(formatParamValue({ scale: 'int', low: 1, high: 9 }, 7)).toBe('7');
    expect(formatParamValue({ scale: 'choice', values: [true, false] }, false)).toBe('false');
  });

  it('labels decades and places axes on their own scale', () => {
    expect([-4, -1, 0, 2, -7].map(decadeLabel)).toEqual(['0.0001', '0.1', '1', '100', '1e-7']);
    const beta = scaleAxis({ scale: 'oneMinusLog', low: 0.9, high: 0.999 });
    expect(beta.domain[0]).toBeCloseTo(-1, 12);
    expect(beta.domain[1]).toBeCloseTo(-3, 12);
    expect(beta.coordinate(0.99)).toBeCloseTo(-2, 12);
    expect(beta.coordinate(1)).toBeUndefined();
    const narrow = scaleAxis({ scale: 'log', low: 0.002, high: 0.005 });
    expect(narrow.ticks.length).toBeGreaterThan(1);
    const choice = scaleAxis({ scale: 'choice', values: ['a', 'b'] });
    expect(choice.coordinate('b')).toBe(1.5);
    expect(choice.coordinate('c')).toBeUndefined();
    const spread = dotCoordinate(choice, 'b', 3)!;
    expect(Math.abs(spread - 1.5)).toBeLessThanOrEqual(0.3);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(32, 256, 5, true)).toEqual([50, 100, 150, 200, 250]);
  });

  it('finds coarse-to-fine rounds from the sampler, or from changing boxes', () => {
    const { header, trials } = coarseToFineStudy(4);
    const rounds = studyRounds(header, trials);
    expect(rounds.zooming).toBe(true);
    expect(rounds.count).toBe(3);
    expect(trials.map(rounds.roundOf)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    const a: Distribution = { scale: 'uniform', low: 0, high: 1 };
    const b: Distribution = { scale: 'uniform', low: 0, high: 0.5 };
    const other = [
      makeTrial(0, { distributions: { x: a } }),
      makeTrial(1, { distributions: { x: a, y: a } }),
      makeTrial(2, { distributions: { x: b } }),
    ];
    const changing = studyRounds(makeHeader(), other);
    expect(other.map(changing.roundOf)).toEqual([0, 0, 1]);
    expect(studyRounds(makeHeader(), other.slice(0, 2)).zooming).toBe(false);
  });
});
