import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createClassifierJob } from '../../src/experiments/classifier/classifier-job.js';
import {
  BIAS_VARIANCE_PARAMS,
  biasVarianceConfig,
} from '../../src/pages/bias-variance/bias-variance-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's job in Node to the end and returns its last snapshot. */
async function runInNode(query: string) {
  const { values } = readParams(BIAS_VARIANCE_PARAMS, new URLSearchParams(query));
  const job = createClassifierJob(biasVarianceConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('bias and variance page (Chromium)', () => {
  it('trains in the worker to exactly the cost the same seed gives in Node', async () => {
    const query = 'dataset=spirals&classes=3&epochs=30&seed=4';
    const { page, problems } = await openPage(site.browser, site.origin, `bias-variance?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const browser = {
      cost: await readoutValue(page, 'train-cost'),
      devCost: await readoutValue(page, 'dev-cost'),
      trainError: await readoutValue(page, 'train-error'),
      devError: await readoutValue(page, 'dev-error'),
      epoch: await readoutValue(page, 'epoch'),
    };
    const node = await runInNode(query);
    expect(browser).toEqual({
      cost: node.cost,
      devCost: node.devCost,
      trainError: node.trainError,
      devError: node.devError,
      epoch: 30,
    });
    expect(Number(await page.getByTestId('cost-chart').getAttribute('data-points'))).toBe(7); // epochs 0, 5, …, 30
    await expect(page.getByTestId('diagnosis').getAttribute('data-verdict')).resolves.toMatch(
      /^(high-bias|high-variance|high-bias-and-variance|fine)$/,
    );
    await screenshot(page, '01-bias-variance');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the settings in the URL, and the same link restores them', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'bias-variance');
    const lambda = page.getByTestId('lambda');
    await lambda.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/bias-variance?lambda=0.05');
    const second = await openPage(
      site.browser,
      site.origin,
      'bias-variance?lambda=0.05&dataset=circles',
    );
    await expect(second.page.getByTestId('lambda').inputValue()).resolves.toBe('0.05');
    await expect(second.page.getByTestId('dataset').inputValue()).resolves.toBe('circles');
    expect([...problems, ...second.problems]).toEqual([]);
    await page.close();
    await second.page.close();
  });

  it('names a bad link parameter instead of using it silently', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'bias-variance?lambda=banana',
    );
    await expect(page.locator('.notice').textContent()).resolves.toContain(
      'lambda="banana" is not a number in [0, 10]; using 0.',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile link text as text, never as markup', async () => {
    const hostile = encodeURIComponent('<img src=x onerror="document.title=1">');
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      `bias-variance?dataset=${hostile}`,
    );
    await expect(page.locator('.notice').textContent()).resolves.toContain(
      'The link\'s dataset="<img src=x onerror=\\"document.title=1\\">" is not one of circles, moons, spirals, xor, blobs; using moons.',
    );
    await expect(page.locator('main img').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a specific error for a malformed CSV and trains on a good one', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'bias-variance');
    await page.getByTestId('csv-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x1,x2\n1,2\n3,4\n'),
    });
    await expect
      .poll(() => page.getByTestId('page-message').textContent())
      .toContain('bad.csv: expected a header with 3 columns');
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 40; i++)
      rows.push(`${i % 2 === 0 ? i : -i},${i / 10},${i % 2 === 0 ? 'cat' : 'dog'}`);
    rows.push('7,oops,cat');
    await page.getByTestId('csv-file').setInputFiles({
      name: 'typo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await expect
      .poll(() => page.getByTestId('page-message').textContent())
      .toBe("typo.csv row 42, column 'x2': expected a number, got 'oops'.");
    rows.pop();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await expect
      .poll(() => page.getByTestId('page-message').textContent())
      .toContain('Training on good.csv: 40 points, 2 classes (cat, dog)');
    expect(problems).toEqual([]);
    await page.close();
  });
});
