import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { binValues, commonRange } from '../../src/charts/histogram.js';
import { createBatchNormJob } from '../../src/experiments/batch-norm/batch-norm-job.js';
import {
  BATCH_NORM_PARAMS,
  batchNormConfig,
} from '../../src/pages/batch-norm/batch-norm-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's job in Node to the end and returns its last snapshot. */
async function runInNode(query: string) {
  const { values } = readParams(BATCH_NORM_PARAMS, new URLSearchParams(query));
  const job = createBatchNormJob(batchNormConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('batch normalization page (Chromium)', () => {
  it('trains the ten nets in the worker to exactly the numbers the same seed gives in Node', async () => {
    const query = 'layers=3&epochs=6&seed=2';
    const { page, problems } = await openPage(site.browser, site.origin, `batch-norm?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode(query);
    for (let index = 0; index < 5; index++) {
      for (const [kind, run] of [
        ['plain', node.runs[index]!],
        ['bn', node.runs[5 + index]!],
      ] as const) {
        const cell = page.getByTestId(`outcome-${kind}-${index}`);
        await expect(cell.getAttribute('data-value')).resolves.toBe(String(run.cost));
      }
    }
    const inspection = node.inspection!;
    expect(await readoutValue(page, 'epoch')).toBe(6);
    expect(await readoutValue(page, 'inspected-rate')).toBe(0.949);
    expect(await readoutValue(page, 'dev-error-running')).toBe(inspection.devErrorRunning);
    expect(await readoutValue(page, 'dev-error-batch')).toBe(inspection.devErrorBatchStats);
    expect(await readoutValue(page, 'mean-gap')).toBe(inspection.meanGap);
    expect(await readoutValue(page, 'variance-gap')).toBe(inspection.varianceGap);
    // The histogram shows the 32 × 16 values of one mini-batch of layer 2, Z and Ẑ binned
    // exactly as the worker's values bin in Node.
    const histogram = page.getByTestId('z-histogram');
    const range = commonRange([inspection.z, inspection.zHat]);
    await expect(histogram.getAttribute('data-range')).resolves.toBe(`${range[0]},${range[1]}`);
    for (const [index, values] of [inspection.z, inspection.zHat].entries()) {
      await expect(histogram.getAttribute(`data-count-${index}`)).resolves.toBe('512');
      await expect(histogram.getAttribute(`data-bin-counts-${index}`)).resolves.toBe(
        Array.from(binValues(values, range, 48).counts).join(','),
      );
    }
    // Ẑ is normalised, Z is not: Ẑ's mean |x| is below 1 (about 0.8 for a normal distribution).
    const meanAbsZHat = Number(await histogram.getAttribute('data-mean-abs-1'));
    expect(meanAbsZHat).toBeGreaterThan(0.5);
    expect(meanAbsZHat).toBeLessThan(1);
    expect(Number(await page.getByTestId('dev-chart').getAttribute('data-points'))).toBe(4); // epochs 0, 2, 4, 6
    await expect(page.locator('.error-banner').isHidden()).resolves.toBe(true);
    await screenshot(page, '12-batch-norm');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('raises the learning rates from the keyboard until the plain net diverges', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'batch-norm?dataset=circles&layers=3&lrmax=8.91&epochs=4',
    );
    const slider = page.getByTestId('lrmax');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/batch-norm?dataset=circles&layers=3&lrmax=10&epochs=4');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const plain = page.getByTestId('outcome-plain-4');
    await expect(plain.textContent()).resolves.toBe('diverged at epoch 2');
    await expect(plain.getAttribute('data-diverged-at')).resolves.toBe('2');
    const node = await runInNode('dataset=circles&layers=3&lrmax=10&epochs=4');
    await expect(page.getByTestId('outcome-bn-4').getAttribute('data-value')).resolves.toBe(
      String(node.runs[9]!.cost),
    );
    await expect(page.getByTestId('page-message').textContent()).resolves.toContain(
      'plain at α = 10 (epoch 2)',
    );
    await expect(page.locator('.error-banner').isHidden()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
