import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { measureSignal } from '../../src/experiments/signal/signal-measurement.js';
import {
  VANISHING_EXPLODING_PARAMS,
  vanishingExplodingConfig,
} from '../../src/pages/vanishing-exploding/vanishing-exploding-params.js';
import { openPage, readoutValue, screenshot } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** The library's measurement in Node for a page query. */
function measureInNode(query: string) {
  const { values } = readParams(VANISHING_EXPLODING_PARAMS, new URLSearchParams(query));
  return measureSignal(vanishingExplodingConfig(values));
}

/** Waits for the measurement of the current settings. */
async function waitForMeasured(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="measure-status"][data-state="done"]');
}

async function shown(page: Page) {
  return {
    firstStd: await readoutValue(page, 'first-std'),
    lastStd: await readoutValue(page, 'last-std'),
    activationGrowth: await readoutValue(page, 'activation-growth'),
    gradientGrowth: await readoutValue(page, 'gradient-growth'),
  };
}

describe('vanishing / exploding page (Chromium)', () => {
  it('measures in the worker exactly what the library gives in Node, and explodes with large weights', async () => {
    const query = 'depth=12&width=32&seed=2';
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      `vanishing-exploding?${query}`,
    );
    await waitForMeasured(page);
    const he = measureInNode(query);
    expect(await shown(page)).toEqual({
      firstStd: he.activationStd[0],
      lastStd: he.activationStd[11],
      activationGrowth: he.activationGrowth,
      gradientGrowth: he.gradientGrowth,
    });
    await expect(page.getByTestId('verdict').getAttribute('data-verdict')).resolves.toBe('stable');

    await page.getByTestId('init').selectOption('large');
    await expect
      .poll(() => page.getByTestId('verdict').getAttribute('data-verdict'))
      .toBe('exploding');
    await waitForMeasured(page);
    const large = measureInNode(`${query}&init=large`);
    expect(await readoutValue(page, 'activation-growth')).toBe(large.activationGrowth);
    // ×1.5 per layer over 11 layers: 1.5¹¹ ≈ 86.5 times He's growth.
    expect(large.activationGrowth / he.activationGrowth).toBeCloseTo(1.5 ** 11, 0);

    // One more layer (keyboard on the depth slider) multiplies the growth by about 1.5 more.
    await page.getByTestId('depth').focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe(`#/vanishing-exploding?depth=13&width=32&init=large&seed=2`);
    await expect
      .poll(() => readoutValue(page, 'activation-growth'))
      .toBe(measureInNode('depth=13&width=32&seed=2&init=large').activationGrowth);
    expect(await readoutValue(page, 'activation-growth')).toBeGreaterThan(large.activationGrowth);
    // Forward: layer 1 is the reference of the per-layer verdicts; backward, the gradient
    // arriving at layer 1 has grown past ×100.
    const forward = await page.getByTestId('activation-verdicts').getAttribute('data-verdicts');
    expect(forward?.split(',')[0]).toBe('stable');
    expect(forward?.split(',')).toHaveLength(13);
    expect(await page.getByTestId('gradient-verdicts').getAttribute('data-verdicts')).toMatch(
      /^exploding,/,
    );
    expect(Number(await page.getByTestId('activation-chart').getAttribute('data-points'))).toBe(13);
    await expect(page.locator('.error-banner').isHidden()).resolves.toBe(true);
    await screenshot(page, '05-vanishing-exploding');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('names a float32 overflow instead of showing NaN', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'vanishing-exploding?depth=50&width=16&init=large&factor=8',
    );
    await waitForMeasured(page);
    await expect(page.getByTestId('verdict').getAttribute('data-verdict')).resolves.toBe(
      'non-finite',
    );
    await expect(page.getByTestId('page-message').textContent()).resolves.toContain(
      'The signal overflowed',
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});
