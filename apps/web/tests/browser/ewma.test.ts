import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { ewmaCurves } from '../../src/experiments/ewma/ewma-curves.js';
import { temperatureSeries } from '../../src/experiments/ewma/temperature-series.js';
import { EWMA_PARAMS, ewmaConfig } from '../../src/pages/ewma/ewma-params.js';
import { openPage, readoutValue, screenshot } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Polls until the page (its worker may start slowly on a busy machine) shows the value. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

/** The page's readouts, computed in Node for the link's parameters. */
function inNode(query: string) {
  const { values } = readParams(EWMA_PARAMS, new URLSearchParams(query));
  const config = ewmaConfig(values);
  const theta = temperatureSeries(config.series);
  const curves = ewmaCurves(theta, config.beta);
  return {
    window: curves.window,
    theta1: theta[0]!,
    v1: curves.raw[0]!,
    v1Corrected: curves.corrected[0]!,
    last: curves.raw[364]!,
    lastCorrected: curves.corrected[364]!,
  };
}

describe('exponentially weighted averages page (Chromium)', () => {
  it('moves the average with the β slider to exactly the numbers Node computes', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'ewma?seed=3');
    const read = async () => ({
      window: await readoutValue(page, 'window'),
      theta1: await readoutValue(page, 'theta-1'),
      v1: await readoutValue(page, 'v1'),
      v1Corrected: await readoutValue(page, 'v1-corrected'),
      last: await readoutValue(page, 'last'),
      lastCorrected: await readoutValue(page, 'last-corrected'),
    });
    await page.waitForSelector('[data-testid="readout-window"][data-value]');
    expect(await read()).toEqual(inNode('seed=3&beta=0.9'));
    expect(await readoutValue(page, 'window')).toBeCloseTo(10, 10);

    const beta = page.getByTestId('beta');
    await beta.focus();
    for (let i = 0; i < 80; i++) await page.keyboard.press('ArrowRight');
    await poll(() => page.evaluate(() => window.location.hash)).toBe('#/ewma?beta=0.98&seed=3');
    const moved = await read();
    expect(moved).toEqual(inNode('seed=3&beta=0.98'));
    expect(moved.window).toBeCloseTo(50, 8);
    // a larger β: a longer window and a v_1 = (1 − β)·θ_1 further from θ_1 (closer to 0)
    expect(Math.abs(moved.v1)).toBeLessThan(Math.abs(inNode('seed=3&beta=0.9').v1));
    expect(moved.v1).toBeCloseTo(0.02 * moved.theta1, 12);
    expect(moved.v1Corrected).toBe(moved.theta1);

    await page.getByTestId('correct').check();
    await poll(() => page.evaluate(() => window.location.hash)).toBe(
      '#/ewma?beta=0.98&correct=1&seed=3',
    );
    await screenshot(page, '08-ewma');
    expect(await page.locator('.error-banner').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a window longer than the series instead of failing', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'ewma?beta=0.999');
    await poll(() => page.getByTestId('page-message').textContent()).toContain(
      'longer than the 365-day series',
    );
    expect(await readoutValue(page, 'window')).toBeCloseTo(1000, 6);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('replays the year day by day: reset empties the curves, step shows day 1, train runs to day 365', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'ewma?seed=3');
    const status = page.getByTestId('run-status');
    await poll(() => status.textContent()).toBe('day 365 of 365');
    const drawn = () => page.getByTestId('ewma-chart').getAttribute('data-drawn');
    expect(await drawn()).toBe('365');
    await page.getByTestId('reset').click();
    await poll(() => status.textContent()).toBe('day 0 of 365');
    expect(await drawn()).toBe('0');
    await page.getByTestId('step').click();
    await poll(() => status.textContent()).toBe('day 1 of 365');
    expect(await drawn()).toBe('1');
    await page.getByTestId('play').click();
    await poll(() => status.textContent()).toBe('day 365 of 365');
    await expect(page.getByTestId('play').getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await drawn()).toBe('365');
    expect(problems).toEqual([]);
    await page.close();
  });
});
