import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataFormatError,
  Rng,
  createRegistry,
  definePlugin,
  definePluginPackage,
  option,
  randn,
  sigmoid,
  type Registry,
  type Tensor,
} from '@deeptune/core';
import { Activation, Dense, Sequential, plugin as layersPlugin } from '@deeptune/layers';
import { buildModel, describeModel, predict, type ModelArchitecture } from '../../src/index.js';
import { loadModel, saveModel } from '../../src/node/index.js';

// A third-party activation plugin, as a user's `--plugin` module would define it.
const swishPlugin = definePlugin({
  kind: 'activation',
  name: 'acme:swish',
  description: 'Swish g(z) = z·σ(βz).',
  options: { beta: option.number({ default: 1, exclusiveMin: 0, description: 'Slope β.' }) },
  create:
    ({ beta }) =>
    (x: Tensor) =>
      x.mul(sigmoid(x.mul(beta))),
});
const acmePlugin = definePluginPackage({ name: '@acme/activations', entries: [swishPlugin] });

const HINT =
  'Hint: an activation plugin must be registered first: registry.use(plugin) in code, --plugin <module> on the command line.';

function withSwish(): Registry {
  return createRegistry({ plugins: [layersPlugin, acmePlugin] });
}

/** Dense(swish β = 1.5) → Activation(swish β = 0.5) → Dense(leaky-relu α = 0.2) → Dense. */
function swishModel(registry: Registry, seed = 1): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense({
      inputs: 4,
      units: 6,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      dtype: 'float64',
      rng,
      registry,
    }),
    new Activation('acme:swish', { activationOptions: { beta: 0.5 }, registry }),
    new Dense({
      inputs: 6,
      units: 5,
      activation: 'leaky-relu',
      activationOptions: { alpha: 0.2 },
      dtype: 'float64',
      rng,
    }),
    new Dense({ inputs: 5, units: 3, dtype: 'float64', rng }),
  ]);
}

const expectedArchitecture: ModelArchitecture = {
  format: 'deeptune-sequential',
  version: 1,
  layers: [
    {
      name: 'dense1',
      plugin: 'dense',
      options: {
        inputs: 4,
        units: 6,
        activation: 'acme:swish',
        activationOptions: { beta: 1.5 },
        useBias: true,
        dtype: 'float64',
      },
    },
    {
      name: 'activation1',
      plugin: 'activation',
      options: { activation: 'acme:swish', activationOptions: { beta: 0.5 } },
    },
    {
      name: 'dense2',
      plugin: 'dense',
      options: {
        inputs: 6,
        units: 5,
        activation: 'leaky-relu',
        activationOptions: { alpha: 0.2 },
        useBias: true,
        dtype: 'float64',
      },
    },
    {
      name: 'dense3',
      plugin: 'dense',
      options: { inputs: 5, units: 3, activation: 'linear', useBias: true, dtype: 'float64' },
    },
  ],
};

