import { describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError, DivergenceError } from '@deeptune/core';
import {
  TrialPrunedError,
  createStudy,
  hp,
  medianPruner,
  memoryStorage,
  searchSpace,
  type StudyEvent,
  type Trial,
} from '../../src/index.js';

/** (log10 α + 2)² + (β-term): best at α = 0.01. */
function quadratic(trial: Trial): number {
  const alpha = trial.log('learningRate', 1e-4, 1);
  return (Math.log10(alpha) + 2) ** 2;
}

describe('createStudy and optimize', () => {
  it('runs the requested trials and finds the minimum of a log-scale objective', async () => {
    const study = await createStudy({ seed: 0 });
    const result = await study.optimize(quadratic, { trials: 40 });
    expect(result).toEqual({ finished: 40, interrupted: false });
    expect(study.trials).toHaveLength(40);
    expect(study.trials.every((trial) => trial.state === 'complete')).toBe(true);
    const best = study.bestTrial!;
    expect(Math.abs(Math.log10(best.params.learningRate as number) + 2)).toBeLessThan(0.2);
    expect(best.value).toBe(Math.min(...study.trials.map((trial) => trial.value!)));
    expect(best.distributions.learningRate).toEqual({ scale: 'log', low: 1e-4, high: 1 });
  });

  it('gives the same configurations and seeds for the same seed, whatever the concurrency', async () => {
    const run = async (concurrency: number): Promise<unknown[]> => {
      const study = await createStudy({ seed: 7 });
      await study.optimize(
        async (trial) => {
          const value = quadratic(trial);
          trial.setAttribute('seed', trial.seed);
          // Finish in an order unrelated to the numbers.
          await new Promise((resolve) => setTimeout(resolve, (trial.number * 7) % 5));
          return value;
        },
        { trials: 12, concurrency },
      );
      return study.trials.map((trial) => [
        trial.number,
        trial.params,
        trial.value,
        trial.attributes,
      ]);
    };
    const one = await run(1);
    expect(await run(4)).toEqual(one);
    const other = await createStudy({ seed: 8 });
    await other.optimize(quadratic, { trials: 12 });
    expect(other.trials.map((trial) => trial.params)).not.toEqual(
      (one as [number, unknown][]).map(([, params]) => params),
    );
  });

  it('samples a declared space with conditions: beta1 only when the optimizer is adam', async () => {
    const space = searchSpace({
      optimizer: hp.choice(['adam', 'momentum']),
      beta1: { distribution: hp.oneMinusLog(0.8, 0.99), when: { optimizer: 'adam' } },
      beta: { distribution: hp.oneMinusLog(0.9, 0.999), when: { optimizer: 'momentum' } },
    });
    const study = await createStudy({ space, seed: 1 });
    await study.optimize((trial) => (trial.params.optimizer === 'adam' ? 1 : 2), { trials: 30 });
    for (const trial of study.trials) {
      const keys = Object.keys(trial.params).sort();
      expect(keys).toEqual(
        trial.params.optimizer === 'adam' ? ['beta1', 'optimizer'] : ['beta', 'optimizer'],
      );
    }
    const optimizers = new Set(study.trials.map((trial) => trial.params.optimizer));
    expect(optimizers).toEqual(new Set(['adam', 'momentum']));
  });

  it('refuses a storage that holds another study, naming the field and both values', async () => {
    const storage = memoryStorage();
    const first = await createStudy({ name: 'lr-search', storage, seed: 0 });
    await first.optimize(quadratic, { trials: 2 });
    await first.close();
    const reopened = memoryStorage(storage.events);
    await expect(createStudy({ name: 'lr-search', storage: reopened, seed: 1 })).rejects.toThrow(
      new ConfigError(
        "memory storage holds study 'lr-search' with seed 0, but this run asks for seed 1; use another storage for a different study, or the same settings to resume it",
      ),
    );
  });

  it('resumes: completed trials are kept, an interrupted one is re-run once with the same values', async () => {
    const storage = memoryStorage();
    const study = await createStudy({ storage, seed: 3 });
    await study.optimize(quadratic, { trials: 3 });
    // A process that died while running trial 3: its start and one param, no finish.
    const crashed = study.ask();
    const value = quadratic(crashed);
    await study.flush();
    const events = [...storage.events];
    const resumed = await createStudy({ storage: memoryStorage(events), seed: 3 });
    expect(resumed.trials.map((trial) => trial.state)).toEqual([
      'complete',
      'complete',
      'complete',
      'running',
    ]);
    expect(resumed.nextTrialNumber).toBe(3);
    await resumed.optimize(quadratic, { trials: 5 });
    expect(resumed.trials).toHaveLength(5);
    expect(resumed.trials[3]).toMatchObject({ attempt: 2, state: 'complete', value });
    expect(resumed.trials.slice(0, 3)).toEqual(study.trials.slice(0, 3));
  });

  it('marks a trial failed when its process died twice', async () => {
    const storage = memoryStorage();
    const study = await createStudy({ storage, seed: 3 });
    study.ask();
    await study.flush();
    const second = await createStudy({ storage: memoryStorage(storage.events), seed: 3 });
    const again = second.ask(); // attempt 2, dies too
    expect(again.attempt).toBe(2);
    await second.flush();
    const events = (second.storage as ReturnType<typeof memoryStorage>).events;
    const third = await createStudy({ storage: memoryStorage(events), seed: 3 });
    expect(third.trials[0]).toMatchObject({
      state: 'failed',
      reason: 'its process died while running it, 2 times',
    });
    expect(third.nextTrialNumber).toBe(1);
  });

  it('prunes from reported values and records the last value and the reason', async () => {
    const study = await createStudy({ pruner: medianPruner({ startupTrials: 2 }), seed: 0 });
    // Trials 0 and 1 are good; trial 2 is worse than their median at epoch 1.
    const curves = [
      [0.5, 0.4, 0.3],
      [0.6, 0.5, 0.4],
      [0.9, 0.8, 0.7],
    ];
    await study.optimize(
      (trial) => {
        const curve = curves[trial.number]!;
        for (let epoch = 1; epoch <= curve.length; epoch++) {
          trial.report(epoch, curve[epoch - 1]!);
          if (trial.shouldPrune()) throw new TrialPrunedError(trial.pruneReason!);
        }
        return curve.at(-1)!;
      },
      { trials: 3 },
    );
    expect(study.trials.map((trial) => trial.state)).toEqual(['complete', 'complete', 'pruned']);
    expect(study.trials[2]).toMatchObject({
      value: 0.9,
      reason:
        'best value 0.9 by epoch 1 is worse than the median 0.55 of 2 completed trials at epoch 1',
      intermediate: [{ epoch: 1, value: 0.9 }],
    });
  });

  it('records a deeptune error as a failed trial and goes on; rethrows any other error', async () => {
    const study = await createStudy({ seed: 0 });
    await study.optimize(
      (trial) => {
        if (trial.number === 1) throw new DivergenceError('fit: the cost J became NaN at epoch 2');
        return trial.number;
      },
      { trials: 3 },
    );
    expect(study.trials.map((trial) => [trial.state, trial.reason])).toEqual([
      ['complete', null],
      ['failed', 'fit: the cost J became NaN at epoch 2'],
      ['complete', null],
    ]);
    const buggy = await createStudy({ seed: 0 });
    await expect(
      buggy.optimize(
        (trial) => {
          if (trial.number === 1) throw new TypeError('x is undefined');
          return 1;
        },
        { trials: 5 },
      ),
    ).rejects.toThrow(new TypeError('x is undefined'));
    expect(buggy.trials.map((trial) => trial.state)).toEqual(['complete', 'failed']);
  });

  it('fails a trial whose objective returns NaN', async () => {
    const study = await createStudy({ seed: 0 });
    await study.optimize(() => Number.NaN, { trials: 1 });
    expect(study.trials[0]).toMatchObject({
      state: 'failed',
      reason: 'the objective returned NaN',
    });
  });

  it('gives running trials back when the signal aborts, and a rerun finishes them', async () => {
    const storage = memoryStorage();
    const study = await createStudy({ storage, seed: 0 });
    const controller = new AbortController();
    const result = await study.optimize(
      async (trial) => {
        if (trial.number === 2) {
          controller.abort();
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return quadratic(trial);
      },
      { trials: 6, concurrency: 1, signal: controller.signal },
    );
    expect(result).toEqual({ finished: 2, interrupted: true });
    expect(storage.events.filter((event) => event.type === 'trial-stop')).toEqual([
      expect.objectContaining({ number: 2, attempt: 1, reason: 'interrupted' }),
    ]);
    const resumed = await createStudy({ storage: memoryStorage(storage.events), seed: 0 });
    await resumed.optimize(quadratic, { trials: 6 });
    expect(resumed.trials.map((trial) => [trial.number, trial.attempt, trial.state])).toEqual([
      [0, 1, 'complete'],
      [1, 1, 'complete'],
      [2, 2, 'complete'],
      [3, 1, 'complete'],
      [4, 1, 'complete'],
      [5, 1, 'complete'],
    ]);
  });

  it('checks report values and epochs', async () => {
    const study = await createStudy({ seed: 0 });
    const trial = study.ask();
    trial.report(1, 0.5);
    expect(() => trial.report(1, 0.4)).toThrow(
      new ConfigError('trial 0: report: epoch must be an integer > 1 (the last reported), got 1'),
    );
    expect(() => trial.report(2, Number.POSITIVE_INFINITY)).toThrow(
      'trial 0: report: the value at epoch 2 must be a finite number, got Infinity; throw an error to fail a diverged trial',
    );
    trial.log('lr', 1e-3, 1);
    expect(() => trial.log('lr', 1e-4, 1)).toThrow(
      new ConfigError(
        "trial 0: 'lr' was drawn from log(0.001, 1), now asked from log(0.0001, 1); a hyperparameter keeps one distribution",
      ),
    );
  });

  it('refuses events that do not tell a consistent story', async () => {
    const header: StudyEvent = {
      type: 'study',
      format: 'deeptune-study',
      version: 1,
      name: 'study',
      direction: 'minimize',
      objective: 'dev error',
      seed: 0,
      sampler: { name: 'random', options: {} },
      pruner: null,
      space: null,
      trials: null,
      settings: {},
      at: '2026-12-06T00:00:00.000Z',
    };
    const storage = memoryStorage([
      header,
      { type: 'trial-start', number: 1, attempt: 1, at: '2026-12-06T00:00:00.000Z' },
    ]);
    await expect(createStudy({ storage })).rejects.toThrow(
      new DataFormatError(
        'memory storage: record 2: trial 1 starts before trial 0: numbers must be dense',
      ),
    );
  });
});

describe('optimize and abort listeners', () => {
  it('does not pile up a listener per trial on its stop signal (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const study = await createStudy({ seed: 0 });
      await study.optimize(quadratic, { trials: 30, signal: new AbortController().signal });
      await new Promise((resolve) => setTimeout(resolve, 10)); // warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
