import { createStudy, memoryStorage, randomSampler } from 'deeptune';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import {
  CAVIAR_SPACE,
  createCaviarTrialJob,
} from '../../src/experiments/search/caviar-trial-job.js';
import { CoarseToFineRun } from '../../src/experiments/search/coarse-to-fine-run.js';
import { gridVsRandom } from '../../src/experiments/search/grid-vs-random.js';
import { scaleSamples } from '../../src/experiments/search/scale-samples.js';
import {
  HYPERPARAMETER_SEARCH_PARAMS,
  caviarStudyConfig,
  caviarTrialConfig,
  coarseToFineConfig,
} from '../../src/pages/hyperparameter-search/hyperparameter-search-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Polls until `read` gives the expected value (workers may be slow on a loaded machine). */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 60_000 });
}

function valuesOf(query: string) {
  return readParams(HYPERPARAMETER_SEARCH_PARAMS, new URLSearchParams(query)).values;
}

/** The best dev cost of the caviar study of `query`, every trial run in Node. */
async function caviarBestInNode(query: string): Promise<{ best: number; trial: number }> {
  const config = caviarStudyConfig(valuesOf(query));
  const study = await createStudy({
    storage: memoryStorage(),
    sampler: randomSampler(),
    space: CAVIAR_SPACE,
    seed: config.seed,
    trials: config.trials,
  });
  const signal = new AbortController().signal;
  let best = { best: Infinity, trial: -1 };
  for (let i = 0; i < config.trials; i++) {
    const trial = study.ask();
    const job = createCaviarTrialJob(caviarTrialConfig(config, trial));
    let snapshot = job.initial();
    while (!job.done) snapshot = await job.step(signal);
    await study.tell(trial, snapshot.devCost);
    if (snapshot.devCost < best.best) best = { best: snapshot.devCost, trial: trial.number };
  }
  return best;
}

