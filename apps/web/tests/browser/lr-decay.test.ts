import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createLrDecayJob } from '../../src/experiments/lr-decay/lr-decay-job.js';
import { LR_DECAY_PARAMS, lrDecayConfig } from '../../src/pages/lr-decay/lr-decay-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Polls until the page (its worker may start slowly on a busy machine) shows the value. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

/** Runs the page's job in Node to the end and returns its last snapshot. */
async function runInNode(query: string) {
  const { values } = readParams(LR_DECAY_PARAMS, new URLSearchParams(query));
  const job = createLrDecayJob(lrDecayConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('learning-rate decay page (Chromium)', () => {
  it('trains both runs in the worker to exactly the numbers of the same seed in Node', async () => {
    const query = 'epochs=20&seed=2';
    const { page, problems } = await openPage(site.browser, site.origin, `lr-decay?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode(query);
    expect({
      epoch: await readoutValue(page, 'epoch'),
      constant: await readoutValue(page, 'distance-constant'),
      scheduled: await readoutValue(page, 'distance-scheduled'),
      excess: await readoutValue(page, 'excess-scheduled'),
      alpha: await readoutValue(page, 'alpha-now'),
    }).toEqual({
      epoch: 20,
      constant: node.constant.distance.at(-1),
      scheduled: node.scheduled.distance.at(-1),
      excess: node.scheduled.excessCost.at(-1),
      alpha: node.scheduled.learningRate.at(-1),
    });
    expect(node.scheduled.distance.at(-1)!).toBeLessThan(node.constant.distance.at(-1)!);
    expect(Number(await page.getByTestId('distance-chart').getAttribute('data-points'))).toBe(21);
    // time decay: α of epoch 20 = 0.1 / (1 + 20)
    expect(await readoutValue(page, 'alpha-end')).toBeCloseTo(0.1 / 21, 12);
    await screenshot(page, '10-lr-decay');
    expect(await page.locator('.error-banner').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows the schedule select and the stair slider', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'lr-decay?epochs=20');
    await page.getByTestId('schedule').selectOption('staircase');
    // α₀·0.5^⌊20/10⌋ = 0.025
    await poll(() => readoutValue(page, 'alpha-end')).toBe(0.025);
    const stair = page.getByTestId('stair');
    await stair.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await poll(() => page.evaluate(() => window.location.hash)).toBe(
      '#/lr-decay?schedule=staircase&stair=20&epochs=20',
    );
    // one stair in 20 epochs: 0.1·0.5^1
    await poll(() => readoutValue(page, 'alpha-end')).toBe(0.05);
    await page.getByTestId('step').click();
    await poll(() => readoutValue(page, 'epoch')).toBe(5);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('names a warmup longer than training and a diverging α₀', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'lr-decay?schedule=warmup-cosine&warmup=30&epochs=20',
    );
    await poll(() => page.getByTestId('page-message').textContent()).toContain(
      "option 'totalSteps' must be > warmupSteps (30), got 20",
    );
    const second = await openPage(site.browser, site.origin, 'lr-decay?lr=2&epochs=10');
    await second.page.getByTestId('play').click();
    await poll(() => second.page.getByTestId('page-message').textContent()).toContain(
      'Training diverged: the constant α run diverged',
    );
    expect([...problems, ...second.problems]).toEqual([]);
    await page.close();
    await second.page.close();
  });
});
