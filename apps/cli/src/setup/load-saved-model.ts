import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DataFormatError,
  DeeptuneError,
  Standardizer,
  type DType,
  type Registry,
  type Sequential,
  type StandardizerJSON,
} from 'deeptune';
import { loadModel } from 'deeptune/node';
import { UsageError } from '../cli-error.js';

/** A model directory written by `deeptune train --save`, ready for inference. */
export interface SavedModel {
  /** The absolute path of the directory. */
  readonly dir: string;
  /** The model with its saved weights. */
  readonly model: Sequential;
  /** The dtype of its parameters: inputs must be given in it. */
  readonly dtype: DType;
  /** The layer sizes from inputs to outputs, e.g. `[2, 16, 16, 2]`. */
  readonly sizes: readonly number[];
  /** The number of input features n. */
  readonly inputs: number;
  /** The number of outputs (logits), one per class. */
  readonly outputs: number;
  /** The training standardizer from `standardizer.json`, when one was saved. */
  readonly standardizer: Standardizer | undefined;
  /** `training.json`: the train flags by flag name plus `splitRatios`, when saved. */
  readonly trainingConfig: Readonly<Record<string, unknown>> | undefined;
  /** The class names from `training.json` (CSV labels read as names), one per output, or `undefined`. */
  readonly classNames: readonly string[] | undefined;
  /** The path of `training.json`, for messages. */
  readonly trainingPath: string;
}

/** The class names saved in `training.json`, when there is one string per output. */
function classNamesOf(
  config: Readonly<Record<string, unknown>> | undefined,
  outputs: number,
): readonly string[] | undefined {
  const names = config?.classNames;
  return Array.isArray(names) &&
    names.length === outputs &&
    names.every((name) => typeof name === 'string')
    ? (names as string[])
    : undefined;
}

/** The dense layer sizes of the architecture: inputs, each layer's units. */
function layerSizes(
  layers: readonly { readonly options: Readonly<Record<string, unknown>> }[],
): number[] {
  const sizes: number[] = [];
  for (const { options } of layers) {
    if (typeof options.inputs !== 'number' || typeof options.units !== 'number') continue;
    if (sizes.length === 0) sizes.push(options.inputs);
    sizes.push(options.units);
  }
  return sizes;
}

function restoreStandardizer(json: unknown, path: string, inputs: number): Standardizer {
  let standardizer: Standardizer;
  try {
    standardizer = Standardizer.fromJSON(json as StandardizerJSON);
  } catch (error) {
    if (!DeeptuneError.isInstance(error)) throw error;
    throw new DataFormatError(
      `${path}: ${error.message} Hint: the file is corrupt; save the model again.`,
      {
        cause: error,
      },
    );
  }
  const features = standardizer.mean.size;
  if (features !== inputs) {
    throw new DataFormatError(
      `${path} holds statistics of ${features} features, but the model takes ${inputs}. Hint: the directory mixes files of different models; save the model again.`,
    );
  }
  return standardizer;
}

/**
 * Loads a model directory for `evaluate` and `predict`: the model, its dtype and sizes, the
 * saved standardizer and the training configuration.
 *
 * @param dir - the directory, relative to `cwd`.
 * @param registry - the registry with the layer plugins the architecture names.
 * @param cwd - the working directory.
 * @throws {@link DataFormatError} naming the file when a file is missing, corrupt or
 *   inconsistent with the others (the loader's errors, and ours for the standardizer and
 *   `training.json`).
 */
export async function loadSavedModel(
  dir: string,
  registry: Registry,
  cwd: string,
): Promise<SavedModel> {
  const absolute = resolve(cwd, dir);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new UsageError(
        `${dir}: no such directory; expected a model directory written by 'deeptune train --save'`,
      );
    }
    return undefined;
  });
  if (info !== undefined && !info.isDirectory()) {
    throw new DataFormatError(
      `${absolute} is a file; expected a model directory written by 'deeptune train --save'.`,
    );
  }
  const loaded = await loadModel(absolute, { registry });
  const architecturePath = join(absolute, 'architecture.json');
  const sizes = layerSizes(loaded.architecture.layers);
  const parameter = loaded.model.namedParameters()[0];
  if (sizes.length < 2 || parameter === undefined) {
    throw new DataFormatError(
      `${architecturePath} has no dense layer; expected a network saved by 'deeptune train --save'.`,
    );
  }
  const trainingPath = join(absolute, 'training.json');
  const config = loaded.trainingConfig;
  if (
    config !== undefined &&
    (typeof config !== 'object' || config === null || Array.isArray(config))
  ) {
    throw new DataFormatError(
      `${trainingPath} must hold an object of train flags, got ${JSON.stringify(config)}.`,
    );
  }
  return {
    dir: absolute,
    model: loaded.model,
    dtype: parameter.value.dtype,
    sizes,
    inputs: sizes[0]!,
    outputs: sizes.at(-1)!,
    standardizer:
      loaded.standardizer === undefined
        ? undefined
        : restoreStandardizer(loaded.standardizer, join(absolute, 'standardizer.json'), sizes[0]!),
    trainingConfig: config as Readonly<Record<string, unknown>> | undefined,
    classNames: classNamesOf(
      config as Readonly<Record<string, unknown>> | undefined,
      sizes.at(-1)!,
    ),
    trainingPath,
  };
}
