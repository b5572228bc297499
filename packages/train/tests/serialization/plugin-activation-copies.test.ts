// An activation plugin with its own install of @deeptune/core (built, loaded natively from a
// temporary node_modules) meets this workspace's layers and train through a registry: the
// registry passes itself to the plugin's factory, whose copy of core checks it by its brand.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng, createRegistry, randn, type Registry, type Tensor } from '@deeptune/core';
import { Dense, Sequential, plugin as layersPlugin } from '@deeptune/layers';
import type * as CoreApi from '@deeptune/core';
import { buildModel, describeModel, predict, type ModelArchitecture } from '../../src/index.js';

type Core = typeof CoreApi;

const CORE = fileURLToPath(new URL('../../../core/', import.meta.url));

/** Drops the workspace-only `@deeptune/source` condition, as the published manifest does. */
function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== '@deeptune/source')
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

let dir: string;
let other: Core;

beforeAll(async () => {
  if (!existsSync(join(CORE, 'dist', 'index.js'))) {
    throw new Error(`${CORE}dist does not exist: build the packages first (pnpm build)`);
  }
  dir = await mkdtemp(join(tmpdir(), 'deeptune-activation-copies-'));
  const target = join(dir, 'node_modules', '@deeptune', 'core');
  await cp(join(CORE, 'dist'), join(target, 'dist'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(CORE, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  manifest['exports'] = withoutSourceCondition(manifest['exports']);
  await writeFile(join(target, 'package.json'), JSON.stringify(manifest));
  other = (await import(
    /* @vite-ignore */ pathToFileURL(join(target, 'dist', 'index.js')).href
  )) as Core;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Swish written against the plugin's own copy of core, as its module would be. */
function swishPackage(core: Core) {
  const swish = core.definePlugin({
    kind: 'activation',
    name: 'acme:swish',
    description: 'Swish g(z) = z·σ(βz).',
    options: { beta: core.option.number({ default: 1, exclusiveMin: 0 }) },
    create:
      ({ beta }) =>
      (x: Tensor) =>
        x.mul(core.sigmoid(x.mul(beta))),
  });
  return core.definePluginPackage({ name: '@acme/activations', entries: [swish] });
}

function model(registry: Registry): Sequential {
  const rng = new Rng(8);
  return new Sequential([
    new Dense({
      inputs: 3,
      units: 4,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      dtype: 'float64',
      rng,
      registry,
    }),
    new Dense({ inputs: 4, units: 2, dtype: 'float64', rng }),
  ]);
}

describe('an activation plugin made with another copy of @deeptune/core', () => {
  it('is another copy', () => {
    expect(other.Registry).not.toBe(createRegistry().constructor);
  });

  it('is created by Dense through the registry, and round-trips through buildModel', () => {
    const registry = createRegistry({
      plugins: [layersPlugin, swishPackage(other) as unknown as CoreApi.PluginPackage],
    });
    const original = model(registry);
    const x = randn([6, 3], { dtype: 'float64', rng: new Rng(9) });
    const z = x.matmul(original.parameters()[0]!).add(original.parameters()[1]!);
    const hidden = z.data;
    const swished = (original.namedChildren()[0]![1] as Dense).forward(x).data;
    for (let i = 0; i < hidden.length; i++) {
      expect(swished[i]).toBeCloseTo(hidden[i]! / (1 + Math.exp(-1.5 * hidden[i]!)), 14);
    }
    const architecture = JSON.parse(JSON.stringify(describeModel(original))) as ModelArchitecture;
    const rebuilt = buildModel(architecture, { registry });
    rebuilt.loadStateDict(original.stateDict());
    expect(Array.from(predict(rebuilt, x).data)).toEqual(Array.from(predict(original, x).data));
  });

  it("gets the app's registry as its context when created directly with one", () => {
    const registry = createRegistry({ plugins: [layersPlugin] });
    const entry = swishPackage(other).entries[0]!;
    const g = entry.create({ beta: 2 }, { registry: registry as unknown as CoreApi.Registry }) as (
      x: Tensor,
    ) => Tensor;
    const x = randn([1, 3], { dtype: 'float64', rng: new Rng(1) });
    const value = x.data[0]!;
    expect(g(x).data[0]).toBeCloseTo(value / (1 + Math.exp(-2 * value)), 14);
  });
});
