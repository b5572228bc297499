import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  Rng,
  createRegistry,
  definePlugin,
  definePluginPackage,
  noGrad,
  option,
  randn,
  setDefaultRegistry,
  sigmoid,
  tensor,
  type Initializer,
  type Registry,
  type Tensor,
} from '@deeptune/core';
import { assertTensorClose } from '@deeptune/core/testing';
import { gradcheck } from '@deeptune/gradcheck';
import { resolveActivation } from '../../src/activations/resolve-activation.js';
import { defaultInitializerFor } from '../../src/initializers/default-initializer.js';
import { xavierNormal } from '../../src/initializers/xavier.js';
import { Activation } from '../../src/layers/activation.js';
import { Dense } from '../../src/layers/dense.js';
import { meanSquaredError } from '../../src/losses/mean-squared-error.js';
import { Sequential } from '../../src/module/sequential.js';
import { plugin } from '../../src/plugin.js';

// A third-party activation, as a user's plugin module would define it: swish
// g(z) = z·σ(βz) (Ramachandran et al., 2017), with its own option schema.
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

/** swish(z) = z / (1 + e^(−βz)), computed without deeptune. */
function swish(z: number, beta: number): number {
  return z / (1 + Math.exp(-beta * z));
}

/** d swish / dz = σ(βz) + βz·σ(βz)·(1 − σ(βz)), computed without deeptune. */
function swishSlope(z: number, beta: number): number {
  const s = 1 / (1 + Math.exp(-beta * z));
  return s + beta * z * s * (1 - s);
}

/** W = [[1, 0], [0, 1], [1, −1]]. */
const fixedWeights: Initializer = (_shape, { dtype }) =>
  tensor(
    [
      [1, 0],
      [0, 1],
      [1, -1],
    ],
    { dtype },
  );

function registryWithSwish(): Registry {
  return createRegistry({ plugins: [plugin, acmePlugin] });
}

function withDefaultRegistry<T>(registry: Registry, run: () => T): T {
  const restore = setDefaultRegistry(registry);
  try {
    return run();
  } finally {
    restore();
  }
}

