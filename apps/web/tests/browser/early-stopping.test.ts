import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import {
  createEarlyStoppingJob,
  type EarlyStoppingSnapshot,
} from '../../src/experiments/early-stopping/early-stopping-job.js';
import {
  EARLY_STOPPING_PARAMS,
  earlyStoppingConfig,
} from '../../src/pages/early-stopping/early-stopping-params.js';
import { formatNumber } from '../../src/ui/format.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's job in Node to its end; returns the last snapshot. */
async function runInNode(query: string): Promise<EarlyStoppingSnapshot> {
  const { values } = readParams(EARLY_STOPPING_PARAMS, new URLSearchParams(query));
  const job = createEarlyStoppingJob(earlyStoppingConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

async function readModel(page: Page, which: 'latest' | 'best') {
  return {
    epoch: await readoutValue(page, `${which}-epoch`),
    trainError: await readoutValue(page, `${which}-train-error`),
    devError: await readoutValue(page, `${which}-dev-error`),
    trainCost: await readoutValue(page, `${which}-train-cost`),
    devCost: await readoutValue(page, `${which}-dev-cost`),
  };
}

function numbersOf(view: EarlyStoppingSnapshot['latest']) {
  const { epoch, trainError, devError, trainCost, devCost } = view;
  return { epoch, trainError, devError, trainCost, devCost };
}

describe('early-stopping page (Chromium)', () => {
  it('stops in the worker where Node stops, and shows the restored model', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'early-stopping');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode('');
    expect(node.stoppedEpoch).toBe(node.restoredEpoch! + 40);
    expect(await readModel(page, 'latest')).toEqual(numbersOf(node.latest));
    expect(await readModel(page, 'best')).toEqual(numbersOf(node.best!));
    const outcome = page.getByTestId('outcome');
    await expect(outcome.textContent()).resolves.toBe(
      `Stopped at epoch ${node.stoppedEpoch}, restored epoch ${node.restoredEpoch} (dev cost ${formatNumber(node.best!.devCost)}).`,
    );
    await expect(outcome.getAttribute('data-restored-epoch')).resolves.toBe(
      String(node.restoredEpoch),
    );
    // The restored model fits the dev set better, the training set worse.
    expect(node.best!.devCost).toBeLessThan(node.latest.devCost);
    expect(node.best!.trainError).toBeGreaterThan(node.latest.trainError);
    // One point per epoch, 0 … stopped.
    await expect(page.getByTestId('cost-chart').getAttribute('data-points')).resolves.toBe(
      String(node.stoppedEpoch! + 1),
    );
    await screenshot(page, '03-early-stopping');
    await expect(page.locator('.error-banner p').allTextContents()).resolves.toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('patience 0 from the keyboard stops one epoch after the dev minimum', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'early-stopping?seed=2');
    const patience = page.getByTestId('patience');
    await patience.focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: 60_000 })
      .toBe('#/early-stopping?patience=0&seed=2');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode('patience=0&seed=2');
    const outcome = page.getByTestId('outcome');
    await expect(outcome.getAttribute('data-stopped-epoch')).resolves.toBe(
      String(node.stoppedEpoch),
    );
    await expect(outcome.getAttribute('data-restored-epoch')).resolves.toBe(
      String(node.stoppedEpoch! - 1),
    );
    expect(await readModel(page, 'best')).toEqual(numbersOf(node.best!));
    expect(problems).toEqual([]);
    await page.close();
  });
});
