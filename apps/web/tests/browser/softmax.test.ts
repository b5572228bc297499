import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createClassifierJob } from '../../src/experiments/classifier/classifier-job.js';
import { SOFTMAX_PARAMS, softmaxConfig } from '../../src/pages/softmax/softmax-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's job in Node to the end and returns its last snapshot. */
async function runInNode(query: string) {
  const { values } = readParams(SOFTMAX_PARAMS, new URLSearchParams(query));
  const job = createClassifierJob(softmaxConfig(values));
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return snapshot;
}

describe('softmax page (Chromium)', () => {
  it('shows under the cursor the softmax probabilities of the grid, summing to 1', async () => {
    const query = 'classes=4&epochs=20&seed=2';
    const { page, problems } = await openPage(site.browser, site.origin, `softmax?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode(query);
    expect(await readoutValue(page, 'epoch')).toBe(20);
    expect(await readoutValue(page, 'train-cost')).toBe(node.cost);
    expect(await readoutValue(page, 'dev-cost')).toBe(node.devCost);
    expect(await readoutValue(page, 'dev-accuracy')).toBe(1 - node.devError);

    // The dev confusion matrix: the worker's counts, summing to m_dev, accuracy × m_dev on the diagonal.
    const mDev = await readoutValue(page, 'dev-size');
    expect(mDev).toBe(90);
    let total = 0;
    let diagonal = 0;
    for (let t = 0; t < 4; t++) {
      for (let p = 0; p < 4; p++) {
        const count = Number(
          await page.getByTestId(`confusion-${t}-${p}`).getAttribute('data-value'),
        );
        expect(count).toBe(node.devConfusion![t]![p]);
        total += count;
        if (t === p) diagonal += count;
      }
    }
    expect(total).toBe(mDev);
    expect(diagonal).toBe(Math.round((1 - node.devError) * mDev));

    // Hover the centre of grid cell (row 30, column 12) of the 48 × 48 grid on the 320 px map.
    const box = await page.locator('[data-testid="boundary"] canvas').boundingBox();
    if (box === null) throw new Error('the boundary canvas is not visible');
    const cell = box.width / 48;
    await page.mouse.move(box.x + (12 + 0.5) * cell, box.y + (30 + 0.5) * cell);
    const hover = page.getByTestId('hover');
    await expect.poll(() => hover.getAttribute('data-row')).toBe('30');
    await expect(hover.getAttribute('data-column')).resolves.toBe('12');
    const offset = (30 * 48 + 12) * 4;
    const shown: number[] = [];
    for (let c = 0; c < 4; c++) {
      shown.push(Number(await page.getByTestId(`probability-${c}`).getAttribute('data-value')));
      const logit = Number(await page.getByTestId(`logit-${c}`).getAttribute('data-value'));
      expect(logit).toBe(node.gridLogits![offset + c]);
    }
    expect(shown).toEqual(Array.from(node.grid.subarray(offset, offset + 4)));
    expect(Math.abs(shown.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
    // The highlighted bar is the most probable class.
    const top = shown.indexOf(Math.max(...shown));
    await expect(page.getByTestId(`probability-${top}`).getAttribute('data-top')).resolves.toBe(
      'true',
    );
    await expect(page.locator('.error-banner').isHidden()).resolves.toBe(true);
    await screenshot(page, '13-softmax');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('changes the number of classes from the keyboard and keeps it in the URL', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'softmax?epochs=10');
    const classes = page.getByTestId('classes');
    await classes.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/softmax?classes=4&epochs=10');
    await expect.poll(() => page.locator('[data-testid^="probability-"]').count()).toBe(4);
    await expect.poll(() => page.getByTestId('confusion-3-3').count()).toBe(1);
    await expect(page.getByTestId('readout-chance-cost').getAttribute('data-value')).resolves.toBe(
      String(Math.log(4)),
    );
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = await runInNode('classes=4&epochs=10');
    expect(await readoutValue(page, 'dev-accuracy')).toBe(1 - node.devError);
    await expect(page.locator('.error-banner').isHidden()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
