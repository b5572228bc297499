import {
  Rng,
  Sequential,
  type ActivationName,
  type Module,
  type Registry,
  type Regularizer,
  withDropout,
} from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { resolvePluginName } from './resolve-plugin-name.js';

/** The network of a run and the penalties added to its cost. */
export interface Network {
  /** The model: [Dropout] Dense [BatchNorm Activation] … Dense (logits for softmax cross-entropy). */
  readonly model: Sequential;
  /** The L2/L1 penalties asked for (possibly none). */
  readonly regularizers: readonly Regularizer[];
  /** The keep probability of each layer's input: inputs, hidden 1, hidden 2, …. */
  readonly keepProbs: readonly number[];
  /** The initializer plugin used for the hidden layers. */
  readonly initializer: string;
}

/** One keep probability per layer input, from `--keep-prob p` or `--keep-prob p0,p1,…`. */
function keepProbsFor(given: readonly number[], hidden: number): number[] {
  if (given.length === 1) return [1, ...new Array<number>(hidden).fill(given[0]!)];
  if (given.length === hidden + 1) return [...given];
  throw new UsageError(
    `--keep-prob: give one keep probability for every hidden layer, or ${hidden + 1} (the inputs, then each of the ${hidden} hidden layers), got ${given.length}: ${given.join(',')}`,
  );
}

/**
 * Checks the network flags that do not depend on the data (`--keep-prob` against
 * `--layers`, `--init`), so that mistakes are reported before a dataset is loaded.
 *
 * @param values - the command's flag values.
 * @param registry - the registry.
 * @returns the keep probability of each layer input and the initializer plugin name.
 * @throws {@link UsageError} naming the flag.
 */
export function checkNetworkFlags(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
): { readonly keepProbs: readonly number[]; readonly initializer: string } {
  const hidden = values.get('layers') as readonly number[];
  const activation = values.get('activation') as ActivationName;
  const keepProbs = keepProbsFor(values.get('keep-prob') as readonly number[], hidden.length);
  const init = values.get('init') as string;
  const initializer =
    init === 'auto'
      ? activation === 'relu' || activation === 'leaky-relu'
        ? 'he-normal'
        : 'xavier-normal'
      : resolvePluginName(registry, 'initializer', init, '--init');
  return { keepProbs, initializer };
}

/**
 * Builds the network the flags describe: `--layers` hidden layers with `--activation`,
 * `--init` weights, `--batchnorm`, `--keep-prob` dropout, and a linear output layer of one unit
 * per class; `--l2`/`--l1` become regularizers. Layers come from the registry by name.
 *
 * @param values - the command's flag values.
 * @param registry - the registry.
 * @param shape - the number of input features and of classes.
 * @param dtype - overrides `--dtype` (gradient checking always uses float64).
 */
export function buildNetwork(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  shape: { readonly features: number; readonly classes: number },
  dtype: 'float32' | 'float64' = values.get('dtype') as 'float32' | 'float64',
): Network {
  const hidden = values.get('layers') as readonly number[];
  const activation = values.get('activation') as ActivationName;
  const batchnorm = values.get('batchnorm') as boolean;
  const { keepProbs, initializer } = checkNetworkFlags(values, registry);
  const initialize = registry.create('initializer', initializer, {});
  const rng = new Rng(values.get('seed') as number);
  const layers: Module[] = [];
  // The keep probability of each module's input: a Dense gets its layer's, the rest 1.
  const layerKeepProbs: number[] = [];
  const sizes = [shape.features, ...hidden];
  for (let l = 0; l <= hidden.length; l++) {
    const output = l === hidden.length;
    const units = output ? shape.classes : hidden[l]!;
    const normalized = batchnorm && !output;
    layers.push(
      registry.create('layer', 'dense', {
        inputs: sizes[l]!,
        units,
        activation: output || normalized ? 'linear' : activation,
        useBias: !normalized,
        ...(output ? {} : { initializer: initialize }),
        dtype,
        rng,
      }),
    );
    layerKeepProbs.push(keepProbs[l]!);
    if (normalized) {
      layers.push(registry.create('layer', 'batch-norm', { features: units, dtype }));
      layers.push(registry.create('layer', 'activation', { activation }));
      layerKeepProbs.push(1, 1);
    }
  }
  const model = new Sequential(
    withDropout(layers, { keepProbs: layerKeepProbs, rng: rng.split() }),
  );
  const regularizers: Regularizer[] = [];
  const l2 = values.get('l2') as number;
  const l1 = values.get('l1') as number;
  if (l2 > 0) regularizers.push(registry.create('regularizer', 'l2', { lambda: l2 }));
  if (l1 > 0) regularizers.push(registry.create('regularizer', 'l1', { lambda: l1 }));
  return { model, regularizers, keepProbs, initializer };
}
