import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from './browser.js';
import { useSite } from './site.js';

const site = useSite();

describe('every page of the web demo (Chromium)', () => {
  it('lists every page on the home page, and each one loads with its lesson, labelled controls and no errors', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, '');
    const links = await page.locator('.home-list a').evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: anchor.getAttribute('href') ?? '',
        title: anchor.textContent ?? '',
      })),
    );
    expect(links.length).toBeGreaterThanOrEqual(1);
    expect(links[0]).toEqual({ href: '#/bias-variance', title: 'Bias and variance' });
    await screenshot(page, '00-home');
    for (const link of links) {
      await page.goto(`${site.origin}/${link.href}`);
      await expect(page.locator('main h1').textContent()).resolves.toBe(link.title);
      const lesson = (await page.locator('main .lesson').textContent()) ?? '';
      expect(lesson.length, `${link.href} states its lesson`).toBeGreaterThan(30);
      await page.waitForSelector('main .page-content > *');
      // Every form control has a label (or an accessible name), so it is usable by keyboard and screen readers.
      const unlabelled = await page
        .locator('main input, main select, main button, main textarea')
        .evaluateAll((controls) =>
          controls
            .filter((control) => {
              const labelled = 'labels' in control && (control as HTMLInputElement).labels?.length;
              const named =
                control.getAttribute('aria-label') ??
                control.getAttribute('aria-labelledby') ??
                control.getAttribute('title');
              const text = control.tagName === 'BUTTON' ? (control.textContent ?? '').trim() : '';
              return !labelled && !named && text === '';
            })
            .map((control) => control.outerHTML.slice(0, 120)),
        );
      expect(unlabelled, `${link.href} has unlabelled controls`).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so when a link names no page', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, 'no-such-page');
    await expect(page.getByRole('alert').first().textContent()).resolves.toBe(
      'There is no experiment called "no-such-page".',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves between pages with the keyboard: the navigation links are reachable by Tab', async () => {
    const { page, problems } = await openPage(site.browser, site.origin, '');
    let focused = '';
    for (let i = 0; i < 5 && !focused.startsWith('#/bias-variance'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    }
    expect(focused).toBe('#/bias-variance');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Bias and variance');
    expect(problems).toEqual([]);
    await page.close();
  });
});
