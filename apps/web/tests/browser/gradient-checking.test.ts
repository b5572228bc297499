import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { runGradientCheck } from '../../src/experiments/gradcheck/gradient-check.js';
import {
  GRADIENT_CHECKING_PARAMS,
  gradientCheckingConfig,
} from '../../src/pages/gradient-checking/gradient-checking-params.js';
import { openPage, readoutValue, screenshot } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** The library's check in Node for a page query. */
function checkInNode(query: string) {
  const { values } = readParams(GRADIENT_CHECKING_PARAMS, new URLSearchParams(query));
  return runGradientCheck(gradientCheckingConfig(values));
}

/** Waits until the check of the current settings is shown. */
async function waitForChecked(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="check-status"][data-state="done"]');
}

/** The verdict of each parameter row of the chart, by parameter name. */
async function rowVerdicts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const verdicts: Record<string, string> = {};
    for (const row of document.querySelectorAll<HTMLElement>(
      '[data-testid="difference-chart"] tbody tr.gradient-checking-parameter',
    )) {
      verdicts[row.dataset['parameter']!] = row.dataset['verdict']!;
    }
    return verdicts;
  });
}

describe('gradient checking page (Chromium)', () => {
  it('checks the clean network as great, and names the layer whose backward pass has the bug', async () => {
    const { page, problems } = await openPage(
      site.browser,
      site.origin,
      'gradient-checking?layers=2&units=4',
    );
    await waitForChecked(page);
    const clean = checkInNode('layers=2&units=4');
    expect(await readoutValue(page, 'relative-difference')).toBe(clean.relativeDifference);
    await expect(page.getByTestId('summary').getAttribute('data-verdict')).resolves.toBe('great');
    expect(Object.values(await rowVerdicts(page))).not.toContain('bug');

    await page.getByTestId('bug').check();
    await expect
      .poll(() => page.getByTestId('summary').getAttribute('data-bug-layers'))
      .toBe('dense2');
    await waitForChecked(page);
    await expect(page.getByTestId('summary').getAttribute('data-verdict')).resolves.toBe('bug');
    await expect(page.getByTestId('summary').textContent()).resolves.toContain('Bug in dense2');
    expect(await rowVerdicts(page)).toEqual({
      'dense1.weight': 'great',
      'dense1.bias': 'great',
      'dense2.weight': 'bug',
      'dense2.bias': 'bug',
      'dense3.weight': 'great',
      'dense3.bias': 'great',
    });
    const buggy = checkInNode('layers=2&units=4&bug=1');
    expect(await readoutValue(page, 'relative-difference')).toBe(buggy.relativeDifference);

    // Move the bug to the output layer: the check follows it.
    await page.getByTestId('bug-layer').selectOption('3');
    await expect
      .poll(() => page.getByTestId('summary').getAttribute('data-bug-layers'))
      .toBe('dense3');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/gradient-checking?units=4&bug=1&bugLayer=3');
    const verdicts = await rowVerdicts(page);
    expect(verdicts['dense3.weight']).toBe('bug');
    expect(verdicts['dense2.weight']).toBe('great');
    await screenshot(page, '06-gradient-checking');
    expect(problems).toEqual([]);
    await page.close();
  });
});
