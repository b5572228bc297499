// A plugin with its own install of the deeptune packages meets the app's copies: here the
// app is this workspace's sources, and the plugin's copies are the built packages copied
// into a temporary node_modules (Node loads them natively, as it would a user's install).
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORE_VERSION,
  IncompatibleCopyError,
  Rng,
  Tensor,
  createRegistry,
  isTensor,
  loadedCoreCopies,
  matmul,
  tensor,
} from '@deeptune/core';
import { Dense, Module, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { sgd, type OptimizerPlugin } from '@deeptune/optimizers';
import type * as CoreApi from '@deeptune/core';
import type * as LayersApi from '@deeptune/layers';
import type * as OptimizersApi from '@deeptune/optimizers';
import { fit } from '../../src/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

type Core = typeof CoreApi;
type Layers = typeof LayersApi;
type Optimizers = typeof OptimizersApi;

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));
const THIS_CORE_PATH = fileURLToPath(
  new URL('../../../core/src/copies/core-copy.ts', import.meta.url),
);
/** The major version after this one: incompatible with it whatever the current version is. */
const NEXT_MAJOR = `${Number(CORE_VERSION.split('.')[0]) + 1}.0.0`;

/** Drops the workspace-only `@deeptune/source` condition, as the published manifest does. */
function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== '@deeptune/source')
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/**
 * Installs the built package `packages/<name>` into `<folder>/node_modules/@deeptune/<name>`,
 * optionally claiming another version (the core build's baked-in version is rewritten too).
 */
