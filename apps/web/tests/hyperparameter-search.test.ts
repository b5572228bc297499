import { Rng, deriveSeed } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { createCaviarTrialJob } from '../src/experiments/search/caviar-trial-job.js';
import {
  C2F_FLOOR,
  C2F_OPTIMUM,
  CoarseToFineRun,
  c2fObjective,
} from '../src/experiments/search/coarse-to-fine-run.js';
import { gridVsRandom } from '../src/experiments/search/grid-vs-random.js';
import { PandaJob, type PandaConfig } from '../src/experiments/search/panda-job.js';
import type { PandaCommand, PandaReport } from '../src/experiments/search/panda-protocol.js';
import { servePanda } from '../src/experiments/search/serve-panda.js';
import { decadeIndex, scaleSamples } from '../src/experiments/search/scale-samples.js';
import {
  HYPERPARAMETER_SEARCH_PARAMS,
  coarseToFineConfig,
} from '../src/pages/hyperparameter-search/hyperparameter-search-params.js';

/** The random sampler's uniform number for trial `trial` and hyperparameter `name`. */
function unit(seed: number, trial: number, name: string): number {
  return new Rng(deriveSeed(seed, trial, name)).nextFloat();
}

describe('grid vs random', () => {
  it('with N = k² trials the grid tries k values of α and of ε, random search N', () => {
    for (const k of [2, 3, 5, 7, 10]) {
      const result = gridVsRandom(k * k, 1);
      expect([result.grid.distinctAlpha, result.grid.distinctEpsilon]).toEqual([k, k]);
      expect([result.random.distinctAlpha, result.random.distinctEpsilon]).toEqual([k * k, k * k]);
    }
  });

  it('places the grid on k log-spaced values and the random trials on 10^(−4 + 4u)', () => {
    const result = gridVsRandom(10, 1);
    // 10 trials need k = 4 points per axis (16 ≥ 10 > 9): α ∈ {1e-4, 10^(-8/3), 10^(-4/3), 1}.
    const axis = [1e-4, 10 ** (-8 / 3), 10 ** (-4 / 3), 1];
    for (const alpha of result.grid.alpha) {
      expect(axis.some((point) => Math.abs(point - alpha) < 1e-12 * Math.max(1, point))).toBe(true);
    }
    expect(result.grid.distinctAlpha).toBe(4);
    expect(result.grid.distinctEpsilon).toBe(4);
    for (let trial = 0; trial < 10; trial++) {
      expect(result.random.alpha[trial]).toBeCloseTo(10 ** (-4 + 4 * unit(1, trial, 'alpha')), 14);
      const epsilon = 10 ** (-10 + 4 * unit(1, trial, 'epsilon'));
      expect(result.random.epsilon[trial]! / epsilon).toBeCloseTo(1, 12);
    }
  });
});

describe('sampling on the right scale', () => {
  it('counts each decade exactly as the seeded random sampler draws it', () => {
    const samples = 300;
    const seed = 7;
    const transforms: Record<string, (u: number) => number> = {
      'uniform-alpha': (u) => 1e-4 + u * (1 - 1e-4),
      'log-alpha': (u) => 10 ** (-4 + 4 * u),
      'uniform-beta': (u) => 0.9 + u * (0.999 - 0.9),
      'one-minus-log-beta': (u) => {
        const low = Math.log10(1 - 0.999);
        return 1 - 10 ** (low + u * (-1 - low));
      },
    };
    for (const row of scaleSamples(samples, seed)) {
      const transform = transforms[row.spec.key]!;
      const counts = new Array<number>(row.spec.edges.length - 1).fill(0);
      for (let i = 0; i < samples; i++) {
        const value = transform(unit(seed, i, row.spec.key));
        expect(row.values[i]).toBeCloseTo(value, 12);
        for (let j = 0; j < counts.length; j++) {
          if (value >= row.spec.edges[j]! && value < row.spec.edges[j + 1]!) counts[j] += 1;
        }
      }
      expect(row.counts).toEqual(counts);
      expect(row.counts.reduce((sum, count) => sum + count, 0)).toBe(samples);
    }
  });

  it('uniform(1e-4, 1) puts ~90 % in [0.1, 1], log ~25 % per decade, 1 − β log half per decade', () => {
    const rows = Object.fromEntries(scaleSamples(2000, 1).map((row) => [row.spec.key, row]));
    const share = (key: string, index: number) => rows[key]!.counts[index]! / 2000;
    expect(share('uniform-alpha', 3)).toBeGreaterThan(0.87);
    expect(share('uniform-alpha', 3)).toBeLessThan(0.93);
    expect(share('uniform-alpha', 0)).toBeLessThan(0.005);
    for (let decade = 0; decade < 4; decade++) {
      expect(share('log-alpha', decade)).toBeGreaterThan(0.21);
      expect(share('log-alpha', decade)).toBeLessThan(0.29);
    }
    expect(share('uniform-beta', 0)).toBeGreaterThan(0.88);
    expect(share('uniform-beta', 0)).toBeLessThan(0.94);
    expect(share('one-minus-log-beta', 0)).toBeGreaterThan(0.46);
    expect(share('one-minus-log-beta', 0)).toBeLessThan(0.54);
  });

  it('finds the decade of a value, edges included on the left (the top edge in the last)', () => {
    const edges = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    expect(decadeIndex(edges, 1e-4)).toBe(0);
    expect(decadeIndex(edges, 1e-3)).toBe(1);
    expect(decadeIndex(edges, 0.5)).toBe(3);
    expect(decadeIndex(edges, 1)).toBe(3);
    expect(decadeIndex(edges, 2)).toBe(-1);
    expect(decadeIndex(edges, 1e-5)).toBe(-1);
  });
});

