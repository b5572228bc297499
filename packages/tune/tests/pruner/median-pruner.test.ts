import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, createRegistry } from '@deeptune/core';
import { medianPruner, medianPrunerPlugin } from '../../src/pruner/median-pruner.js';
import type { Pruner, PrunerContext } from '../../src/pruner/pruner.js';
import type { Direction, TrialRecord, TrialState } from '../../src/study/trial-record.js';

let nextNumber = 0;

/** A trial that reported `curve[i]` at epoch i + 1. */
function trial(state: TrialState, curve: readonly number[], number = nextNumber++): TrialRecord {
  return {
    number,
    attempt: 1,
    state,
    params: {},
    distributions: {},
    intermediate: curve.map((value, i) => ({ epoch: i + 1, value })),
    value: state === 'running' ? null : (curve.at(-1) ?? null),
    reason: null,
    seconds: null,
    attributes: {},
  };
}

function context(trials: readonly TrialRecord[], direction: Direction = 'minimize'): PrunerContext {
  return { direction, trials };
}

/** Six completed trials; at epoch 2 their values are 0.1, 0.15, 0.17, 0.196, 0.25, 0.3. */
const sixCompleted = [
  trial('complete', [0.3, 0.1, 0.09]),
  trial('complete', [0.35, 0.15, 0.14]),
  trial('complete', [0.4, 0.17, 0.16]),
  trial('complete', [0.45, 0.196, 0.19]),
  trial('complete', [0.5, 0.25, 0.24]),
  trial('complete', [0.55, 0.3, 0.29]),
];