async function installCopy(folder: string, name: string, version?: string): Promise<string> {
  const source = join(PACKAGES, name);
  if (!existsSync(join(source, 'dist', 'index.js'))) {
    throw new Error(`${source}/dist does not exist: build the packages first (pnpm build)`);
  }
  const target = join(folder, 'node_modules', '@deeptune', name);
  await cp(join(source, 'dist'), join(target, 'dist'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  manifest['exports'] = withoutSourceCondition(manifest['exports']);
  if (version !== undefined) {
    manifest['version'] = version;
    let rewritten = 0;
    for (const file of await readdir(join(target, 'dist'))) {
      if (!file.endsWith('.js')) continue;
      const path = join(target, 'dist', file);
      const code = await readFile(path, 'utf8');
      const patched = code.replace(/(var CORE_VERSION\d* = (?:true \? )?)"[^"]*"/, (_, head) => {
        rewritten++;
        return `${head as string}${JSON.stringify(version)}`;
      });
      await writeFile(path, patched);
    }
    expect(rewritten, 'the build defines CORE_VERSION once').toBe(1);
  }
  await writeFile(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
  return target;
}

/** Imports `<folder>/node_modules/@deeptune/<name>` natively. */
async function importCopy<T>(folder: string, name: string): Promise<T> {
  const entry = join(folder, 'node_modules', '@deeptune', name, 'dist', 'index.js');
  return (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as T;
}

/** Lion written against the plugin's copy, as in docs/guides/custom-optimizer.md. */
function lionOf(optimizers: Optimizers, core: Core): OptimizerPlugin {
  const beta = (value: number) => core.option.number({ default: value, min: 0, exclusiveMax: 1 });
  return optimizers.defineOptimizer({
    name: 'acme:lion',
    description: 'Lion: sign of an interpolated momentum (Chen et al., 2023).',
    defaults: { learningRate: 1e-4 },
    hyperparameters: { beta1: beta(0.9), beta2: beta(0.99) },
    init: (param) => ({ m: core.zerosLike(param).data }),
    update: ({ param, grad, state: { m }, hp: { learningRate, beta1, beta2 } }) => {
      for (let i = 0; i < param.length; i++) {
        const c = beta1 * m[i]! + (1 - beta1) * grad[i]!;
        param[i] = param[i]! - learningRate * Math.sign(c);
        m[i] = beta2 * m[i]! + (1 - beta2) * grad[i]!;
      }
    },
  }) as unknown as OptimizerPlugin;
}

let dir: string;
let plugin: string;
let next: string;
let other: { core: Core; layers: Layers; optimizers: Optimizers };
let incompatible: { core: Core; optimizers: Optimizers };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-copies-'));
  plugin = join(dir, 'plugin');
  for (const name of ['core', 'layers', 'optimizers']) await installCopy(plugin, name);
  other = {
    core: await importCopy<Core>(plugin, 'core'),
    layers: await importCopy<Layers>(plugin, 'layers'),
    optimizers: await importCopy<Optimizers>(plugin, 'optimizers'),
  };
  next = join(dir, 'plugin-next');
  await installCopy(next, 'core', NEXT_MAJOR);
  await installCopy(next, 'optimizers');
  incompatible = {
    core: await importCopy<Core>(next, 'core'),
    optimizers: await importCopy<Optimizers>(next, 'optimizers'),
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("another copy of the same release (a plugin's own install)", () => {
  it('is really another copy: other classes, same version, both listed as loaded', () => {
    expect(other.core.Tensor).not.toBe(Tensor);
    expect(other.core.CORE_VERSION).toBe(CORE_VERSION);
    const urls = loadedCoreCopies().map((copy) => fileURLToPath(copy.url));
    expect(urls).toContain(THIS_CORE_PATH);
    expect(
      urls.some((url) => url.startsWith(join(plugin, 'node_modules', '@deeptune', 'core'))),
    ).toBe(true);
  });

  it("passes this copy's tensor checks, and its ops and autograd work on them", () => {
    const w = other.core.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    expect(isTensor(w)).toBe(true);
    expect(w instanceof Tensor).toBe(true);
    const x = tensor([[1], [1]], { dtype: 'float64' });
    const loss = matmul(w, x).square().sum(); // this copy's ops on the other copy's leaf
    expect(loss.item()).toBe(9 + 49);
    loss.backward();
    expect(w.grad!.toArray()).toEqual([
      [6, 6],
      [14, 14],
    ]);
    // and the other way round: the other copy's ops on this copy's tensors
    expect(other.core.add(x, w).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(other.core.isTensor(x)).toBe(true);
  });

  it("shares noGrad: the other copy's noGrad stops this copy's ops from recording", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(other.core.noGrad(() => w.mul(2)).requiresGrad).toBe(false);
    expect(w.mul(2).requiresGrad).toBe(true);
  });

  it("gets its parameters stepped by this copy's optimizer", () => {
    const value = other.core.tensor([1, -2], { dtype: 'float64', requiresGrad: true });
    value.grad = other.core.tensor([0.3, 0.4], { dtype: 'float64' });
    const optimizer = sgd({ learningRate: 0.1 }).addParameters([
      { path: 'w', value, role: 'weight' },
    ]);
    optimizer.step();
    expect(value.data[0]).toBeCloseTo(0.97, 15);
    expect(value.data[1]).toBeCloseTo(-2.04, 15);
  });

  it("registers an optimizer made with the other copy's defineOptimizer, and fit trains with it", async () => {
    const registry = createRegistry();
    registry.register(lionOf(other.optimizers, other.core));
    expect(registry.names('optimizer')).toEqual(['acme:lion']);
    const optimizer = registry.create('optimizer', 'acme:lion', { learningRate: 0.01 });
    const history = await fit(smallNet(1), blobs(150, 2), {
      loss: softmaxCrossEntropy,
      optimizer: optimizer as Parameters<typeof fit>[2]['optimizer'],
      epochs: 10,
      batchSize: 16,
      yieldEvery: Infinity,
      metrics: ['accuracy'],
    });
    const first = history.epochs[0]!;
    const last = history.epochs.at(-1)!;
    expect(last.cost).toBeLessThan(first.cost / 2);
    expect(last.metrics.accuracy).toBeGreaterThan(0.9);
    // the plugin's own checks (the other copy's isTensor) accepted this copy's parameters
    expect(Object.keys(optimizer.stateDict().parameters)).toEqual([
      'dense1.weight',
      'dense1.bias',
      'dense2.weight',
      'dense2.bias',
    ]);
  });

  it("takes a layer of the other copy inside this copy's Sequential, and trains it", async () => {
    const rng = new Rng(3); // this copy's generator, accepted by the other copy's Dense
    const hidden = new other.layers.Dense({ inputs: 2, units: 16, activation: 'relu', rng });
    expect(Module.isModule(hidden)).toBe(true);
    const model = new Sequential([hidden, new Dense({ inputs: 16, units: 3, rng })]);
    expect(model.namedParameters().map((parameter) => parameter.path)).toEqual([
      'dense1.weight',
      'dense1.bias',
      'dense2.weight',
      'dense2.bias',
    ]);
    model.eval();
    expect(hidden.training).toBe(false);
    model.train();
    expect(hidden.training).toBe(true);
    const before = hidden.weight.data.slice();
    const history = await fit(model, blobs(150, 2), {
      loss: softmaxCrossEntropy,
      optimizer: sgd({ learningRate: 0.1 }),
      epochs: 10,
      batchSize: 16,
      yieldEvery: Infinity,
    });
    expect(history.epochs.at(-1)!.cost).toBeLessThan(history.epochs[0]!.cost / 2);
    expect(hidden.weight.data).not.toEqual(before);
    expect(model.summary([2])).toMatch(/dense1 +Dense\(2 → 16, relu\) +\[-1, 16\] +48/);
  });
});

describe('an incompatible copy of @deeptune/core', () => {
  const theirs = (): string =>
    `@deeptune/core ${NEXT_MAJOR} at ${join(next, 'node_modules', '@deeptune', 'core', 'dist')}`;
  const ours = `reached @deeptune/core ${CORE_VERSION} at ${THIS_CORE_PATH}`;

  it('fails in ops with IncompatibleCopyError naming both versions and both paths', () => {
    expect(incompatible.core.CORE_VERSION).toBe(NEXT_MAJOR);
    const w = incompatible.core.tensor([1, 2]);
    let error: unknown;
    try {
      tensor([1, 1]).add(w as unknown as Tensor);
    } catch (caught) {
      error = caught;
    }
    expect(IncompatibleCopyError.isInstance(error)).toBe(true);
    const { message } = error as Error;
    expect(message).toContain(`a Tensor made by ${theirs()}`);
    expect(message).toContain(ours);
    expect(message).toContain('the same major version');
  });

  it('cannot register its plugin entries, and its optimizer refuses our parameters', () => {
    const lion = lionOf(incompatible.optimizers, incompatible.core);
    const registry = createRegistry();
    expect(() => registry.register(lion)).toThrow(
      `registry.register: optimizer 'acme:lion' made by ${theirs()}`,
    );
    expect(registry.names('optimizer')).toEqual([]);
    const value = tensor([1, 2], { requiresGrad: true });
    expect(() => lion.create().addParameters([{ path: 'w', value, role: 'weight' }])).toThrow(
      `a Tensor made by @deeptune/core ${CORE_VERSION} at ${THIS_CORE_PATH} reached @deeptune/core ${NEXT_MAJOR}`,
    );
  });
});
