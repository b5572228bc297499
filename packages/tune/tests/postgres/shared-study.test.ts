import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, createRegistry } from '@deeptune/core';
import {
  TrialPrunedError,
  coarseToFine,
  createStudy,
  hp,
  medianPruner,
  register,
  searchSpace,
  type Trial,
} from '../../src/index.js';
import { PostgresTrialStore, SharedStudy, type WorkOptions } from '../../src/postgres/index.js';
import { TestSchemas, URL } from './test-database.js';

const schemas = new TestSchemas();

afterAll(async () => {
  await schemas.dropAll();
});

const space = searchSpace({
  learningRate: hp.log(1e-4, 1),
  optimizer: hp.choice(['adam', 'momentum']),
  beta: { distribution: hp.oneMinusLog(0.9, 0.999), when: { optimizer: 'momentum' } },
});

/** A cheap objective, best at learning rate 0.01; it yields like a trial trained in a worker thread. */
async function objective(trial: Trial): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1 + (trial.number % 3)));
  const lr = trial.params['learningRate'] as number;
  return (Math.log10(lr) + 2) ** 2 + (trial.params['optimizer'] === 'adam' ? 0 : 0.1);
}

/** Fast heartbeats, so the tests need not wait. */
const quick: WorkOptions = { heartbeatSeconds: 0.05, graceSeconds: 5, pollSeconds: 0.02 };

/** Opens `count` stores on one fresh schema. */
async function openStores(count: number): Promise<PostgresTrialStore[]> {
  const schema = schemas.fresh();
  const stores: PostgresTrialStore[] = [];
  for (let i = 0; i < count; i++) stores.push(await PostgresTrialStore.open(URL, { schema }));
  return stores;
}

async function closeAll(stores: readonly PostgresTrialStore[]): Promise<void> {
  await Promise.all(stores.map((store) => store.close()));
}

