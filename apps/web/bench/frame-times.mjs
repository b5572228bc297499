#!/usr/bin/env node
/* global requestAnimationFrame -- used inside page.evaluate, which runs in the browser */
/**
 * Frame times of the web demo while a model trains in its Web Worker: the page must stay
 * responsive (target: 95th percentile under 20 ms).
 *
 *   pnpm --filter @deeptune/web bench                # builds first (turbo), then measures
 *   node bench/frame-times.mjs [hash] [--seconds 10]
 *
 * Serves the built site (apps/web/dist) with Vite's preview server on 127.0.0.1, opens the
 * page in Debian's Chromium (/usr/bin/chromium, never a downloaded browser), records every
 * requestAnimationFrame interval for a few idle seconds, presses Train, and records them
 * again while training; prints percentiles of both and how many epochs were trained.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const appDir = fileURLToPath(new URL('..', import.meta.url));

const args = process.argv.slice(2);
const secondsIndex = args.indexOf('--seconds');
const seconds = secondsIndex === -1 ? 10 : Number(args[secondsIndex + 1]);
const positional = args.filter((arg, index) => !arg.startsWith('--') && index !== secondsIndex + 1);
const hash =
  positional[0] ??
  'bias-variance?dataset=spirals&classes=3&points=1000&units=64&layers=3&epochs=3000';

if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(1);
}
if (!existsSync(`${appDir}/dist/index.html`)) {
  console.error('No built site: run `pnpm --filter @deeptune/web build` first.');
  process.exit(1);
}

function percentiles(intervals) {
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { frames: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) };
}

async function recordFrames(page, milliseconds) {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const intervals = [];
        const start = performance.now();
        let last = start;
        const loop = (time) => {
          intervals.push(time - last);
          last = time;
          if (time - start < duration) requestAnimationFrame(loop);
          else resolve(intervals.slice(1));
        };
        requestAnimationFrame(loop);
      }),
    milliseconds,
  );
}

const server = await preview({
  root: appDir,
  logLevel: 'silent',
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/#/${hash}`);
  await page.getByTestId('play').waitFor();
  await page.waitForSelector('[data-testid="run-status"]:not(:empty)');
  const idle = percentiles(await recordFrames(page, 3000));
  await page.getByTestId('play').click();
  const training = percentiles(await recordFrames(page, seconds * 1000));
  const status = await page.getByTestId('run-status').textContent();
  // Pause, unless the run already finished (the button is then disabled).
  if (await page.getByTestId('play').isEnabled()) await page.getByTestId('play').click();
  const fmt = (p) =>
    `${String(p.frames).padStart(5)} frames  p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms  max ${p.max.toFixed(1)} ms`;
  console.log(`web demo frame times, #/${hash}`);
  console.log(`  idle (3 s):          ${fmt(idle)}`);
  console.log(`  training (${seconds} s):     ${fmt(training)}   status: ${status}`);
  console.log(
    `  target: p95 under 20 ms while training — ${training.p95 < 20 ? 'met' : 'NOT met'}`,
  );
  if (errors.length > 0) console.log(`  page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  server.httpServer.close();
}