describe('coarse to fine', () => {
  it('the objective has its floor at the optimum and its noise is seeded', () => {
    const alpha = 10 ** C2F_OPTIMUM.logAlpha;
    const beta = 1 - 10 ** C2F_OPTIMUM.logOneMinusBeta;
    expect(c2fObjective(alpha, beta, 0, 3)).toBeCloseTo(C2F_FLOOR, 12);
    expect(c2fObjective(0.5, 0.9, 0, 3)).toBeGreaterThan(C2F_FLOOR + 0.1);
    expect(c2fObjective(alpha, beta, 0.1, 3)).toBe(c2fObjective(alpha, beta, 0.1, 3));
    expect(Math.abs(c2fObjective(alpha, beta, 0.1, 3) - C2F_FLOOR)).toBeLessThanOrEqual(0.05);
  });

  it('each box is smaller and contains the top-k trials of the round before', async () => {
    const { values } = readParams(
      HYPERPARAMETER_SEARCH_PARAMS,
      new URLSearchParams('rounds=4&perRound=12&topK=3&seed=4'),
    );
    const config = coarseToFineConfig(values);
    const run = await CoarseToFineRun.create(config);
    while (!run.done) await run.step();
    expect(run.rounds.map((round) => round.trials.length)).toEqual([12, 12, 12, 12]);
    expect(run.rounds[0]!.box).toEqual({
      logAlpha: [-4, 0],
      logOneMinusBeta: [Math.log10(1 - 0.999), -1],
    });
    for (let r = 1; r < run.rounds.length; r++) {
      const previous = run.rounds[r - 1]!;
      const box = run.rounds[r]!.box;
      const width = (range: readonly [number, number]) => range[1] - range[0];
      expect(width(box.logAlpha)).toBeLessThan(width(previous.box.logAlpha));
      expect(width(box.logOneMinusBeta)).toBeLessThan(width(previous.box.logOneMinusBeta));
      const top = [...previous.trials].sort((a, b) => a.value - b.value).slice(0, 3);
      expect(top[0]).toEqual(previous.best);
      for (const trial of top) {
        expect(trial.logAlpha).toBeGreaterThanOrEqual(box.logAlpha[0]);
        expect(trial.logAlpha).toBeLessThanOrEqual(box.logAlpha[1]);
        expect(trial.logOneMinusBeta).toBeGreaterThanOrEqual(box.logOneMinusBeta[0]);
        expect(trial.logOneMinusBeta).toBeLessThanOrEqual(box.logOneMinusBeta[1]);
      }
      for (const trial of run.rounds[r]!.trials) {
        expect(trial.logAlpha).toBeGreaterThanOrEqual(box.logAlpha[0] - 1e-12);
        expect(trial.logAlpha).toBeLessThanOrEqual(box.logAlpha[1] + 1e-12);
      }
    }
    expect(run.best!.value).toBeLessThanOrEqual(run.rounds[0]!.best.value);
    const again = await CoarseToFineRun.create(config);
    while (!again.done) await again.step();
    expect(again.rounds).toEqual(run.rounds);
  });
});

