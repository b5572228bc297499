import { Dense, Rng, Sequential, randn, tensor, type Module, type Tensor } from 'deeptune';
import { BuggyDense } from './buggy-dense.js';
import type { GradcheckConfig } from './gradcheck-config.js';

/** The checked network and its fixed batch. */
export interface GradcheckNetwork {
  /** The float64 network, its layers named `dense1`, `dense2`, … (the buggy one included). */
  readonly model: Sequential;
  /** The layers as built without any bug (the same weights), in order. */
  readonly cleanLayers: readonly Dense[];
  /** The inputs, `[examples, features]`, N(0, 1). */
  readonly inputs: Tensor;
  /** The class indices, `[examples]`. */
  readonly targets: Tensor;
}

/** The name of Dense layer `index` (1-based) in the checked network: `dense<index>`. */
export function layerName(index: number): string {
  return `dense${index}`;
}

/**
 * Builds the seeded float64 network (hidden layers with the activation, a linear output
 * layer for softmax cross-entropy) and its seeded batch; the layer `bugLayer`, if any, is a
 * {@link BuggyDense} copy of the clean one.
 */
export function buildGradcheckNetwork(config: GradcheckConfig): GradcheckNetwork {
  const rng = new Rng(config.seed);
  const sizes = [config.features, ...config.hiddenLayers, config.classes];
  const cleanLayers: Dense[] = [];
  for (let i = 1; i < sizes.length; i++) {
    cleanLayers.push(
      new Dense({
        inputs: sizes[i - 1]!,
        units: sizes[i]!,
        activation: i === sizes.length - 1 ? 'linear' : config.activation,
        dtype: 'float64',
        rng,
      }),
    );
  }
  const layers: Record<string, Module> = {};
  cleanLayers.forEach((layer, index) => {
    layers[layerName(index + 1)] = config.bugLayer === index + 1 ? new BuggyDense(layer) : layer;
  });
  const dataRng = new Rng(config.seed + 7_919);
  const inputs = randn([config.examples, config.features], { dtype: 'float64', rng: dataRng });
  const labels: number[] = [];
  for (let i = 0; i < config.examples; i++) labels.push(dataRng.int(config.classes));
  return {
    model: new Sequential(layers),
    cleanLayers,
    inputs,
    targets: tensor(labels, { dtype: 'float64' }),
  };
}
