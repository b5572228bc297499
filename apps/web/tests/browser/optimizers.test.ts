import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/app/url-params.js';
import { createOptimizerRace } from '../../src/experiments/surfaces/optimizer-race.js';
import {
  OPTIMIZERS_PARAMS,
  optimizersConfig,
} from '../../src/pages/optimizers/optimizers-params.js';
import { openPage, readoutValue, screenshot, waitForRunDone } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

/** Runs the page's race in Node to the end of its budget. */
function runInNode(query: string) {
  const { values } = readParams(OPTIMIZERS_PARAMS, new URLSearchParams(query));
  const experiment = createOptimizerRace(optimizersConfig(values));
  experiment.race.runToEnd();
  return experiment;
}

describe('optimizers on contours page (Chromium)', () => {
  it('races the four optimizers to exactly the numbers Node computes', async () => {
    const query = 'steps=150';
    const { page, problems } = await openPage(site.browser, site.origin, `optimizers?${query}`);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = runInNode(query);
    for (const racer of node.racers) {
      expect(await readoutValue(page, `steps-${racer.kind}`)).toBe(racer.path.stepsToTolerance);
      expect(await readoutValue(page, `cost-${racer.kind}`)).toBe(racer.path.cost);
    }
    // On the κ = 100 bowl every adaptive method beats plain gradient descent.
    await expect(page.getByTestId('ranking').getAttribute('data-order')).resolves.toBe(
      'rmsprop,adam,momentum,sgd',
    );
    const contours = page.getByTestId('contours');
    await expect(contours.getAttribute('data-path-lengths')).resolves.toBe('151,151,151,151');
    await expect(contours.getAttribute('data-final-points')).resolves.toBe(
      node.racers.map((racer) => `${racer.path.xs[150]},${racer.path.ys[150]}`).join(';'),
    );
    expect(Number(await page.getByTestId('cost-chart').getAttribute('data-points'))).toBe(151);
    // Hovering reads f(x, y) of the bowl ½(x²/100 + y²) at the pointer.
    const box = (await contours.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    const hover = page.getByTestId('contours-hover');
    await expect.poll(() => hover.getAttribute('data-f')).not.toBeNull();
    const [x, y, f] = await Promise.all(
      ['data-x', 'data-y', 'data-f'].map(async (name) => Number(await hover.getAttribute(name))),
    );
    expect(x).toBeLessThan(0);
    expect(y).toBeGreaterThan(0);
    expect(f).toBeCloseTo(0.5 * ((x! * x!) / 100 + y! * y!), 12);
    await screenshot(page, '09-optimizers');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves the start with the keyboard and races only the ticked optimizers', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'optimizers?steps=40');
    const handle = page.getByTestId('contours-start');
    await handle.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/optimizers?x=-3.5&y=1.8&steps=40');
    await expect(handle.getAttribute('data-x')).resolves.toBe('-3.5');
    await page.getByTestId('enable-sgd').uncheck();
    await expect
      .poll(() => page.getByTestId('contours').getAttribute('data-path-lengths'))
      .toBe('1,1,1');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const node = runInNode('x=-3.5&y=1.8&steps=40&sgd=0');
    expect(node.racers.map((racer) => racer.kind)).toEqual(['momentum', 'rmsprop', 'adam']);
    for (const racer of node.racers) {
      expect(await readoutValue(page, `cost-${racer.kind}`)).toBe(racer.path.cost);
    }
    await expect(page.getByTestId('readout-steps-sgd').getAttribute('data-value')).resolves.toBe(
      null,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('drags the start point with the pointer and restarts the race from there', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'optimizers?steps=20');
    const box = (await page.getByTestId('contours').locator('canvas').boundingBox())!;
    // The plot area: 58 px from the left, 10 px from the top, 420 − 72 = 348 px square, [−5, 5]².
    const at = (x: number, y: number): [number, number] => [
      box.x + 58 + ((x + 5) / 10) * 348,
      box.y + 10 + ((5 - y) / 10) * 348,
    ];
    await page.mouse.move(...at(-2.5, 2.5));
    await page.mouse.down();
    await page.mouse.move(...at(0, 0), { steps: 4 });
    await page.mouse.move(...at(2.5, -2.5), { steps: 4 });
    await page.mouse.up();
    const handle = page.getByTestId('contours-start');
    await expect.poll(async () => Number(await handle.getAttribute('data-x'))).toBeCloseTo(2.5, 1);
    expect(Number(await handle.getAttribute('data-y'))).toBeCloseTo(-2.5, 1);
    const x = Number(await handle.getAttribute('data-x'));
    const y = Number(await handle.getAttribute('data-y'));
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe(`#/optimizers?x=${x}&y=${y}&steps=20`);
    // Every path starts again at the dragged point.
    await expect(page.getByTestId('contours').getAttribute('data-final-points')).resolves.toBe(
      [1, 2, 3, 4].map(() => `${x},${y}`).join(';'),
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('names the optimizer that diverges when its α is too large', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'optimizers?steps=60');
    await page.getByTestId('lr-sgd').focus();
    await page.keyboard.press('End'); // α = 10, far above 2/λmax = 2
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lrSgd=10');
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    await expect(page.getByTestId('page-message').textContent()).resolves.toMatch(
      /^Gradient descent diverged: the cost reached .* at step \d+ \(α = 10 is too large/,
    );
    // The others still converge; the diverged run shows no number instead of NaN.
    expect(await readoutValue(page, 'steps-adam')).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches to the saddle surface and its suggested start', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'optimizers?steps=100');
    await page.getByTestId('surface').selectOption('saddle');
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/optimizers?surface=saddle&x=0.05&y=4&steps=100');
    await expect(page.getByTestId('kappa').isVisible()).resolves.toBe(false);
    await page.getByTestId('play').click();
    await waitForRunDone(page);
    const finals = (await page.getByTestId('contours').getAttribute('data-final-points'))!
      .split(';')
      .map((point) => point.split(',').map(Number));
    // Every optimizer left the saddle at the origin for the minimum at (2, 0).
    for (const [x, y] of finals) {
      expect(Math.abs(x! - 2)).toBeLessThan(0.1);
      expect(Math.abs(y!)).toBeLessThan(0.1);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
