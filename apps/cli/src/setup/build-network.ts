import {
  defaultInitializerFor,
  Rng,
  Sequential,
  type Module,
  type Regularizer,
  withDropout,
} from 'deeptune';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { NETWORK_FLAGS } from './model-flags.js';
import {
  chooseListPlugins,
  choosePlugin,
  createChosen,
  refuseChoiceOptions,
  validateChosen,
  type ChoiceSource,
  type ChosenPlugin,
} from '../args/plugin-choice.js';

function flag(name: string): Flag {
  return NETWORK_FLAGS.find((candidate) => candidate.name === name)!;
}

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
  /** The activation plugin of the hidden layers, e.g. `'relu'`. */
  readonly activation: string;
}

/** One keep probability per layer input, from `--keep-prob p` or `--keep-prob p0,p1,…`. */
function keepProbsFor(given: readonly number[], hidden: number): number[] {
  if (given.length === 1) return [1, ...new Array<number>(hidden).fill(given[0]!)];
  if (given.length === hidden + 1) return [...given];
  throw new UsageError(
    `--keep-prob: give one keep probability for every hidden layer, or ${hidden + 1} (the inputs, then each of the ${hidden} hidden layers), got ${given.length}: ${given.join(',')}`,
  );
}

/** The network flags checked without the data: see {@link checkNetworkFlags}. */
export interface NetworkChoices {
  /** The keep probability of each layer input. */
  readonly keepProbs: readonly number[];
  /** The hidden layers' initializer, its options given. */
  readonly initializer: ChosenPlugin;
  /** The hidden layers' activation, its options given. */
  readonly activation: ChosenPlugin;
  /** The regularizers of `--regularizer`, `--l2` and `--l1`. */
  readonly regularizers: readonly ChosenPlugin[];
}

/**
 * Checks the network flags that do not depend on the data (`--keep-prob` against
 * `--layers`, `--init`, `--activation` and `--regularizer` with their options), so that
 * mistakes are reported before a dataset is loaded.
 *
 * @param source - the registry, flag values and plugin options of the command.
 * @throws {@link UsageError} naming the flag; the schema's error for an invalid option.
 */
export function checkNetworkFlags(source: ChoiceSource): NetworkChoices {
  const { registry, values } = source;
  const hidden = values.get('layers') as readonly number[];
  const keepProbs = keepProbsFor(values.get('keep-prob') as readonly number[], hidden.length);
  const activation = choosePlugin(source, flag('activation'));
  validateChosen(registry, activation);
  const init = values.get('init') as string;
  if (init === 'auto') refuseChoiceOptions(source, flag('init'));
  // auto: the layers package's choice for the activation (He for ReLU-like, else Xavier).
  const initializer = choosePlugin(source, flag('init'), {
    ...(init === 'auto' ? { name: defaultInitializerFor(activation.name) } : {}),
  });
  validateChosen(registry, initializer);
  const regularizers = chooseListPlugins(source, flag('regularizer'));
  for (const regularizer of regularizers) validateChosen(registry, regularizer);
  return { keepProbs, initializer, activation, regularizers };
}

/**
 * Builds the network the flags describe: `--layers` hidden layers with `--activation`,
 * `--init` weights, `--batchnorm`, `--keep-prob` dropout, and a linear output layer of one unit
 * per class; `--l2`/`--l1` become regularizers. Layers come from the registry by name.
 *
 * @param source - the registry, flag values and plugin options of the command.
 * @param shape - the number of input features and of classes.
 * @param dtype - overrides `--dtype` (gradient checking always uses float64).
 */
export function buildNetwork(
  source: ChoiceSource,
  shape: { readonly features: number; readonly classes: number },
  dtype: 'float32' | 'float64' = source.values.get('dtype') as 'float32' | 'float64',
): Network {
  const { registry, values } = source;
  const hidden = values.get('layers') as readonly number[];
  const batchnorm = values.get('batchnorm') as boolean;
  const choices = checkNetworkFlags(source);
  const initialize = createChosen(registry, choices.initializer);
  const activation = activationOptions(choices.activation);
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
        ...(output || normalized ? { activation: 'linear' } : activation),
        useBias: !normalized,
        ...(output ? {} : { initializer: initialize }),
        dtype,
        rng,
      } as never),
    );
    layerKeepProbs.push(choices.keepProbs[l]!);
    if (normalized) {
      layers.push(registry.create('layer', 'batch-norm', { features: units, dtype }));
      layers.push(registry.create('layer', 'activation', activation as never));
      layerKeepProbs.push(1, 1);
    }
  }
  const model = new Sequential(
    withDropout(layers, { keepProbs: layerKeepProbs, rng: rng.split() }),
  );
  const regularizers: Regularizer[] = choices.regularizers.map((chosen) =>
    createChosen(registry, chosen),
  ) as Regularizer[];
  return {
    model,
    regularizers,
    keepProbs: choices.keepProbs,
    initializer: choices.initializer.name,
    activation: choices.activation.name,
  };
}

/** The layer options that apply a chosen activation: its name, and its options when given. */
function activationOptions(chosen: ChosenPlugin): Record<string, unknown> {
  return Object.keys(chosen.options).length === 0
    ? { activation: chosen.name }
    : { activation: chosen.name, activationOptions: chosen.options };
}
