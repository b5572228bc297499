import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, createRegistry } from '@deeptune/core';
import { ashaPruner, ashaPrunerPlugin } from '../../src/pruner/asha-pruner.js';
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

/** A trial whose only value `value` was reported at `epoch` (the rung values of a test). */
function at(epoch: number, value: number, state: TrialState = 'running'): TrialRecord {
  return trial(state, [...Array<number>(epoch - 1).fill(0.5), value]);
}

function context(trials: readonly TrialRecord[], direction: Direction = 'minimize'): PrunerContext {
  return { direction, trials };
}

/** The epochs 1…last at which `pruner` decides anything for a trial always worse than others. */
function checkedEpochs(pruner: Pruner, last: number): number[] {
  const others = [0, 1, 2, 3, 4, 5, 6, 7].map(() =>
    trial(
      'running',
      Array.from({ length: last }, () => 0.1),
    ),
  );
  const epochs: number[] = [];
  for (let epoch = 1; epoch <= last; epoch += 1) {
    const worst = trial(
      'running',
      Array.from({ length: epoch }, () => 0.9),
    );
    if (pruner.check(worst, context(others)) !== null) epochs.push(epoch);
  }
  return epochs;
}

describe('ashaPruner', () => {
  it('checks only at the rung epochs minEpochs·η^(s+k)', () => {
    expect(checkedEpochs(ashaPruner(), 30)).toEqual([1, 3, 9, 27]);
    expect(checkedEpochs(ashaPruner({ reductionFactor: 4 }), 70)).toEqual([1, 4, 16, 64]);
    expect(checkedEpochs(ashaPruner({ minEpochs: 2, reductionFactor: 2 }), 40)).toEqual([
      2, 4, 8, 16, 32,
    ]);
    expect(
      checkedEpochs(ashaPruner({ minEpochs: 2, reductionFactor: 2, minEarlyStoppingRate: 1 }), 40),
    ).toEqual([4, 8, 16, 32]);
    expect(
      checkedEpochs(ashaPruner({ minEpochs: 5, reductionFactor: 3, minEarlyStoppingRate: 2 }), 140),
    ).toEqual([45, 135]);
  });

  it('prunes a trial outside the top ⌊n/η⌋ at a rung, with the figures', () => {
    const others = [at(3, 0.12), at(3, 0.2), at(3, 0.3), at(3, 0.35), at(3, 0.5)];
    expect(ashaPruner().check(at(3, 0.41), context(others))).toEqual({
      reason: 'value 0.41 at rung epoch 3 ranks 5th of 6 (top 2 continue, η = 3)',
    });
  });

  it('promotes at the boundary rank and prunes just below it; a tie at the boundary goes on', () => {
    const others = [at(3, 0.12), at(3, 0.2), at(3, 0.3), at(3, 0.35), at(3, 0.5)];
    const pruner = ashaPruner();
    expect(pruner.check(at(3, 0.05), context(others))).toBeNull(); // 1st of 6
    expect(pruner.check(at(3, 0.19), context(others))).toBeNull(); // 2nd of 6
    expect(pruner.check(at(3, 0.2), context(others))).toBeNull(); // tied 2nd of 6
    expect(pruner.check(at(3, 0.21), context(others))).toEqual({
      reason: 'value 0.21 at rung epoch 3 ranks 3rd of 6 (top 2 continue, η = 3)',
    });
  });

  it('lets ⌊n/η⌋ go on: 8 values → 2, 9 values → 3', () => {
    const eight = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((v) => at(1, v));
    expect(ashaPruner().check(at(1, 0.25), context(eight))).toEqual({
      reason: 'value 0.25 at rung epoch 1 ranks 3rd of 8 (top 2 continue, η = 3)',
    });
    const nine = [...eight, at(1, 0.8)];
    expect(ashaPruner().check(at(1, 0.25), context(nine))).toBeNull();
    expect(ashaPruner().check(at(1, 0.35), context(nine))).toEqual({
      reason: 'value 0.35 at rung epoch 1 ranks 4th of 9 (top 3 continue, η = 3)',
    });
  });

  it('small n: while fewer than η values are in, only a trial no worse than all of them goes on', () => {
    const pruner = ashaPruner(); // η = 3
    // the first trial to reach a rung always goes on
    expect(pruner.check(at(3, 0.9), context([]))).toBeNull();
    expect(pruner.check(at(3, 0.9), context([at(1, 0.1), at(2, 0.1)]))).toBeNull();
    // n = 2
    expect(pruner.check(at(3, 0.2), context([at(3, 0.3)]))).toBeNull();
    expect(pruner.check(at(3, 0.3), context([at(3, 0.3)]))).toBeNull();
    expect(pruner.check(at(3, 0.5), context([at(3, 0.3)]))).toEqual({
      reason:
        'value 0.5 at rung epoch 3 ranks 2nd of 2 (top 1 continues: fewer than η = 3 values at this rung)',
    });
    // n = 3 = η: ⌊3/3⌋ = 1 by the ordinary rule
    expect(pruner.check(at(3, 0.5), context([at(3, 0.3), at(3, 0.7)]))).toEqual({
      reason: 'value 0.5 at rung epoch 3 ranks 2nd of 3 (top 1 continues, η = 3)',
    });
    expect(pruner.check(at(3, 0.29), context([at(3, 0.3), at(3, 0.7)]))).toBeNull();
  });

  it('compares with every trial that reported the rung epoch, in any state', () => {
    const others = [
      at(3, 0.1, 'complete'),
      at(3, 0.15, 'pruned'),
      at(3, 0.18, 'failed'),
      at(3, 0.4, 'running'),
      at(3, 0.5, 'running'),
    ];
    expect(ashaPruner().check(at(3, 0.2), context(others))).toEqual({
      reason: 'value 0.2 at rung epoch 3 ranks 4th of 6 (top 2 continue, η = 3)',
    });
  });

  it('uses only values reported exactly at the rung epoch', () => {
    // these trials never reached epoch 3 (or stopped before it); their values do not count
    const others = [trial('pruned', [0.01]), trial('pruned', [0.01, 0.01]), at(3, 0.3)];
    expect(ashaPruner().check(at(3, 0.2), context(others))).toBeNull(); // 1st of 2
    // a trial further on counts with its value at epoch 3, not its newest one
    const further = [trial('running', [0.5, 0.5, 0.1, 0.01, 0.01]), at(3, 0.3)];
    expect(ashaPruner().check(at(3, 0.2), context(further))).toEqual({
      reason: 'value 0.2 at rung epoch 3 ranks 2nd of 3 (top 1 continues, η = 3)',
    });
  });

  it('respects direction maximize: larger is better', () => {
    const accuracies = [at(1, 0.9), at(1, 0.85), at(1, 0.7), at(1, 0.6), at(1, 0.5)];
    const pruner = ashaPruner();
    expect(pruner.check(at(1, 0.85), context(accuracies, 'maximize'))).toBeNull(); // tied 2nd
    expect(pruner.check(at(1, 0.8), context(accuracies, 'maximize'))).toEqual({
      reason: 'value 0.8 at rung epoch 1 ranks 3rd of 6 (top 2 continue, η = 3)',
    });
    // the same values minimizing: 0.5 is the best
    expect(pruner.check(at(1, 0.55), context(accuracies))).toBeNull();
    expect(pruner.check(at(1, 0.8), context(accuracies))?.reason).toBe(
      'value 0.8 at rung epoch 1 ranks 4th of 6 (top 2 continue, η = 3)',
    );
  });

  it('prunes a NaN value at a rung and leaves other trials’ NaN values out', () => {
    expect(ashaPruner().check(at(3, Number.NaN), context([]))).toEqual({
      reason: 'value NaN at rung epoch 3',
    });
    expect(ashaPruner().check(at(2, Number.NaN), context([]))).toBeNull(); // not a rung
    const others = [at(1, Number.NaN), at(1, Number.NaN), at(1, 0.1)];
    expect(ashaPruner().check(at(1, 0.2), context(others))?.reason).toBe(
      'value 0.2 at rung epoch 1 ranks 2nd of 2 (top 1 continues: fewer than η = 3 values at this rung)',
    );
  });

  it('ignores the trial itself in the context and returns null before any value', () => {
    const earlier = at(1, 0.01, 'failed');
    const self = trial('running', [0.5], earlier.number);
    expect(ashaPruner().check(self, context([earlier]))).toBeNull();
    expect(ashaPruner().check(trial('running', []), context([at(1, 0.1)]))).toBeNull();
  });

  it('writes ordinals and figures in English', () => {
    const better = (count: number): TrialRecord[] =>
      Array.from({ length: count }, (_, i) => at(1, i / 1000));
    const reason = (count: number): string | undefined =>
      ashaPruner().check(at(1, 0.123456), context(better(count)))?.reason;
    expect(reason(10)).toBe(
      'value 0.1235 at rung epoch 1 ranks 11th of 11 (top 3 continue, η = 3)',
    );
    expect(reason(11)).toBe(
      'value 0.1235 at rung epoch 1 ranks 12th of 12 (top 4 continue, η = 3)',
    );
    expect(reason(12)).toBe(
      'value 0.1235 at rung epoch 1 ranks 13th of 13 (top 4 continue, η = 3)',
    );
    expect(reason(20)).toBe(
      'value 0.1235 at rung epoch 1 ranks 21st of 21 (top 7 continue, η = 3)',
    );
    expect(reason(21)).toBe(
      'value 0.1235 at rung epoch 1 ranks 22nd of 22 (top 7 continue, η = 3)',
    );
    expect(reason(22)).toBe(
      'value 0.1235 at rung epoch 1 ranks 23rd of 23 (top 7 continue, η = 3)',
    );
    expect(reason(3)).toBe('value 0.1235 at rung epoch 1 ranks 4th of 4 (top 1 continues, η = 3)');
  });

  it('records its name and validated options', () => {
    expect(ashaPruner().name).toBe('asha');
    expect(ashaPruner().options).toEqual({
      minEpochs: 1,
      reductionFactor: 3,
      minEarlyStoppingRate: 0,
    });
    expect(ashaPruner({ reductionFactor: 4 }).options).toEqual({
      minEpochs: 1,
      reductionFactor: 4,
      minEarlyStoppingRate: 0,
    });
  });

  it('rejects invalid options through its schema', () => {
    expect(() => ashaPruner({ reductionFactor: 1 })).toThrow(InvalidHyperparameterError);
    expect(() => ashaPruner({ reductionFactor: 1 })).toThrow(
      "pruner 'asha': option 'reductionFactor' must be an integer >= 2, got 1",
    );
    expect(() => ashaPruner({ reductionFactor: 2.5 })).toThrow(
      "pruner 'asha': option 'reductionFactor' must be an integer >= 2, got 2.5",
    );
    expect(() => ashaPruner({ minEpochs: 0 })).toThrow(
      "pruner 'asha': option 'minEpochs' must be an integer >= 1, got 0",
    );
    expect(() => ashaPruner({ minEarlyStoppingRate: -1 })).toThrow(
      "pruner 'asha': option 'minEarlyStoppingRate' must be an integer >= 0, got -1",
    );
    // @ts-expect-error -- a string where a number is expected
    expect(() => ashaPruner({ reductionFactor: '3' })).toThrow(ConfigError);
  });

  it('is created by name through a registry with the same validation', () => {
    const registry = createRegistry();
    registry.register(ashaPrunerPlugin);
    const pruner = registry.create('pruner', 'asha', { reductionFactor: 2 }) as Pruner;
    expect(pruner.check(at(2, 0.3), context([at(2, 0.1), at(2, 0.2), at(2, 0.4)]))).toEqual({
      reason: 'value 0.3 at rung epoch 2 ranks 3rd of 4 (top 2 continue, η = 2)',
    });
    expect(() => registry.create('pruner', 'asha', { reductionFactor: 1 })).toThrow(
      InvalidHyperparameterError,
    );
  });
});