describe('SharedStudy: many workers, one study', () => {
  it('runs every trial exactly once across workers, with the configurations of one worker and of a local study', async () => {
    const stores = await openStores(3);
    const single = await openStores(1);
    try {
      const settings = { name: 'lr', space, trials: 40, seed: 7 };
      const studies = await Promise.all(stores.map((store) => SharedStudy.open(store, settings)));
      const results = await Promise.all(
        studies.map((study, i) =>
          study.work(objective, { ...quick, workerId: `w${i}`, concurrency: 2 }),
        ),
      );
      expect(results.map((result) => result.studyDone)).toEqual([true, true, true]);
      expect(results.reduce((sum, result) => sum + result.finished, 0)).toBe(40);
      expect(results.every((result) => result.lost === 0)).toBe(true);
      const trials = await studies[0]!.storedTrials();
      expect(trials.map((trial) => trial.number)).toEqual([...Array(40).keys()]);
      expect(trials.every((trial) => trial.state === 'complete' && trial.attempt === 1)).toBe(true);
      // Every worker ran some: the trials were shared out.
      const workers = new Set(trials.map((trial) => trial.workerId));
      expect(workers.size).toBeGreaterThan(1);

      const alone = await SharedStudy.open(single[0]!, settings);
      expect(await alone.work(objective, { ...quick, workerId: 'alone' })).toMatchObject({
        finished: 40,
        studyDone: true,
      });
      const local = await createStudy(settings);
      await local.optimize(objective);
      const params = (await alone.storedTrials()).map((trial) => trial.params);
      expect(trials.map((trial) => trial.params)).toEqual(params);
      expect(local.trials.map((trial) => trial.params)).toEqual(params);
      expect((await studies[1]!.bestTrial())?.number).toBe(local.bestTrial?.number);
    } finally {
      await closeAll([...stores, ...single]);
    }
  });

  it('computes each coarse-to-fine round once and stores its box; rounds wait for the round before', async () => {
    const stores = await openStores(2);
    const single = await openStores(1);
    try {
      const settings = {
        name: 'c2f',
        space,
        seed: 3,
        sampler: coarseToFine({ rounds: 3, trialsPerRound: 6, topK: 2 }),
      };
      const studies = await Promise.all(stores.map((store) => SharedStudy.open(store, settings)));
      expect(studies[0]!.plannedTrials).toBe(18);
      await Promise.all(
        studies.map((study, i) =>
          study.work(objective, { ...quick, workerId: `w${i}`, concurrency: 3 }),
        ),
      );
      const trials = await studies[0]!.storedTrials();
      expect(trials).toHaveLength(18);
      const rounds = await studies[0]!.rounds();
      expect(rounds.map((round) => round.round)).toEqual([0, 1, 2]);
      expect(rounds[0]!.boxes['learningRate']).toEqual({ scale: 'log', low: 1e-4, high: 1 });
      const box1 = rounds[1]!.boxes['learningRate'] as { low: number; high: number };
      expect(box1.high - box1.low).toBeLessThan(1 - 1e-4);
      for (const trial of trials) {
        const round = Math.floor(trial.number / 6);
        expect(trial.distributions['learningRate']).toEqual(rounds[round]!.boxes['learningRate']);
        // A round's trials started only once the round before had finished.
        if (round > 0) {
          const before = trials.filter((other) => Math.floor(other.number / 6) === round - 1);
          const lastFinish = Math.max(...before.map((other) => other.finishedAt!.getTime()));
          expect(trial.startedAt!.getTime()).toBeGreaterThanOrEqual(lastFinish);
        }
      }
      const alone = await SharedStudy.open(single[0]!, settings);
      await alone.work(objective, { ...quick, workerId: 'alone' });
      expect((await alone.storedTrials()).map((trial) => trial.params)).toEqual(
        trials.map((trial) => trial.params),
      );
      expect((await alone.rounds()).map((round) => round.boxes)).toEqual(
        rounds.map((round) => round.boxes),
      );
    } finally {
      await closeAll([...stores, ...single]);
    }
  });

  it("prunes with every worker's intermediate values, read from the database", async () => {
    const stores = await openStores(2);
    try {
      const settings = {
        name: 'pruned',
        trials: 4,
        seed: 1,
        space: searchSpace({ learningRate: hp.log(1e-4, 1) }),
        pruner: medianPruner({ startupTrials: 2 }),
      };
      const [first, second] = await Promise.all(
        stores.map((store) => SharedStudy.open(store, settings)),
      );
      // Worker A completes two good trials (0.1 at every epoch) and stops.
      const good = async (trial: Trial): Promise<number> => {
        for (let epoch = 1; epoch <= 3; epoch++) trial.report(epoch, 0.1);
        return 0.1;
      };
      let started = 0;
      const stopA = new AbortController();
      await first!.work(good, {
        ...quick,
        workerId: 'A',
        signal: stopA.signal,
        onTrialFinish: () => {
          if (++started === 2) stopA.abort();
        },
      });
      // Worker B's trials are worse from epoch 1: pruned by A's values.
      const epochsRun: number[] = [];
      const bad = async (trial: Trial): Promise<number> => {
        for (let epoch = 1; epoch <= 3; epoch++) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          trial.report(epoch, 0.9);
          epochsRun.push(epoch);
          if (trial.shouldPrune()) throw new TrialPrunedError(trial.pruneReason!);
        }
        return 0.9;
      };
      const result = await second!.work(bad, { ...quick, workerId: 'B' });
      expect(result).toMatchObject({ finished: 2, studyDone: true });
      const trials = await second!.storedTrials();
      expect(trials.map((trial) => trial.state)).toEqual([
        'complete',
        'complete',
        'pruned',
        'pruned',
      ]);
      expect(trials[2]!.reason).toBe(
        'best value 0.9 by epoch 1 is worse than the median 0.1 of 2 completed trials at epoch 1',
      );
      expect(trials[2]!.value).toBe(0.9);
      expect(trials[2]!.intermediate).toEqual([{ epoch: 1, value: 0.9 }]);
      expect(epochsRun).toEqual([1, 1]);
    } finally {
      await closeAll(stores);
    }
  });

  it("drops the result of a worker that lost its claim; the retry's result stands", async () => {
    const stores = await openStores(2);
    try {
      const settings = { name: 'lost', trials: 1, seed: 0, space };
      const [slow, fast] = await Promise.all(
        stores.map((store) => SharedStudy.open(store, settings)),
      );
      let release: () => void = () => undefined;
      const stalled = new Promise<void>((resolve) => {
        release = resolve;
      });
      const notices: string[] = [];
      // The slow worker's heartbeats stop (as if its machine froze): its only trial stalls.
      const slowRun = slow!.work(
        async () => {
          await stalled;
          return 0.5;
        },
        {
          workerId: 'slow',
          heartbeatSeconds: 60,
          graceSeconds: 120,
          pollSeconds: 0.02,
          onNotice: (message) => notices.push(message),
        },
      );
      while ((await fast!.storedTrials()).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await schemas.sql(
        `UPDATE "${stores[0]!.schema}".trials SET heartbeat_at = now() - interval '1 hour'`,
      );
      const fastResult = await fast!.work(async () => 0.25, { ...quick, workerId: 'fast' });
      expect(fastResult).toMatchObject({ finished: 1, lost: 0, studyDone: true });
      release();
      const slowResult = await slowRun;
      expect(slowResult).toMatchObject({ finished: 0, lost: 1, studyDone: true });
      expect(notices).toContain(
        "trial 0 (attempt 1): another worker re-queued it after its heartbeat stopped; its result is dropped, the other attempt's stands",
      );
      const [trial] = await fast!.storedTrials();
      expect(trial).toMatchObject({ state: 'complete', value: 0.25, attempt: 2, retries: 1 });
      expect(trial!.lostAttempts).toMatchObject([{ attempt: 1, workerId: 'slow' }]);
    } finally {
      await closeAll(stores);
    }
  });

  it('gives running trials back to the queue when stopped, without using a retry', async () => {
    const stores = await openStores(1);
    try {
      const study = await SharedStudy.open(stores[0]!, { name: 'stop', trials: 3, space });
      const controller = new AbortController();
      const result = await study.work(
        async (trial) => {
          controller.abort();
          await new Promise((resolve) => setTimeout(resolve, 5));
          return trial.signal.aborted ? 1 : 0;
        },
        { ...quick, signal: controller.signal, workerId: 'w' },
      );
      expect(result).toEqual({ finished: 0, lost: 0, interrupted: true, studyDone: false });
      const [trial] = await study.storedTrials();
      expect(trial).toMatchObject({ state: 'queued', attempt: 1, retries: 0 });
      expect(trial!.lostAttempts).toEqual([
        { attempt: 1, workerId: 'w', reason: 'stopped: the worker was stopped' },
      ]);
      // The next run takes it up again, as attempt 2, with the same hyperparameters.
      const again = await study.work(async () => 0.5, { ...quick, workerId: 'w2' });
      expect(again).toMatchObject({ finished: 3, studyDone: true });
      const [retried] = await study.storedTrials();
      expect(retried).toMatchObject({ state: 'complete', attempt: 2, params: trial!.params });
    } finally {
      await closeAll(stores);
    }
  });

  it('records outcomes as a local study does, and rethrows a bug in the objective', async () => {
    const stores = await openStores(1);
    try {
      const study = await SharedStudy.open(stores[0]!, { name: 'outcomes', trials: 4, space });
      const finished: number[] = [];
      await expect(
        study.work(
          async (trial) => {
            trial.setAttribute('devError', 0.5);
            if (trial.number === 0) return Number.NaN;
            if (trial.number === 1) throw new ShapeError('matmul: shapes [2, 3] and [4, 5]');
            if (trial.number === 2) return 0.125;
            throw new TypeError('objective bug');
          },
          { ...quick, onTrialFinish: (record) => finished.push(record.number) },
        ),
      ).rejects.toThrow('objective bug');
      const trials = await study.storedTrials();
      expect(trials.map((trial) => [trial.state, trial.value, trial.reason])).toEqual([
        ['failed', null, 'the objective returned NaN'],
        ['failed', null, 'matmul: shapes [2, 3] and [4, 5]'],
        ['complete', 0.125, null],
        ['failed', null, 'objective bug'],
      ]);
      expect(trials[2]!.attributes).toEqual({ devError: 0.5 });
      expect(trials[2]!.seconds).toBeGreaterThanOrEqual(0);
      expect(finished).toEqual([0, 1, 2, 3]);
    } finally {
      await closeAll(stores);
    }
  });
});