function bytes(tensor: Tensor): Uint8Array {
  const data = tensor.data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function caught(attempt: () => unknown): Error {
  try {
    attempt();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('describeModel with plugin activations', () => {
  it('records the activation name and the options it was given, as JSON', () => {
    const architecture = describeModel(swishModel(withSwish()));
    expect(architecture).toEqual(expectedArchitecture);
    expect(JSON.parse(JSON.stringify(architecture))).toEqual(expectedArchitecture);
  });

  it('leaves activationOptions out when the activation uses its defaults', () => {
    const model = new Sequential([
      new Dense({ inputs: 2, units: 2, activation: 'relu' }),
      new Activation('tanh'),
    ]);
    expect(describeModel(model).layers.map((layer) => layer.options)).toEqual([
      { inputs: 2, units: 2, activation: 'relu', useBias: true, dtype: 'float32' },
      { activation: 'tanh' },
    ]);
  });

  it('refuses activation options that JSON cannot hold exactly', () => {
    const unbounded = definePlugin({
      kind: 'activation',
      name: 'acme:clipped',
      description: 'Clips at a bound.',
      options: { bound: option.number({ default: 1, allowInfinity: true }) },
      create:
        ({ bound }) =>
        (x: Tensor) =>
          x.clip(-bound, bound),
    });
    const registry = createRegistry({
      plugins: [layersPlugin, definePluginPackage({ name: '@acme/clipped', entries: [unbounded] })],
    });
    const model = new Sequential([
      new Dense({
        inputs: 2,
        units: 2,
        activation: 'acme:clipped',
        activationOptions: { bound: Number.POSITIVE_INFINITY },
        registry,
      }),
    ]);
    const error = caught(() => describeModel(model));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "describeModel: Dense.activationOptions.bound must be a finite number, a string, true or false, or a list of finite numbers to be saved, got Infinity. Hint: architecture.json records the activation's options as JSON.",
    );
  });
});

describe('buildModel with plugin activations', () => {
  it('recreates a model bit-identically from its JSON architecture and weights', () => {
    const registry = withSwish();
    const original = swishModel(registry);
    const architecture = JSON.parse(JSON.stringify(describeModel(original))) as ModelArchitecture;
    const rebuilt = buildModel(architecture, { registry });
    // Fresh weights differ; the activations are what the architecture recreates.
    rebuilt.loadStateDict(original.stateDict());
    const inputs = randn([16, 4], { dtype: 'float64', rng: new Rng(2) });
    const before = predict(original, inputs);
    const after = predict(rebuilt, inputs);
    expect(bytes(after)).toEqual(bytes(before));
    expect(describeModel(rebuilt)).toEqual(expectedArchitecture);
    // and a different beta would have given other numbers
    const other = swishModel(registry);
    const changed = JSON.parse(JSON.stringify(expectedArchitecture)) as {
      layers: { options: { activationOptions?: { beta?: number } } }[];
    };
    changed.layers[0]!.options.activationOptions = { beta: 1 };
    const different = buildModel(changed as unknown as ModelArchitecture, { registry });
    different.loadStateDict(other.stateDict());
    expect(bytes(predict(different, inputs))).not.toEqual(bytes(before));
  });

  it('gives a DataFormatError naming the activation when the registry lacks its plugin', () => {
    const registry = createRegistry({ plugins: [layersPlugin] });
    const error = caught(() =>
      buildModel(expectedArchitecture, { registry, source: 'models/swish/architecture.json' }),
    );
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `models/swish/architecture.json: layers[0] 'dense1' (plugin 'dense') cannot be created: Dense: unknown activation 'acme:swish'. Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh. ${HINT}`,
    );
  });

  it('gives a DataFormatError when the file holds an activation option out of range', () => {
    const bad = JSON.parse(JSON.stringify(expectedArchitecture)) as {
      layers: { options: Record<string, unknown> }[];
    };
    bad.layers[2]!.options['activationOptions'] = { alpha: -1 };
    const error = caught(() =>
      buildModel(bad as unknown as ModelArchitecture, { registry: withSwish() }),
    );
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "architecture: layers[2] 'dense2' (plugin 'dense') cannot be created: activation 'leaky-relu': option 'alpha' must be in [0, 1), got -1",
    );
  });
});

describe('saveModel / loadModel with plugin activations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deeptune-activation-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the disk with bit-identical predictions', async () => {
    const registry = withSwish();
    const original = swishModel(registry, 4);
    const target = join(dir, 'model');
    await saveModel(target, { model: original });
    expect(JSON.parse(await readFile(join(target, 'architecture.json'), 'utf8'))).toEqual(
      expectedArchitecture,
    );
    const loaded = await loadModel(target, { registry });
    const inputs = randn([8, 4], { dtype: 'float64', rng: new Rng(5) });
    expect(bytes(predict(loaded.model, inputs))).toEqual(bytes(predict(original, inputs)));
  });

  it('refuses to load with a registry that lacks the plugin, saying how to add it', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: swishModel(withSwish()) });
    const error = (await loadModel(target, {
      registry: createRegistry({ plugins: [layersPlugin] }),
    }).catch((reason: unknown) => reason)) as Error;
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^loadModel: \/.*\/architecture\.json: layers\[0\] 'dense1' \(plugin 'dense'\) cannot be created: Dense: unknown activation 'acme:swish'\. Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh\. Hint: an activation plugin must be registered first: registry\.use\(plugin\) in code, --plugin <module> on the command line\.$/,
    );
  });
});