describe('panda', () => {
  const config: PandaConfig = {
    dataSeed: 1,
    modelSeed: 1,
    learningRate: 0.1,
    hiddenUnits: 16,
    batchSize: 32,
    maxEpochs: 20,
  };

  it('revert restores exactly the cost at that epoch, and training on repeats the epoch', async () => {
    const reference = new PandaJob(config);
    const straight = await reference.train(4);

    const job = new PandaJob(config);
    const atThree = await job.train(3);
    expect(atThree.history).toEqual(straight.history.slice(0, 3));
    const adjusted = job.adjust(1.5);
    expect(adjusted.nextLearningRate).toBe(1.5);
    const bolder = await job.train(2);
    expect(bolder.history.map((epoch) => epoch.learningRate)).toEqual([0.1, 0.1, 0.1, 1.5, 1.5]);
    expect(bolder.currentDevCost).not.toBe(atThree.currentDevCost);

    const reverted = job.revert(3);
    expect(reverted.epoch).toBe(3);
    expect(reverted.nextLearningRate).toBe(0.1);
    expect(reverted.currentDevCost).toBe(atThree.currentDevCost);
    expect(reverted.currentDevCost).toBe(atThree.history[2]!.devCost);
    expect(reverted.history).toEqual(atThree.history);
    const onward = await job.train(1);
    expect(onward.history[3]).toEqual(straight.history[3]);
  });

  it('the worker answers commands one at a time, in order; a new start replaces the session', async () => {
    const reports: PandaReport[] = [];
    let listener: ((event: MessageEvent) => void) | undefined;
    servePanda({
      postMessage: (message) => reports.push(message as PandaReport),
      addEventListener: (_type, handler) => (listener = handler),
    });
    const send = (command: PandaCommand) => listener!({ data: command } as MessageEvent);
    send({ type: 'start', runId: 1, config });
    send({ type: 'train', epochs: 2 });
    send({ type: 'start', runId: 2, config });
    send({ type: 'train', epochs: 2 });
    send({ type: 'adjust', learningRate: 0.5 });
    send({ type: 'train', epochs: 1 });
    send({ type: 'revert', epoch: 1 });
    send({ type: 'revert', epoch: 9 });
    while (reports.length < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    const summary = reports.map((report) =>
      report.type === 'snapshot'
        ? [report.runId, report.command, report.snapshot.epoch, report.snapshot.nextLearningRate]
        : [report.runId, 'error', report.message],
    );
    expect(summary).toEqual([
      [1, 'start', 0, 0.1],
      [1, 'train', 2, 0.1],
      [2, 'start', 0, 0.1],
      [2, 'train', 2, 0.1],
      [2, 'adjust', 2, 0.5],
      [2, 'train', 3, 0.5],
      [2, 'revert', 1, 0.1],
      [2, 'error', 'babysit: revert: no checkpoint for epoch 9; the checkpoints are epochs 0 to 1'],
    ]);
    const trained = reports[5]!;
    expect(trained.type === 'snapshot' && trained.snapshot.history[2]!.learningRate).toBe(0.5);
  });

  it('stops at the epoch budget', async () => {
    const job = new PandaJob({ ...config, maxEpochs: 2 });
    const snapshot = await job.train(5);
    expect(snapshot.epoch).toBe(2);
    expect(job.done).toBe(true);
  });
});

describe('caviar trial', () => {
  it('reports its dev cost every two epochs until its budget', async () => {
    const job = createCaviarTrialJob({
      trialNumber: 3,
      learningRate: 0.05,
      hiddenUnits: 8,
      trialSeed: deriveSeed(1, 3),
      dataSeed: 1,
      epochs: 5,
      epochsPerStep: 2,
    });
    const signal = new AbortController().signal;
    const snapshots = [job.initial()];
    while (!job.done) snapshots.push(await job.step(signal));
    expect(snapshots.map((snapshot) => snapshot.epoch)).toEqual([0, 2, 4, 5]);
    expect(snapshots.every((snapshot) => snapshot.trialNumber === 3)).toBe(true);
    expect(snapshots.at(-1)!.devCost).toBeLessThan(snapshots[0]!.devCost);
  });
});