describe('hyperparameter search page (Chromium)', () => {
  it('grid vs random: the trials slider sets the exact number of distinct α', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'hyperparameter-search?trials=25',
    );
    await poll(() => readoutValue(page, 'grid-distinct-alpha')).toBe(5);
    expect(await readoutValue(page, 'random-distinct-alpha')).toBe(25);
    const trials = page.getByTestId('trials');
    await trials.focus();
    for (let i = 0; i < 24; i++) await page.keyboard.press('ArrowRight');
    await poll(() => readoutValue(page, 'trials')).toBe(49);
    expect(await readoutValue(page, 'grid-distinct-alpha')).toBe(7);
    expect(await readoutValue(page, 'random-distinct-alpha')).toBe(49);
    await page.keyboard.press('ArrowLeft');
    const node = gridVsRandom(48, 1);
    await poll(() => readoutValue(page, 'grid-distinct-alpha')).toBe(node.grid.distinctAlpha);
    expect(await readoutValue(page, 'random-distinct-alpha')).toBe(48);
    await poll(() => page.evaluate(() => window.location.hash)).toBe(
      '#/hyperparameter-search?trials=48',
    );
    await screenshot(page, '11-hyperparameter-search');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the right scale: decade shares equal the seeded samplers’ counts', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'hyperparameter-search?samples=400&seed=3',
    );
    await page.getByTestId('section').selectOption('scale');
    await poll(() => page.evaluate(() => window.location.hash)).toBe(
      '#/hyperparameter-search?section=scale&samples=400&seed=3',
    );
    const rows = scaleSamples(400, 3);
    for (const row of rows) {
      for (let i = 0; i < row.counts.length; i++) {
        await poll(() => readoutValue(page, `share-${row.spec.key}-${i}`)).toBe(
          row.counts[i]! / 400,
        );
      }
    }
    expect(await readoutValue(page, 'share-uniform-alpha-3')).toBeGreaterThan(0.85);
    expect(await readoutValue(page, 'share-log-alpha-3')).toBeLessThan(0.32);
    await screenshot(page, '11-hyperparameter-search-scale');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('coarse to fine: each step adds a round inside a smaller box', async () => {
    const query = 'section=c2f&rounds=3&perRound=10&seed=2';
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      `hyperparameter-search?${query}`,
    );
    await poll(() => readoutValue(page, 'rounds')).toBe(0);
    for (const expected of [1, 2]) {
      await page.getByTestId('step').click();
      await poll(() => readoutValue(page, 'rounds')).toBe(expected);
      await poll(() => page.locator('[data-testid="c2f-rounds"] tbody tr').count()).toBe(expected);
    }
    const run = await CoarseToFineRun.create(coarseToFineConfig(valuesOf(query)));
    await run.step();
    await run.step();
    expect(await readoutValue(page, 'best-value')).toBe(run.best!.value);
    const boxes = await page
      .locator('[data-testid="c2f-rounds"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => row.getAttribute('data-box')!.split(',').map(Number)),
      );
    expect(boxes).toEqual(
      run.rounds.map((round) => [...round.box.logAlpha, ...round.box.logOneMinusBeta]),
    );
    const [first, second] = boxes as [number[], number[]];
    expect(second[1]! - second[0]!).toBeLessThan(first[1]! - first[0]!);
    expect(second[3]! - second[2]!).toBeLessThan(first[3]! - first[2]!);
    const best = run.rounds[0]!.best;
    expect(best.logAlpha).toBeGreaterThanOrEqual(second[0]!);
    expect(best.logAlpha).toBeLessThanOrEqual(second[1]!);
    expect(best.logOneMinusBeta).toBeGreaterThanOrEqual(second[2]!);
    expect(best.logOneMinusBeta).toBeLessThanOrEqual(second[3]!);
    expect(await readoutValue(page, 'trials-run')).toBe(20);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    expect(await readoutValue(page, 'rounds')).toBe(3);
    await screenshot(page, '11-hyperparameter-search-c2f');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('caviar: parallel workers finish every trial, with the best dev cost Node gets', async () => {
    const query = 'section=caviar&caviarTrials=6&workers=3&epochs=10&seed=5';
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      `hyperparameter-search?${query}`,
    );
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    expect(await readoutValue(page, 'finished')).toBe(6);
    await poll(() =>
      page.locator('[data-testid="leaderboard"] tbody tr[data-state="complete"]').count(),
    ).toBe(6);
    expect(await page.locator('[data-testid="leaderboard"] tbody tr').count()).toBe(6);
    const node = await caviarBestInNode(query);
    expect(await readoutValue(page, 'best-dev-cost')).toBe(node.best);
    expect(await readoutValue(page, 'best-trial')).toBe(node.trial);
    expect(Number(await page.getByTestId('caviar-chart').getAttribute('data-points'))).toBe(6);
    await screenshot(page, '11-hyperparameter-search-caviar');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('panda: the knob sets the next epoch’s learning rate; revert restores the cost', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'hyperparameter-search?section=panda&lr=0.1',
    );
    await poll(() => readoutValue(page, 'next-lr')).toBe(0.1);
    for (const expected of [1, 2]) {
      await page.getByTestId('step').click();
      await poll(() => readoutValue(page, 'epoch')).toBe(expected);
    }
    const costAfter2 = await readoutValue(page, 'dev-cost');
    expect(await readoutValue(page, 'last-lr')).toBe(0.1);
    const knob = page.getByTestId('panda-lr');
    await knob.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await poll(() => readoutValue(page, 'next-lr')).toBe(0.316);
    await page.getByTestId('step').click();
    await poll(() => readoutValue(page, 'epoch')).toBe(3);
    expect(await readoutValue(page, 'last-lr')).toBe(0.316);
    expect(await readoutValue(page, 'dev-cost')).not.toBe(costAfter2);
    await page.getByTestId('revert-epoch').fill('2');
    await page.getByTestId('revert').click();
    await poll(() => readoutValue(page, 'epoch')).toBe(2);
    expect(await readoutValue(page, 'dev-cost')).toBe(costAfter2);
    expect(await readoutValue(page, 'next-lr')).toBe(0.1);
    await expect(knob.inputValue()).resolves.toBe('-1'); // log₁₀ 0.1: the knob follows the revert
    await expect(page.getByTestId('panda-log').textContent()).resolves.toContain(
      'after epoch 2: α → 0.316reverted to epoch 2',
    );
    await screenshot(page, '11-hyperparameter-search-panda');
    expect(problems).toEqual([]);
    await page.close();
  });
});
