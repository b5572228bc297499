import { describe, expect, it } from 'vitest';
import { ConfigError } from '@deeptune/core';
import { formatLeaderboard, type Distribution, type SpaceEntry } from '../../src/index.js';
import { coarseToFineStudy, makeHeader, makeTrial } from './fake-study.js';

const boxes: Record<string, Distribution> = {
  lr: { scale: 'log', low: 1e-4, high: 1 },
  beta: { scale: 'oneMinusLog', low: 0.9, high: 0.999 },
  units: { scale: 'int', low: 32, high: 256 },
  optimizer: { scale: 'choice', values: ['adam', 'momentum', 'sgd'] },
};
const space: SpaceEntry[] = Object.entries(boxes).map(([name, distribution]) => ({
  name,
  distribution,
}));

function smallStudy() {
  const header = makeHeader({ name: 'tiny', space });
  const trial = (
    number: number,
    state: 'complete' | 'pruned' | 'failed' | 'running',
    params: [number, number, number, string],
    curve: number[],
    extra: { reason?: string; seconds?: number | null } = {},
  ) =>
    makeTrial(number, {
      state,
      params: { lr: params[0], beta: params[1], units: params[2], optimizer: params[3] },
      distributions: boxes,
      curve,
      ...extra,
    });
  const trials = [
    trial(0, 'running', [0.001, 0.98, 100, 'adam'], [0.4]),
    trial(1, 'complete', [0.01, 0.9, 64, 'momentum'], [0.3, 0.08, 0.045], { seconds: 10 }),
    trial(2, 'pruned', [0.5, 0.99, 32, 'sgd'], [0.6, 0.5], { reason: 'worse than the median' }),
    trial(3, 'failed', [0.9, 0.95, 256, 'sgd'], [0.9], {
      reason: 'diverged: the cost became NaN at epoch 2, try a smaller learning rate',
      seconds: 3.21,
    }),
    trial(4, 'complete', [0.0031623, 0.99684, 128, 'adam'], [0.2, 0.05, 0.0312], {
      seconds: 123.4,
    }),
    trial(5, 'complete', [0.002, 0.999, 200, 'adam'], [0.2, 0.06, 0.0312], { seconds: 12.34 }),
    trial(6, 'pruned', [0.2, 0.9, 40, 'sgd'], [0.6, 0.45], { reason: 'worse than the median' }),
  ];
  return { header, trials };
}

describe('formatLeaderboard', () => {
  it('formats a small study as a table', () => {
    const { header, trials } = smallStudy();
    expect(formatLeaderboard(header, trials)).toBe(
      [
        "study 'tiny': 7 trials (3 complete, 2 pruned, 1 failed, 1 running); best dev error 0.0312 (trial 4)",
        'rank  trial  dev error       lr    beta  units  optimizer  epochs  seconds  state',
        '   1      4     0.0312  0.00316  0.9968    128  adam            3      123  complete',
        '   2      5     0.0312    0.002  0.9990    200  adam            3     12.3  complete',
        '   3      1      0.045     0.01    0.90     64  momentum        3     10.0  complete',
        '   -      6       0.45      0.2    0.90     40  sgd             2     10.0  pruned',
        '   -      2        0.5      0.5   0.990     32  sgd             2     10.0  pruned',
        '   -      3          -      0.9   0.950    256  sgd             1      3.2  failed: diverged: the c…',
        '   -      0        0.4    0.001   0.980    100  adam            1        -  running',
      ].join('\n'),
    );
  });

  it('orders complete trials by the direction with ties by number, then pruned, failed, running', () => {
    const header = makeHeader({ direction: 'maximize', objective: 'dev accuracy' });
    const trials = [
      makeTrial(0, { state: 'running', curve: [0.99] }),
      makeTrial(1, { state: 'failed', reason: 'diverged' }),
      makeTrial(2, { curve: [0.9] }),
      makeTrial(3, { state: 'pruned', curve: [0.5] }),
      makeTrial(4, { curve: [0.95] }),
      makeTrial(5, { state: 'pruned', curve: [0.7] }),
      makeTrial(6, { curve: [0.9] }),
      makeTrial(7, { state: 'failed', reason: 'out of memory' }),
    ];
    const text = formatLeaderboard(header, trials, { columns: 120 });
    const order = text
      .split('\n')
      .slice(2)
      .map((line) => Number(line.trim().split(/\s+/)[1]));
    expect(order).toEqual([4, 2, 6, 5, 3, 1, 7, 0]);
    expect(text.split('\n')[0]).toBe(
      "study 'mnist': 8 trials (3 complete, 2 pruned, 2 failed, 1 running); best dev accuracy 0.95 (trial 4)",
    );
    expect(text.split('\n')[1]).toMatch(/^rank {2}trial {2}dev accuracy {2}epochs/);
  });

  it('lists at most `limit` trials, then how many more', () => {
    const { header, trials } = coarseToFineStudy(10);
    const lines = formatLeaderboard(header, trials).split('\n');
    expect(lines.at(-1)).toBe('… and 20 more');
    expect(lines.filter((line) => /^\s+\d+\s+\d+\s/.test(line))).toHaveLength(10);
    const five = formatLeaderboard(header, trials, { limit: 5 }).split('\n');
    expect(five.at(-1)).toBe('… and 25 more');
    expect(formatLeaderboard(header, trials, { limit: 30 })).not.toContain('more');
  });

  it('fits the width: abbreviates, shortens reasons, omits the widest hyperparameters', () => {
    const { header, trials } = coarseToFineStudy(10);
    for (const columns of [100, 80, 72, 60, 40, 20]) {
      const text = formatLeaderboard(header, trials, { columns, limit: 30 });
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    }
    const narrow = formatLeaderboard(header, trials, { columns: 60 }).split('\n');
    expect(narrow).toContain('(not shown to fit 60 columns: lr, beta, optimizer)');
    expect(narrow[2]).toBe('rank  trial  dev error  units  epochs  seconds  state');
    const wide = formatLeaderboard(header, trials, { columns: 200, limit: 30 });
    expect(wide).toContain('  failed: diverged: the cost be…');
    expect(wide).not.toContain('not shown');
  });

  it('says when no trial is complete, and checks its options', () => {
    const header = makeHeader({ name: 'empty' });
    expect(formatLeaderboard(header, [])).toBe(
      "study 'empty': 0 trials (0 complete, 0 pruned, 0 failed, 0 running); no complete trial yet",
    );
    expect(() => formatLeaderboard(header, [], { limit: 0 })).toThrow(ConfigError);
    expect(() => formatLeaderboard(header, [], { columns: 10.5 })).toThrow(/'columns'/);
  });
});
