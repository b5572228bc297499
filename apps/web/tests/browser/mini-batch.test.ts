import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createMiniBatchJob } from '../../src/experiments/mini-batch/mini-batch-job.js';
import {
  MINI_BATCH_PARAMS,
  miniBatchConfig,
} from '../../src/pages/mini-batch/mini-batch-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Polls until the page (its worker may start slowly on a busy machine) shows the value. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

/** Runs the page's job in Node to the end and returns its last snapshot. */
async function runInNode(query: string) {
  const { values } = readParams(MINI_BATCH_PARAMS, new URLSearchParams(query));
  const job = createMiniBatchJob(miniBatchConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('mini-batch size page (Chromium)', () => {
  it('trains the three descents in the worker to exactly the costs of the same seed in Node', async () => {
    const query = 'points=200&batch=32&epochs=3&seed=5';
    const { page, problems } = await openPage(site.browser, site.origin, `mini-batch?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode(query);
    const [batch, mini, stochastic] = node.runs;
    expect({
      epoch: await readoutValue(page, 'epoch'),
      m: await readoutValue(page, 'train-size'),
      batchIterations: await readoutValue(page, 'iterations-batch'),
      miniIterations: await readoutValue(page, 'iterations-mini-batch'),
      stochasticIterations: await readoutValue(page, 'iterations-stochastic'),
      batchCost: await readoutValue(page, 'cost-batch'),
      miniCost: await readoutValue(page, 'cost-mini-batch'),
      stochasticCost: await readoutValue(page, 'cost-stochastic'),
    }).toEqual({
      epoch: 3,
      m: 140,
      batchIterations: 1,
      miniIterations: 5, // ⌈140 / 32⌉
      stochasticIterations: 140,
      batchCost: batch!.epochCosts[3],
      miniCost: mini!.epochCosts[3],
      stochasticCost: stochastic!.epochCosts[3],
    });
    // the iteration chart's x axis runs to the stochastic run's 3 × 140 iterations
    expect(Number(await page.getByTestId('iteration-chart').getAttribute('data-points'))).toBe(420);
    expect(Number(await page.getByTestId('epoch-chart').getAttribute('data-points'))).toBe(4);
    await screenshot(page, '07-mini-batch');
    expect(await page.locator('.error-banner').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('doubles the mini-batch with the keyboard: fewer iterations per epoch', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'mini-batch?points=200&batch=32&epochs=2',
    );
    await poll(() => readoutValue(page, 'iterations-mini-batch')).toBe(5);
    const slider = page.getByTestId('batch');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.evaluate(() => window.location.hash)).toBe(
      '#/mini-batch?points=200&epochs=2',
    ); // 64 is the default, so it leaves the link
    await poll(() => readoutValue(page, 'iterations-mini-batch')).toBe(3); // ⌈140 / 64⌉
    await page.getByTestId('step').click();
    await poll(() => readoutValue(page, 'epoch')).toBe(1);
    const node = await runInNode('points=200&batch=64&epochs=1');
    expect(await readoutValue(page, 'cost-mini-batch')).toBe(node.runs[1]!.epochCosts[1]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