describe('medianPruner', () => {
  it('prunes when the best value so far is worse than the median of the completed trials at that epoch', () => {
    const pruner = medianPruner();
    const decision = pruner.check(trial('running', [0.5, 0.412]), context(sixCompleted));
    expect(decision).toEqual({
      reason:
        'best value 0.412 by epoch 2 is worse than the median 0.183 of 6 completed trials at epoch 2',
    });
  });

  it('compares the best value so far, not the newest one', () => {
    const pruner = medianPruner();
    // newest 0.4 is worse than 0.183, but 0.15 at epoch 1 is better
    expect(pruner.check(trial('running', [0.15, 0.4]), context(sixCompleted))).toBeNull();
  });

  it('lets a trial go on when it is better than or equal to the median (odd count: the middle value)', () => {
    const completed = sixCompleted.slice(0, 5); // epoch 2: 0.1, 0.15, 0.17, 0.196, 0.25
    const pruner = medianPruner();
    expect(pruner.check(trial('running', [0.9, 0.17]), context(completed))).toBeNull();
    expect(pruner.check(trial('running', [0.9, 0.16]), context(completed))).toBeNull();
    expect(pruner.check(trial('running', [0.9, 0.171]), context(completed))).toEqual({
      reason:
        'best value 0.171 by epoch 2 is worse than the median 0.17 of 5 completed trials at epoch 2',
    });
  });

  it('checks at the epoch of the newest value: epoch 1 uses the epoch-1 values', () => {
    const pruner = medianPruner();
    // epoch 1: 0.3 … 0.55, median (0.4 + 0.45) / 2 = 0.425
    expect(pruner.check(trial('running', [0.43]), context(sixCompleted))).toEqual({
      reason:
        'best value 0.43 by epoch 1 is worse than the median 0.425 of 6 completed trials at epoch 1',
    });
    expect(pruner.check(trial('running', [0.425]), context(sixCompleted))).toBeNull();
  });

  it('shows as many digits as tell the best value and the median apart', () => {
    const completed = [trial('complete', [0.1834]), trial('complete', [0.1834])];
    const pruner = medianPruner({ startupTrials: 2 });
    expect(pruner.check(trial('running', [0.18341]), context(completed))?.reason).toBe(
      'best value 0.18341 by epoch 1 is worse than the median 0.1834 of 2 completed trials at epoch 1',
    );
  });

  it('does not prune before startupTrials trials have completed; running and pruned trials do not count', () => {
    const others = [
      ...sixCompleted.slice(0, 4),
      trial('running', [0.01, 0.01]),
      trial('pruned', [0.9, 0.01]),
      trial('failed', [0.01, 0.01]),
    ];
    const slow = trial('running', [0.5, 0.412]);
    expect(medianPruner().check(slow, context(others))).toBeNull(); // 4 completed < 5
    expect(medianPruner({ startupTrials: 4 }).check(slow, context(others))).toEqual({
      reason:
        'best value 0.412 by epoch 2 is worse than the median 0.16 of 4 completed trials at epoch 2',
    });
    const five = [...others, sixCompleted[4]!];
    expect(medianPruner().check(slow, context(five))?.reason).toBe(
      'best value 0.412 by epoch 2 is worse than the median 0.17 of 5 completed trials at epoch 2',
    );
  });

  it('never prunes without a completed trial, even with startupTrials 0', () => {
    const pruner = medianPruner({ startupTrials: 0 });
    const running = [trial('running', [0.1]), trial('pruned', [0.1])];
    expect(pruner.check(trial('running', [0.9]), context(running))).toBeNull();
    expect(pruner.check(trial('running', [0.9]), context([]))).toBeNull();
  });

  it('does not prune at epochs ≤ warmupEpochs', () => {
    const pruner = medianPruner({ warmupEpochs: 2 });
    expect(pruner.check(trial('running', [0.9]), context(sixCompleted))).toBeNull();
    expect(pruner.check(trial('running', [0.9, 0.9]), context(sixCompleted))).toBeNull();
    // epoch 3: 0.09, 0.14, 0.16, 0.19, 0.24, 0.29 → median 0.175
    expect(pruner.check(trial('running', [0.9, 0.9, 0.9]), context(sixCompleted))).toEqual({
      reason:
        'best value 0.9 by epoch 3 is worse than the median 0.175 of 6 completed trials at epoch 3',
    });
  });

  it('needs minTrials completed trials with a value at the epoch', () => {
    // five completed trials, only two of them ran to epoch 3
    const completed = [
      trial('complete', [0.3, 0.2, 0.1]),
      trial('complete', [0.3, 0.2, 0.2]),
      trial('complete', [0.3, 0.2]),
      trial('complete', [0.3]),
      trial('complete', [0.3]),
    ];
    const slow = trial('running', [0.5, 0.5, 0.5]);
    expect(medianPruner({ minTrials: 3 }).check(slow, context(completed))).toBeNull();
    expect(medianPruner({ minTrials: 2 }).check(slow, context(completed))).toEqual({
      reason:
        'best value 0.5 by epoch 3 is worse than the median 0.15 of 2 completed trials at epoch 3',
    });
    // epoch 4: no completed trial reported it, so there is nothing to compare with
    const longer = trial('running', [0.5, 0.5, 0.5, 0.5]);
    expect(medianPruner().check(longer, context(completed))).toBeNull();
  });

  it('says "1 completed trial" for a single value', () => {
    const completed = [...sixCompleted.slice(0, 5), trial('complete', [0.3, 0.2, 0.1, 0.05])];
    expect(medianPruner().check(trial('running', [0, 0, 0, 0.06]), context(completed))).toBeNull();
    // the best value so far counts: 0 at epoch 1 is better than 0.05
    expect(
      medianPruner().check(trial('running', [0.5, 0.5, 0.5, 0.06]), context(completed)),
    ).toEqual({
      reason:
        'best value 0.06 by epoch 4 is worse than the median 0.05 of 1 completed trial at epoch 4',
    });
  });

  it('respects direction maximize: the best is the largest, worse means smaller', () => {
    const accuracies = [
      trial('complete', [0.7, 0.8]),
      trial('complete', [0.8, 0.85]),
      trial('complete', [0.9, 0.95]),
    ];
    const pruner = medianPruner({ startupTrials: 3 });
    // epoch 1: median 0.8
    expect(pruner.check(trial('running', [0.75]), context(accuracies, 'maximize'))).toEqual({
      reason:
        'best value 0.75 by epoch 1 is worse than the median 0.8 of 3 completed trials at epoch 1',
    });
    expect(pruner.check(trial('running', [0.8]), context(accuracies, 'maximize'))).toBeNull();
    expect(pruner.check(trial('running', [0.81]), context(accuracies, 'maximize'))).toBeNull();
    // epoch 2: median 0.85; best so far 0.86 (epoch 1) goes on although 0.6 is newest
    expect(pruner.check(trial('running', [0.86, 0.6]), context(accuracies, 'maximize'))).toBeNull();
    expect(pruner.check(trial('running', [0.84, 0.6]), context(accuracies, 'maximize'))).toEqual({
      reason:
        'best value 0.84 by epoch 2 is worse than the median 0.85 of 3 completed trials at epoch 2',
    });
    // the same curve is fine when minimizing
    expect(pruner.check(trial('running', [0.75]), context(accuracies))).toBeNull();
  });

  it('prunes a trial whose values are all NaN and leaves NaN out of the median and the count', () => {
    const completed = [
      trial('complete', [0.1]),
      trial('complete', [0.3]),
      trial('complete', [Number.NaN]),
    ];
    const pruner = medianPruner({ startupTrials: 3, minTrials: 2 });
    expect(pruner.check(trial('running', [Number.NaN, Number.NaN]), context(completed))).toEqual({
      reason: 'every value reported by epoch 2 is NaN',
    });
    expect(pruner.check(trial('running', [0.25]), context(completed))).toEqual({
      reason:
        'best value 0.25 by epoch 1 is worse than the median 0.2 of 2 completed trials at epoch 1',
    });
    expect(
      medianPruner({ startupTrials: 3, minTrials: 3 }).check(
        trial('running', [0.25]),
        context(completed),
      ),
    ).toBeNull();
    // a NaN among the trial's own values is ignored: best 0.15
    expect(pruner.check(trial('running', [Number.NaN, 0.15]), context(completed))).toBeNull();
  });

  it('ignores the trial itself in the context and returns null before any value', () => {
    const self = trial('complete', [0.01], 99);
    const others = [...sixCompleted.slice(0, 4), self];
    expect(medianPruner().check(trial('running', [0.9], 99), context(others))).toBeNull();
    expect(
      medianPruner({ startupTrials: 0 }).check(trial('running', []), context(sixCompleted)),
    ).toBeNull();
  });

  it('records its name and validated options', () => {
    expect(medianPruner().name).toBe('median');
    expect(medianPruner().options).toEqual({ startupTrials: 5, warmupEpochs: 0, minTrials: 1 });
    expect(medianPruner({ warmupEpochs: 3 }).options).toEqual({
      startupTrials: 5,
      warmupEpochs: 3,
      minTrials: 1,
    });
  });

  it('rejects invalid options through its schema', () => {
    expect(() => medianPruner({ startupTrials: -1 })).toThrow(InvalidHyperparameterError);
    expect(() => medianPruner({ startupTrials: -1 })).toThrow(
      "pruner 'median': option 'startupTrials' must be an integer >= 0, got -1",
    );
    expect(() => medianPruner({ warmupEpochs: 1.5 })).toThrow(
      "pruner 'median': option 'warmupEpochs' must be an integer >= 0, got 1.5",
    );
    expect(() => medianPruner({ minTrials: 0 })).toThrow(
      "pruner 'median': option 'minTrials' must be an integer >= 1, got 0",
    );
    // @ts-expect-error -- an unknown option
    expect(() => medianPruner({ minTrial: 2 })).toThrow(ConfigError);
  });

  it('is created by name through a registry with the same validation', () => {
    const registry = createRegistry();
    registry.register(medianPrunerPlugin);
    const pruner = registry.create('pruner', 'median', { startupTrials: 1 }) as Pruner;
    expect(pruner.check(trial('running', [0.9]), context(sixCompleted.slice(0, 1)))).toEqual({
      reason:
        'best value 0.9 by epoch 1 is worse than the median 0.3 of 1 completed trial at epoch 1',
    });
    expect(() => registry.create('pruner', 'median', { minTrials: 0 })).toThrow(
      InvalidHyperparameterError,
    );
  });
});