describe('SharedStudy: joining and bad input', () => {
  it('joins a study by name with its stored sampler, pruner and space', async () => {
    const stores = await openStores(2);
    try {
      const created = await SharedStudy.open(stores[0]!, {
        name: 'joined',
        space,
        seed: 5,
        sampler: coarseToFine({ rounds: 2, trialsPerRound: 3 }),
        pruner: medianPruner({ startupTrials: 2 }),
      });
      const registry = createRegistry();
      register(registry);
      const joined = await SharedStudy.join(stores[1]!, 'joined', { registry });
      expect(joined.sampler.options).toEqual(created.sampler.options);
      expect(joined.pruner?.name).toBe('median');
      expect(joined.space?.entries).toEqual(space.entries);
      expect(joined.plannedTrials).toBe(6);
      expect(joined.id).toBe(created.id);
    } finally {
      await closeAll(stores);
    }
  });

  it('names the studies a storage has when asked to join one it does not', async () => {
    const stores = await openStores(1);
    try {
      const store = stores[0]!;
      await expect(SharedStudy.join(store, 'nope')).rejects.toThrow(
        `storage ${store.description} has no study 'nope'; it holds no study yet. Create it by starting a search with this storage (deeptune tune --storage <url> --study nope …)`,
      );
      await SharedStudy.open(store, { name: 'a', trials: 2 });
      await SharedStudy.open(store, { name: 'b', trials: 2 });
      await expect(SharedStudy.join(store, 'c')).rejects.toThrow(
        `storage ${store.description} has no study 'c'; its studies: 'a', 'b'.`,
      );
      const empty = createRegistry();
      await expect(SharedStudy.join(store, 'a', { registry: empty })).rejects.toThrow(
        "study 'a' uses the sampler 'random', which is not registered here; load the plugin that provides it",
      );
    } finally {
      await closeAll(stores);
    }
  });

  it('refuses a different study under the same name, and bad options', async () => {
    const stores = await openStores(1);
    try {
      const store = stores[0]!;
      await SharedStudy.open(store, { name: 's', trials: 10, seed: 1 });
      await expect(SharedStudy.open(store, { name: 's', trials: 10, seed: 2 })).rejects.toThrow(
        `storage ${store.description} holds study 's' with seed 1, but this run asks for seed 2`,
      );
      await expect(SharedStudy.open(store, { name: 'open-ended' })).rejects.toThrow(
        "SharedStudy.open: study 'open-ended' needs its number of trials",
      );
      const study = await SharedStudy.open(store, { name: 's', trials: 10, seed: 1 });
      await expect(study.work(objective, { concurrency: 0 })).rejects.toThrow(
        "study 's': work: concurrency must be an integer ≥ 1, got 0",
      );
      await expect(study.work(objective, { graceSeconds: 2, heartbeatSeconds: 3 })).rejects.toThrow(
        "study 's': work: heartbeatSeconds (3) must be below graceSeconds (2), or live trials would be taken for lost",
      );
      await expect(study.work(objective, { workerId: '' })).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await closeAll(stores);
    }
  });
});