function caught(attempt: () => unknown): Error {
  try {
    attempt();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

// X·W + b for X = [[1, 2, 3], [4, 5, 6]] and b = [0.5, −1]: Z = [[4.5, −2], [10.5, −2]].
const x = tensor(
  [
    [1, 2, 3],
    [4, 5, 6],
  ],
  { dtype: 'float64' },
);
const expectedSwish = [
  [4.49473720380725, -0.09485174635513356],
  [10.49999848277096, -0.09485174635513356],
];

describe('activation plugins in Dense and Activation', () => {
  it('creates a Dense layer with a plugin activation and its options through registry.create', () => {
    const registry = registryWithSwish();
    const dense = registry.create('layer', 'dense', {
      inputs: 3,
      units: 2,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      initializer: fixedWeights,
      dtype: 'float64',
    });
    dense.bias!.data.set([0.5, -1]);
    const output = dense.forward(x);
    assertTensorClose(output, expectedSwish);
    expect(output.get(1, 1)).toBeCloseTo(swish(-2, 1.5), 15);
    expect(dense.activation).toBe('acme:swish');
    expect(dense.activationOptions).toEqual({ beta: 1.5 });
    expect(Object.isFrozen(dense.activationOptions)).toBe(true);
    expect(dense.describe()).toBe('3 → 2, acme:swish');
  });

  it('uses the plugin defaults when no activationOptions are given', () => {
    const registry = registryWithSwish();
    const layer = registry.create('layer', 'activation', { activation: 'acme:swish' });
    expect(layer.activationOptions).toEqual({});
    assertTensorClose(layer.forward(tensor([[-1, 2]], { dtype: 'float64' })), [
      [swish(-1, 1), swish(2, 1)],
    ]);
  });

  it('creates an Activation layer with a plugin activation through the activation layer plugin', () => {
    const registry = registryWithSwish();
    const layer = registry.create('layer', 'activation', {
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
    });
    expect(layer).toBeInstanceOf(Activation);
    assertTensorClose(layer.forward(tensor([[4.5, -2]], { dtype: 'float64' })), [
      expectedSwish[0]!,
    ]);
    expect(layer.describe()).toBe('acme:swish');
  });

  it('creates plugin activations in code, from a given registry or the default one', () => {
    const registry = registryWithSwish();
    const options = {
      inputs: 3,
      units: 2,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      initializer: fixedWeights,
      dtype: 'float64',
    } as const;
    const given = new Dense({ ...options, registry });
    const fromDefault = withDefaultRegistry(registry, () => new Dense(options));
    for (const dense of [given, fromDefault]) {
      dense.bias!.data.set([0.5, -1]);
      assertTensorClose(dense.forward(x), expectedSwish);
    }
    const layer = new Activation('acme:swish', { activationOptions: { beta: 1.5 }, registry });
    assertTensorClose(layer.forward(tensor([[10.5]], { dtype: 'float64' })), [
      [expectedSwish[1]![0]!],
    ]);
    // resolveActivation is what both layers use
    const g = resolveActivation('acme:swish', { registry, activationOptions: { beta: 1.5 } });
    assertTensorClose(g(tensor([[-2]], { dtype: 'float64' })), [[expectedSwish[0]![1]!]]);
  });

  it('resolves built-in names without any registry, whatever the registry holds', () => {
    const empty = createRegistry();
    const dense = withDefaultRegistry(
      empty,
      () => new Dense({ inputs: 2, units: 2, activation: 'relu' }),
    );
    expect(dense.describe()).toBe('2 → 2, relu');
    // a registry that overrides 'relu' does not change what the built-in name means
    const registry = registryWithSwish();
    registry.register(
      definePlugin({
        kind: 'activation',
        name: 'relu',
        description: 'Not a ReLU.',
        create: () => (input: Tensor) => input.neg(),
      }),
      { override: true },
    );
    const relu = resolveActivation('relu', { registry });
    assertTensorClose(relu(tensor([[-1, 2]], { dtype: 'float64' })), [[0, 2]]);
    expect(resolveActivation('relu')).toBe(relu);
  });

  it('accepts entries written by hand, as another copy of core would make them', () => {
    // An older core's entries take options only: no creation context.
    const double = (options?: unknown) => {
      expect(options).toEqual({});
      return (input: Tensor) => input.mul(2);
    };
    const registry = registryWithSwish();
    registry.register({
      kind: 'activation',
      name: 'old:double',
      description: 'Doubles.',
      options: {},
      apiVersion: 1,
      create: () => double({}),
      factory: double,
    });
    const layer = registry.create('layer', 'activation', { activation: 'old:double' });
    assertTensorClose(layer.forward(tensor([[-1, 2]], { dtype: 'float64' })), [[-2, 4]]);
  });

  it('refuses a plugin whose factory does not create a function', () => {
    const registry = createRegistry({
      plugins: [
        definePluginPackage({
          name: '@acme/broken',
          entries: [
            definePlugin({
              kind: 'activation',
              name: 'acme:broken',
              description: 'Returns a number.',
              create: () => 1 as unknown as (input: Tensor) => Tensor,
            }),
          ],
        }),
      ],
    });
    expect(
      caught(() => new Dense({ inputs: 1, units: 1, activation: 'acme:broken', registry })).message,
    ).toBe(
      "Dense: the activation plugin 'acme:broken' created 1, expected a function (x: Tensor) => Tensor. Hint: its definition's create must return the activation function.",
    );
  });
});

describe('activation options are validated by the activation plugin', () => {
  it('gives Dense the same InvalidHyperparameterError as registry.create for leaky-relu', () => {
    const registry = registryWithSwish();
    const direct = caught(() => registry.create('activation', 'leaky-relu', { alpha: -1 }));
    const fromDense = caught(() =>
      registry.create('layer', 'dense', {
        inputs: 3,
        units: 2,
        activation: 'leaky-relu',
        activationOptions: { alpha: -1 },
      }),
    );
    const inCode = caught(
      () =>
        new Dense({
          inputs: 3,
          units: 2,
          activation: 'leaky-relu',
          activationOptions: { alpha: -1 },
        }),
    );
    for (const error of [direct, fromDense, inCode]) {
      expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        "activation 'leaky-relu': option 'alpha' must be in [0, 1), got -1",
      );
    }
  });

  it('applies a valid leaky-relu slope', () => {
    const layer = new Activation('leaky-relu', { activationOptions: { alpha: 0.2 } });
    assertTensorClose(layer.forward(tensor([[-2, 3]], { dtype: 'float64' })), [[-0.4, 3]]);
  });

  it('checks a plugin activation against its own schema', () => {
    const registry = registryWithSwish();
    const create = (activationOptions: Readonly<Record<string, unknown>>) => () =>
      registry.create('layer', 'dense', {
        inputs: 3,
        units: 2,
        activation: 'acme:swish',
        activationOptions,
      });
    const outOfRange = caught(create({ beta: 0 }));
    expect(InvalidHyperparameterError.isInstance(outOfRange)).toBe(true);
    expect(outOfRange.message).toBe("activation 'acme:swish': option 'beta' must be > 0, got 0");
    const unknown = caught(create({ alpha: 1 }));
    expect(ConfigError.isInstance(unknown)).toBe(true);
    expect(unknown.message).toBe(
      "activation 'acme:swish': unknown option 'alpha'. Known options: beta.",
    );
    expect(caught(() => new Activation('relu', { activationOptions: { alpha: 1 } })).message).toBe(
      "activation 'relu': unknown option 'alpha'. It takes no options.",
    );
    expect(caught(create([1] as unknown as Record<string, unknown>)).message).toBe(
      "layer 'dense': option 'activationOptions' must be a plain object of the activation's options, got [1] (an array)",
    );
  });

  it('rejects a registry option that is not a Registry', () => {
    expect(caught(() => new Dense({ inputs: 1, units: 1, registry: {} as Registry })).message).toBe(
      "layer 'dense': option 'registry' must be a Registry (from createRegistry()), got {}",
    );
  });
});

describe('unknown activation names', () => {
  it('lists the known names, the registry’s included, and suggests the closest', () => {
    const registry = registryWithSwish();
    const misspelt = caught(() =>
      registry.create('layer', 'dense', { inputs: 3, units: 2, activation: 'acme:swsh' }),
    );
    expect(ConfigError.isInstance(misspelt)).toBe(true);
    expect(misspelt.message).toBe(
      `Dense: unknown activation 'acme:swsh'. Did you mean 'acme:swish'? Known activations: acme:swish, leaky-relu, linear, relu, sigmoid, softmax, tanh. ${HINT}`,
    );
    expect(
      caught(() => registry.create('layer', 'activation', { activation: 'swish' })).message,
    ).toBe(
      `Activation: unknown activation 'swish'. Did you mean 'acme:swish'? Known activations: acme:swish, leaky-relu, linear, relu, sigmoid, softmax, tanh. ${HINT}`,
    );
  });

  it('says how to install a plugin when the registry lacks it', () => {
    const error = caught(
      () =>
        new Dense({ inputs: 3, units: 2, activation: 'acme:swish', registry: createRegistry() }),
    );
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Dense: unknown activation 'acme:swish'. Known activations: leaky-relu, linear, relu, sigmoid, softmax, tanh. ${HINT}`,
    );
  });
});

describe('training through a plugin activation', () => {
  it('has the closed-form swish slope as the gradient of its input', () => {
    const registry = registryWithSwish();
    const g = resolveActivation('acme:swish', { registry, activationOptions: { beta: 1.5 } });
    const z = tensor([[-3, -0.5, 0.25, 2]], { dtype: 'float64', requiresGrad: true });
    g(z).sum().backward();
    assertTensorClose(z.grad!, [[-3, -0.5, 0.25, 2].map((value) => swishSlope(value, 1.5))]);
  });

  it('has Dense gradients that match two-sided differences', () => {
    const registry = registryWithSwish();
    const rng = new Rng(7);
    const dense = new Dense({
      inputs: 4,
      units: 3,
      activation: 'acme:swish',
      activationOptions: { beta: 1.5 },
      dtype: 'float64',
      rng,
      registry,
    });
    dense.bias!.data.set([0.1, -0.2, 0.3]);
    const input = randn([5, 4], { dtype: 'float64', rng });
    const targets = randn([5, 3], { dtype: 'float64', rng });
    const loss = () => meanSquaredError(dense.forward(input), targets);
    const report = gradcheck(loss, { weight: dense.weight, bias: dense.bias!, x: input });
    expect(report.relativeDifference).toBeLessThan(1e-7);

    // The same check written out for one weight: (J(w + ε) − J(w − ε)) / 2ε.
    dense.weight.grad = null;
    loss().backward();
    const analytic = dense.weight.grad!.get(2, 1);
    const epsilon = 1e-6;
    const at = (value: number) => {
      const saved = dense.weight.get(2, 1);
      dense.weight.data[2 * 3 + 1] = value;
      const cost = noGrad(() => loss().item());
      dense.weight.data[2 * 3 + 1] = saved;
      return cost;
    };
    const w = dense.weight.get(2, 1);
    const numerical = (at(w + epsilon) - at(w - epsilon)) / (2 * epsilon);
    expect(Math.abs(analytic - numerical) / Math.max(Math.abs(analytic), 1e-12)).toBeLessThan(1e-7);
  });

  it('fits a small regression with gradient descent', () => {
    const registry = registryWithSwish();
    const rng = new Rng(3);
    const model = new Sequential([
      new Dense({
        inputs: 2,
        units: 8,
        activation: 'acme:swish',
        activationOptions: { beta: 1.5 },
        dtype: 'float64',
        rng,
        registry,
      }),
      new Dense({ inputs: 8, units: 1, dtype: 'float64', rng }),
    ]);
    const input = randn([32, 2], { dtype: 'float64', rng });
    // y = x0·x1 + 0.5·x0, a target no linear model fits
    const target = tensor(
      Array.from({ length: 32 }, (_, i) => {
        const [a, b] = [input.get(i, 0), input.get(i, 1)];
        return [a * b + 0.5 * a];
      }),
      { dtype: 'float64' },
    );
    const cost = () => meanSquaredError(model.forward(input), target);
    const initial = noGrad(() => cost().item());
    for (let step = 0; step < 300; step++) {
      for (const parameter of model.parameters()) parameter.grad = null;
      cost().backward();
      noGrad(() => {
        for (const parameter of model.parameters()) {
          const gradient = parameter.grad!.data;
          for (let i = 0; i < parameter.data.length; i++) parameter.data[i]! -= 0.1 * gradient[i]!;
        }
      });
    }
    const final = noGrad(() => cost().item());
    expect(Number.isFinite(initial)).toBe(true);
    // 7.85 → 0.0196 with this seed
    expect(final).toBeLessThan(0.01 * initial);
  });
});

describe('defaultInitializerFor', () => {
  it('gives plugin activations Xavier normal, which Dense uses by default', () => {
    expect(defaultInitializerFor('acme:swish')).toBe('xavier-normal');
    const registry = registryWithSwish();
    const dense = new Dense({
      inputs: 4,
      units: 3,
      activation: 'acme:swish',
      dtype: 'float64',
      rng: new Rng(5),
      registry,
    });
    const expected = xavierNormal([4, 3], {
      dtype: 'float64',
      rng: new Rng(5),
      fanIn: 4,
      fanOut: 3,
    });
    expect(Array.from(dense.weight.data)).toEqual(Array.from(expected.data));
  });
});
