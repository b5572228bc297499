import type { Rng } from '../src/index.js';
import {
  noGrad,
  randn,
  tensor,
  type Loss,
  type Model,
  type Regularizer,
  type Tensor,
} from '../src/index.js';
import { computeCost } from '../src/index.js';

/** A seeded 3-class problem: three Gaussian blobs in `features` dimensions. */
export function blobs(
  m: number,
  features: number,
  rng: Rng,
  dtype: 'float32' | 'float64' = 'float64',
): { inputs: Tensor; labels: Tensor } {
  const centers = randn([3, features], { rng, dtype: 'float64', std: 1.5 });
  const noise = randn([m, features], { rng, dtype: 'float64' });
  const data = new Float64Array(m * features);
  const labels = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const c = rng.int(3);
    labels[i] = c;
    for (let j = 0; j < features; j++)
      data[i * features + j] = centers.data[c * features + j]! + noise.data[i * features + j]!;
  }
  const inputs = tensor(data, { shape: [m, features] });
  const y = tensor(labels);
  return {
    inputs: dtype === 'float64' ? inputs : inputs.cast('float32'),
    labels: dtype === 'float64' ? y : y.cast('float32'),
  };
}

/** Plain (batch) gradient descent: θ ← θ − α·dJ/dθ, for `steps` steps. */
export function gradientDescent(
  model: Model,
  loss: Loss,
  inputs: Tensor,
  targets: Tensor,
  options: { learningRate: number; steps: number; regularizers?: readonly Regularizer[] },
): void {
  for (let step = 0; step < options.steps; step++) {
    const { cost } = computeCost({
      model,
      loss,
      inputs,
      targets,
      regularizers: options.regularizers ?? [],
      mode: { training: true },
    });
    cost.backward();
    noGrad(() => {
      for (const { value } of model.namedParameters()) {
        const w = value.data;
        const g = value.grad!.data;
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - options.learningRate * g[i]!;
        value.zeroGrad();
      }
    });
  }
}

/** The loss of a model on a batch in inference mode. */
export function evaluate(model: Model, loss: Loss, inputs: Tensor, targets: Tensor): number {
  return noGrad(() => loss(model.forward(inputs, { training: false }), targets).item());
}
