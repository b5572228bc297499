#!/usr/bin/env node
/* global navigator -- used inside page.evaluate, which runs in the browser */
/**
 * Browser reproducibility check: the same seeded training run, bundled once, must give
 * bit-identical trained weights in Node and in headless Chromium.
 *
 *   pnpm run test:browser        (or: node scripts/browser-reproducibility/run.mjs)
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`); it never
 * downloads a browser. playwright-core and esbuild are installed on first use, pinned, into
 * node_modules/.cache/browser-reproducibility (git-ignored), not into the workspace.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const ESBUILD_VERSION = '0.28.2';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const BROWSER_TIMEOUT_MS = 120_000;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'browser-reproducibility');
const toolsDir = join(cacheDir, 'tools');
const bundlePath = join(cacheDir, 'train-fixture.bundle.mjs');

function fail(message) {
  console.error(`\nbrowser-reproducibility: ${message}`);
  process.exit(1);
}

// --- 0. Prerequisites -------------------------------------------------------------------
if (!existsSync(CHROMIUM)) {
  fail(
    `no Chromium at ${CHROMIUM}.\n` +
      "This check uses Debian's Chromium and never downloads a browser. Install it with:\n\n" +
      '    apt-get update && apt-get install -y chromium\n\n' +
      'then run `pnpm run test:browser` again.',
  );
}

/** Installs the pinned tools into the cache dir if they are absent or at another version. */
function ensureTools() {
  const installed = (name) => {
    try {
      const manifest = join(toolsDir, 'node_modules', name, 'package.json');
      return JSON.parse(readFileSync(manifest, 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  if (
    installed('playwright-core') === PLAYWRIGHT_CORE_VERSION &&
    installed('esbuild') === ESBUILD_VERSION
  ) {
    return;
  }
  mkdirSync(toolsDir, { recursive: true });
  console.log(
    `Installing playwright-core@${PLAYWRIGHT_CORE_VERSION} and esbuild@${ESBUILD_VERSION} into ${toolsDir} …`,
  );
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--prefix',
      toolsDir,
      `playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
      `esbuild@${ESBUILD_VERSION}`,
    ],
    // Run outside the workspace so npm never looks at the pnpm lockfile or workspace config.
    {
      cwd: toolsDir,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    },
  );
}

ensureTools();
const requireTool = createRequire(join(toolsDir, 'node_modules', 'noop.js'));
// Both are CommonJS packages: require them from the cache dir.
const esbuild = requireTool('esbuild');
const { chromium } = requireTool('playwright-core');

// --- 1. Bundle once, for the browser ----------------------------------------------------
// packages/deeptune depends on every workspace package, so its node_modules resolves
// @deeptune/core, layers, optimizers, data and train; the '@deeptune/source' condition
// picks their TypeScript sources (no build needed).
let started = performance.now();
await esbuild.build({
  entryPoints: [join(here, 'train-fixture.ts')],
  outfile: bundlePath,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  conditions: ['@deeptune/source'],
  absWorkingDir: repoRoot,
  nodePaths: [join(repoRoot, 'packages', 'deeptune', 'node_modules')],
  logLevel: 'warning',
});
const bundleSeconds = (performance.now() - started) / 1000;
const bundleSource = readFileSync(bundlePath, 'utf8');
console.log(
  `Bundled train-fixture.ts -> ${bundlePath} (${(bundleSource.length / 1024).toFixed(1)} KiB, ${bundleSeconds.toFixed(2)} s)`,
);

// --- 2. Node ----------------------------------------------------------------------------
started = performance.now();
const nodeModule = await import(pathToFileURL(bundlePath).href);
const nodeResult = await nodeModule.trainFixture();
const nodeSeconds = (performance.now() - started) / 1000;

// --- 3. Chromium: serve the same bundle from 127.0.0.1 and import it in a page ----------
const server = createServer((request, response) => {
  if (request.url === '/fixture.mjs') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(bundleSource);
  } else if (request.url === '/' || request.url === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><meta charset="utf-8"><title>deeptune reproducibility</title>');
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDataDir = mkdtempSync(join(tmpdir(), 'deeptune-chromium-'));
let context;
let browserResult;
let browserVersion = '?';
let browserSeconds = 0;
let browserError;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: BROWSER_TIMEOUT_MS,
  });
  browserVersion = context.browser()?.version() ?? browserVersion;
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${origin}/index.html`);
  if (!browserVersion || browserVersion === '?') {
    browserVersion = await page.evaluate(() => navigator.userAgent);
  }
  started = performance.now();
  browserResult = await page.evaluate(async () => {
    const fixture = await import('/fixture.mjs');
    return fixture.trainFixture();
  });
  browserSeconds = (performance.now() - started) / 1000;
  if (pageErrors.length > 0) console.warn(`Page errors:\n  ${pageErrors.join('\n  ')}`);
} catch (error) {
  browserError = error;
} finally {
  await context?.close().catch(() => {});
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
if (browserError !== undefined) {
  fail(`running the bundle in Chromium failed:\n${browserError?.stack ?? browserError}`);
}

// --- 4. Compare -------------------------------------------------------------------------
// Gated, in float32 and float64: the seeded data, the initial weights (Rng and the synthetic
// generators use only exactly-specified arithmetic) and the trained weights (the cpu kernels
// and the optimizers call core's portable fdlibm ports portableExp / portableLog /
// portableTanh / portablePow instead of Math.exp / Math.log / Math.tanh / Math.pow / `**`,
// which ECMAScript leaves implementation-approximated).
const fmt = (values) => `[${values.map((value) => value.toPrecision(9)).join(', ')}]`;
function printRun(label, run) {
  console.log(
    `  ${label.padEnd(8)} ${run.backend.split(' ')[0].padEnd(5)} ${run.dtype.padEnd(8)} hash ${run.hash}  init ${run.initHash}  data ${run.dataHash}  ` +
      `params ${run.parameterCount}  cost ${run.cost.toFixed(6)}  acc ${run.accuracy.toFixed(4)}  ` +
      `${run.seconds.toFixed(2)} s`,
  );
  console.log(`  ${''.padEnd(8)} ${''.padEnd(8)} weights[0..8] ${fmt(run.weights)}`);
}

/** The differences in the trained result of one dtype (hash, first weights, cost, accuracy). */
function trainedDifferences(inNode, inBrowser) {
  const found = [];
  if (inNode.hash !== inBrowser.hash) {
    found.push(`trained weights differ (node ${inNode.hash} vs chromium ${inBrowser.hash})`);
  }
  inNode.weights.forEach((value, index) => {
    const other = inBrowser.weights[index];
    if (!Object.is(value, other)) {
      found.push(`weights[${index}] node ${value} vs chromium ${other} (diff ${value - other})`);
    }
  });
  if (!Object.is(inNode.cost, inBrowser.cost) || !Object.is(inNode.accuracy, inBrowser.accuracy)) {
    found.push(
      `cost/accuracy differ (node ${inNode.cost}/${inNode.accuracy} vs ` +
        `chromium ${inBrowser.cost}/${inBrowser.accuracy})`,
    );
  }
  return found;
}

console.log(
  `\nNode ${process.version} (${nodeSeconds.toFixed(2)} s) vs Chromium ${browserVersion} (${browserSeconds.toFixed(2)} s)`,
);
const mismatches = [];
for (let i = 0; i < nodeResult.runs.length; i++) {
  const inNode = nodeResult.runs[i];
  const inBrowser = browserResult.runs[i];
  printRun('node', inNode);
  printRun('chromium', inBrowser);
  if (inBrowser?.dtype !== inNode.dtype || inBrowser?.backend !== inNode.backend) {
    mismatches.push(
      `${inNode.backend} ${inNode.dtype}: the browser run is missing or of another dtype or backend (${inBrowser?.backend})`,
    );
    continue;
  }
  if (inNode.dataHash !== inBrowser.dataHash) {
    mismatches.push(
      `${inNode.backend} ${inNode.dtype}: generated data differ (node ${inNode.dataHash} vs chromium ${inBrowser.dataHash})`,
    );
  }
  if (inNode.initHash !== inBrowser.initHash) {
    mismatches.push(
      `${inNode.backend} ${inNode.dtype}: initial weights differ (node ${inNode.initHash} vs chromium ${inBrowser.initHash})`,
    );
  }
  mismatches.push(
    ...trainedDifferences(inNode, inBrowser).map(
      (text) => `${inNode.backend} ${inNode.dtype}: ${text}`,
    ),
  );
}

if (mismatches.length > 0) {
  console.error(`\nFAIL: Node and Chromium disagree:\n  - ${mismatches.join('\n  - ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const hashes = nodeResult.runs
  .map((run) => `${run.backend.split(' ')[0]} ${run.dtype} ${run.hash}`)
  .join(', ');
console.log(
  `\nOK: identical seeded data, initial weights and bit-identical trained weights ` +
    `(${hashes}) in Node and Chromium.`,
);
console.log('1 passed, 0 failed');
