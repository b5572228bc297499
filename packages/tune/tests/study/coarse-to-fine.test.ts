import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError } from '@deeptune/core';
import {
  coarseToFine,
  createStudy,
  hp,
  memoryStorage,
  narrowDistribution,
  randomSampler,
  searchSpace,
  type LogDistribution,
  type OneMinusLogDistribution,
  type Trial,
} from '../../src/index.js';

const space = searchSpace({
  learningRate: hp.log(1e-4, 1),
  beta: hp.oneMinusLog(0.9, 0.999),
  units: hp.int(32, 256),
  optimizer: hp.choice(['adam', 'momentum', 'sgd']),
});

/** Best at α = 0.003, β = 0.99, 100 units, adam. */
function objective(trial: Trial): number {
  const { learningRate, beta, units, optimizer } = trial.params as {
    learningRate: number;
    beta: number;
    units: number;
    optimizer: string;
  };
  return (
    (Math.log10(learningRate) - Math.log10(0.003)) ** 2 +
    (Math.log10(1 - beta) + 2) ** 2 +
    ((units - 100) / 100) ** 2 +
    (optimizer === 'adam' ? 0 : 0.5)
  );
}

describe('narrowDistribution', () => {
  it('boxes log values in log10 space with the margin as a fraction of the width', () => {
    const box = narrowDistribution(hp.log(1e-4, 1), [0.001, 0.01], 0.1) as LogDistribution;
    expect(box.scale).toBe('log');
    expect(Math.log10(box.low)).toBeCloseTo(-3.4, 12);
    expect(Math.log10(box.high)).toBeCloseTo(-1.6, 12);
  });

  it('boxes β values in log10(1 − β) space', () => {
    const box = narrowDistribution(
      hp.oneMinusLog(0.9, 0.999),
      [0.99],
      0.25,
    ) as OneMinusLogDistribution;
    expect(box.low).toBeCloseTo(1 - 10 ** -1.5, 12); // 0.96838
    expect(box.high).toBeCloseTo(1 - 10 ** -2.5, 12); // 0.99684
  });

  it('keeps the box inside the current one, covers whole integers, and keeps chosen values', () => {
    expect(narrowDistribution(hp.log(1e-4, 1), [0.5, 1], 0.2)).toMatchObject({ high: 1 });
    expect(narrowDistribution(hp.int(32, 256), [100, 120], 0.05)).toEqual({
      scale: 'int',
      low: 88, // 100 − 0.05·225 = 88.75, floored
      high: 132, // the box ends at 121 + 11.25 = 132.25, inside the cell of 132
    });
    expect(
      narrowDistribution(hp.choice(['adam', 'momentum', 'sgd']), ['sgd', 'adam'], 0.1),
    ).toEqual({
      scale: 'choice',
      values: ['adam', 'sgd'],
    });
    expect(narrowDistribution(hp.uniform(0, 10), [5], 0.1)).toEqual({
      scale: 'uniform',
      low: 4,
      high: 6,
    });
  });
});

