import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { serveStaticSite, type StaticSite } from './static-site.js';

/**
 * The built site (turbo builds it before the tests); `DEEPTUNE_WEB_DIST` points the tests at
 * another build (e.g. `vite build --outDir /tmp/site`).
 */
export const DIST =
  process.env['DEEPTUNE_WEB_DIST'] ??
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** Serves the built site and launches Chromium for one test file; closes both after it. */
export function useSite(): { readonly origin: string; readonly browser: Browser } {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serveStaticSite(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get origin() {
      if (site === undefined) throw new Error('useSite: the site is not served yet.');
      return site.origin;
    },
    get browser() {
      if (browser === undefined) throw new Error('useSite: Chromium is not running yet.');
      return browser;
    },
  };
}
