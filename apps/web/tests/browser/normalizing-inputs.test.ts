import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createNormalizationRace } from '../../src/experiments/surfaces/normalization-race.js';
import {
  NORMALIZING_INPUTS_PARAMS,
  normalizingInputsConfig,
} from '../../src/pages/normalizing-inputs/normalizing-inputs-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's experiment in Node to the end of its budget. */
function runInNode(query: string) {
  const { values } = readParams(NORMALIZING_INPUTS_PARAMS, new URLSearchParams(query));
  const experiment = createNormalizationRace(normalizingInputsConfig(values));
  experiment.race.runToEnd();
  return experiment;
}

describe('normalizing inputs page (Chromium)', () => {
  it('runs gradient descent on both costs to exactly the numbers Node computes', async () => {
    const query = 'ratio=30&rawLr=0.002&steps=60&seed=3';
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      `normalizing-inputs?${query}`,
    );
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = runInNode(query);
    const browser = {
      rawCost: await readoutValue(page, 'raw-cost'),
      rawGap: await readoutValue(page, 'raw-gap'),
      normGap: await readoutValue(page, 'norm-gap'),
      normSteps: await readoutValue(page, 'norm-steps'),
      rawCondition: await readoutValue(page, 'raw-condition'),
      normCondition: await readoutValue(page, 'norm-condition'),
    };
    expect(browser).toEqual({
      rawCost: node.rawPath.cost,
      rawGap: node.rawPath.cost - node.raw.minValue,
      normGap: node.normalizedPath.cost - node.normalized.minValue,
      normSteps: node.normalizedPath.stepsToTolerance,
      rawCondition: node.raw.conditionNumber,
      normCondition: node.normalized.conditionNumber,
    });
    // The lesson in numbers: normalized inputs converge within the budget, raw ones do not.
    expect(node.normalizedPath.stepsToTolerance).toBeLessThan(20);
    expect(node.rawPath.stepsToTolerance).toBeNull();
    expect(browser.rawCondition).toBeGreaterThan(500);
    expect(browser.normCondition).toBeLessThan(1.2);
    await expect(
      page.getByTestId('readout-raw-steps').getAttribute('data-value'),
    ).resolves.toBeNull();
    const contours = page.getByTestId('norm-contours');
    await expect(contours.getAttribute('data-path-lengths')).resolves.toBe('61');
    await expect(contours.getAttribute('data-final-points')).resolves.toBe(
      `${node.normalizedPath.xs[60]},${node.normalizedPath.ys[60]}`,
    );
    expect(Number(await page.getByTestId('cost-chart').getAttribute('data-points'))).toBe(61);
    await screenshot(page, '04-normalizing-inputs');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says in words that the raw side diverges when its α passes 2/λmax', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'normalizing-inputs');
    const stable = await readoutValue(page, 'raw-stable-lr');
    expect(stable).toBeGreaterThan(0.02); // the default α = 0.02 is just below it
    const slider = page.getByTestId('raw-lr');
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/normalizing-inputs?rawLr=0.0282');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    await expect(page.getByTestId('page-message').textContent()).resolves.toContain(
      'Raw inputs: gradient descent diverged',
    );
    await expect(page.getByTestId('raw-verdict').getAttribute('data-state')).resolves.toBe(
      'diverged',
    );
    await expect(page.getByTestId('norm-verdict').getAttribute('data-state')).resolves.toBe(
      'converged',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('makes the raw contours longer and thinner as the scale ratio grows', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'normalizing-inputs');
    const before = await readoutValue(page, 'raw-condition');
    const normBefore = await readoutValue(page, 'norm-condition');
    const slider = page.getByTestId('ratio');
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => readoutValue(page, 'raw-condition')).toBeGreaterThan(before * 9);
    // Normalizing removes the scale: the normalized cost does not change.
    expect(await readoutValue(page, 'norm-condition')).toBeCloseTo(normBefore, 9);
    expect(problems).toEqual([]);
    await page.close();
  });
});