describe('coarseToFine', () => {
  it('plans rounds × trialsPerRound trials and refuses bad options', () => {
    expect(coarseToFine({ rounds: 4, trialsPerRound: 5 }).plannedTrials).toBe(20);
    expect(() => coarseToFine({ margin: 0 })).toThrow(InvalidHyperparameterError);
    expect(() => coarseToFine({ topK: 0 })).toThrow(
      "searcher 'coarse-to-fine': option 'topK' must be an integer >= 1, got 0",
    );
  });

  it('starts a round only after the previous one finished, even with many trials at once', async () => {
    const storage = memoryStorage();
    const study = await createStudy({
      storage,
      sampler: coarseToFine({ rounds: 3, trialsPerRound: 6, topK: 2 }),
      space,
      seed: 0,
    });
    await study.optimize(
      async (trial) => {
        await new Promise((resolve) => setTimeout(resolve, (trial.number * 3) % 4));
        return objective(trial);
      },
      { concurrency: 4 },
    );
    expect(study.trials).toHaveLength(18);
    const order = storage.events.filter(
      (event) => event.type === 'trial-start' || event.type === 'trial-finish',
    );
    for (const round of [1, 2]) {
      const firstStart = order.findIndex(
        (event) => event.type === 'trial-start' && event.number === round * 6,
      );
      const lastFinishBefore = Math.max(
        ...order.flatMap((event, index) =>
          event.type === 'trial-finish' && event.number < round * 6 ? [index] : [],
        ),
      );
      expect(firstStart).toBeGreaterThan(lastFinishBefore);
    }
  });

  it('zooms each round into the box around the best trials, in each scale', async () => {
    const study = await createStudy({
      sampler: coarseToFine({ rounds: 3, trialsPerRound: 10, topK: 3, margin: 0.1 }),
      space,
      seed: 1,
    });
    await study.optimize(objective, { concurrency: 3 });
    const rounds = [0, 1, 2].map((round) => study.trials.slice(round * 10, round * 10 + 10));
    for (const round of [1, 2]) {
      const previous = rounds[round - 1]!;
      const best = [...previous]
        .sort((a, b) => a.value! - b.value! || a.number - b.number)
        .slice(0, 3);
      for (const trial of rounds[round]!) {
        const box = trial.distributions.learningRate as LogDistribution;
        const previousBox = previous[0]!.distributions.learningRate as LogDistribution;
        const logs = best.map((record) => Math.log10(record.params.learningRate as number));
        const width = Math.log10(previousBox.high) - Math.log10(previousBox.low);
        expect(Math.log10(box.low)).toBeCloseTo(
          Math.max(Math.log10(previousBox.low), Math.min(...logs) - 0.1 * width),
          9,
        );
        expect(Math.log10(box.high)).toBeCloseTo(
          Math.min(Math.log10(previousBox.high), Math.max(...logs) + 0.1 * width),
          9,
        );
        expect(trial.params.learningRate).toBeGreaterThanOrEqual(box.low);
        expect(trial.params.learningRate).toBeLessThanOrEqual(box.high);
        const betaBox = trial.distributions.beta as OneMinusLogDistribution;
        expect(trial.params.beta).toBeGreaterThanOrEqual(betaBox.low);
        expect(trial.params.beta).toBeLessThanOrEqual(betaBox.high);
        expect(trial.distributions.optimizer).toEqual({
          scale: 'choice',
          values: ['adam', 'momentum', 'sgd'].filter((name) =>
            best.some((record) => record.params.optimizer === name),
          ),
        });
      }
    }
    // Each round's best is at least as good as the round before, and the box shrank.
    const bestOf = (round: number): number =>
      Math.min(...rounds[round]!.map((trial) => trial.value!));
    expect(bestOf(2)).toBeLessThanOrEqual(bestOf(0));
    const width = (round: number): number => {
      const box = rounds[round]![0]!.distributions.learningRate as LogDistribution;
      return Math.log10(box.high / box.low);
    };
    expect(width(0)).toBe(4);
    expect(width(1)).toBeLessThan(width(0));
    expect(width(2)).toBeLessThan(width(1));
  });

  it('beats plain random search with the same budget on a smooth objective (mean over 5 seeds)', async () => {
    let fine = 0;
    let random = 0;
    for (let seed = 0; seed < 5; seed++) {
      const c2f = await createStudy({
        sampler: coarseToFine({ rounds: 3, trialsPerRound: 10 }),
        space,
        seed,
      });
      await c2f.optimize(objective);
      const plain = await createStudy({ sampler: randomSampler(), space, seed });
      await plain.optimize(objective, { trials: 30 });
      fine += c2f.bestTrial!.value! / 5;
      random += plain.bestTrial!.value! / 5;
    }
    expect(fine).toBeLessThan(random);
  });
});
