import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import type { ClassifierConfig } from '../../src/experiments/classifier/classifier-config.js';
import { createClassifierJob } from '../../src/experiments/classifier/classifier-job.js';
import {
  REGULARIZATION_PARAMS,
  regularizationRuns,
} from '../../src/pages/regularization/regularization-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs one of the page's two jobs in Node to the end; returns its last snapshot's numbers. */
async function runInNode(config: ClassifierConfig) {
  const job = createClassifierJob(config);
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  let sum = 0;
  const weights = snapshot.weights!;
  for (let i = 0; i < weights.length; i++) sum += Math.abs(weights[i]!);
  return {
    trainError: snapshot.trainError,
    devError: snapshot.devError,
    trainCost: snapshot.dataCost,
    devCost: snapshot.devCost,
    meanAbs: sum / weights.length,
    epoch: snapshot.epoch,
  };
}

function runsOf(query: string) {
  return regularizationRuns(readParams(REGULARIZATION_PARAMS, new URLSearchParams(query)).values);
}

async function readSide(page: Page, side: 'plain' | 'regularized') {
  return {
    trainError: await readoutValue(page, `${side}-train-error`),
    devError: await readoutValue(page, `${side}-dev-error`),
    trainCost: await readoutValue(page, `${side}-train-cost`),
    devCost: await readoutValue(page, `${side}-dev-cost`),
    meanAbs: await readoutValue(page, `${side}-mean-abs-weight`),
    epoch: await readoutValue(page, `${side}-epoch`),
  };
}

describe('regularization page (Chromium)', () => {
  it('trains both networks in workers to exactly the numbers of the same seed in Node', async () => {
    const query = 'epochs=80';
    const { page, problems } = await openPage(site.browser, site.origin, `regularization?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const runs = runsOf(query);
    const [plain, regularized] = await Promise.all([
      runInNode(runs.plain),
      runInNode(runs.regularized),
    ]);
    expect(await readSide(page, 'plain')).toEqual(plain);
    expect(await readSide(page, 'regularized')).toEqual(regularized);
    expect(plain.epoch).toBe(80);
    // The lesson: the dev error drops, the training error rises.
    expect(regularized.devError).toBeLessThan(plain.devError);
    expect(regularized.trainError).toBeGreaterThan(plain.trainError);
    // L2 λ = 0.3 shrinks the weights: the histogram shows it too.
    expect(regularized.meanAbs).toBeLessThan(plain.meanAbs / 2);
    const histogram = page.getByTestId('weight-histogram');
    expect(Number(await histogram.getAttribute('data-count-0'))).toBe(8448);
    expect(Number(await histogram.getAttribute('data-count-1'))).toBe(8448);
    expect(Number(await histogram.getAttribute('data-mean-abs-0'))).toBe(plain.meanAbs);
    expect(Number(await histogram.getAttribute('data-mean-abs-1'))).toBe(regularized.meanAbs);
    expect(Number(await page.getByTestId('cost-chart').getAttribute('data-points'))).toBe(9); // 0, 10, …, 80
    await screenshot(page, '02-regularization');
    await expect(page.locator('.error-banner p').allTextContents()).resolves.toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a larger λ from the keyboard shrinks the weights more; keepProb sliders go to the URL', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'regularization?epochs=20',
    );
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const before = await readoutValue(page, 'regularized-mean-abs-weight');
    const plainBefore = await readoutValue(page, 'plain-mean-abs-weight');
    const lambda = page.getByTestId('lambda');
    await lambda.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: 60_000 })
      .toBe('#/regularization?lambda=0.5&epochs=20');
    await expect
      .poll(() => page.getByTestId('run-status').getAttribute('data-state'), { timeout: 60_000 })
      .not.toBe('done');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const after = await readoutValue(page, 'regularized-mean-abs-weight');
    expect(after).toBeLessThan(before);
    // The network without regularization is the same run as before.
    expect(await readoutValue(page, 'plain-mean-abs-weight')).toBe(plainBefore);
    const keep = page.getByTestId('keep-2');
    await keep.focus();
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: 60_000 })
      .toBe('#/regularization?lambda=0.5&keep=1%2C0.95%2C1&epochs=20');
    expect(problems).toEqual([]);
    await page.close();
  });
});
