import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchDebianChromium } from '../../../../scripts/test/chromium.js';

export { CHROMIUM } from '../../../../scripts/test/chromium.js';

/** Launches Debian's Chromium headless; a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  return launchDebianChromium(chromium);
}

/** Where screenshots for review go (git-ignored, not committed). */
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'screenshots',
);

/** A page with every console error, page error and failed request recorded. */
export interface WatchedPage {
  /** The page. */
  readonly page: Page;
  /** Console errors, uncaught exceptions and requests that failed or left 127.0.0.1. */
  readonly problems: string[];
}

/**
 * Opens `origin/#/<hash>` in a fresh page of `browser` and records its problems;
 * `beforeLoad` runs first (to hold or stub a request with `page.route`).
 */
export async function openPage(
  browser: Browser,
  origin: string,
  hash: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await beforeLoad?.(page);
  page.setDefaultTimeout(240_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (
      !request.url().startsWith(origin) &&
      !request.url().startsWith('data:') &&
      !request.url().startsWith('blob:')
    ) {
      problems.push(`request outside the site: ${request.url()}`);
    }
  });
  await page.goto(`${origin}/#/${hash}`);
  // The app routes once the page's backend is installed (main.ts awaits it): wait for that.
  await page.waitForSelector('main#main > *');
  return { page, problems };
}

/** Writes a full-page screenshot `screenshots/<name>.png` for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The exact number a readout shows (its `data-value`). */
export async function readoutValue(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`readout-${key}`).getAttribute('data-value');
  if (text === null) throw new Error(`readout-${key} has no value yet.`);
  return Number(text);
}

/** Waits until the run controls say the run is done. */
export async function waitForRunDone(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="run-status"][data-state="done"]');
}
