import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DataFormatError,
  DeeptuneError,
  StateDictError,
  getDefaultRegistry,
  type Registry,
} from '@deeptune/core';
import type { Sequential } from '@deeptune/layers';
import { decodeSafetensors } from '../safetensors/decode-safetensors.js';
import { assertModelArchitecture, buildModel } from '../serialization/build-model.js';
import type { ModelArchitecture } from '../serialization/model-architecture.js';
import { MODEL_FILES } from './save-model.js';

/**
 * Options of {@link loadModel}.
 *
 * @category Save and load
 */
export interface LoadModelOptions {
  /**
   * The registry with the layer plugins the architecture names (`dense`, `batch-norm`,
   * `dropout`, …).
   * @defaultValue getDefaultRegistry()
   */
  readonly registry?: Registry;
}

/**
 * What {@link loadModel} returns.
 *
 * @category Save and load
 */
export interface LoadedModel {
  /** The rebuilt model with the saved weights and buffers. */
  readonly model: Sequential;
  /** The architecture read from `architecture.json`. */
  readonly architecture: ModelArchitecture;
  /** The standardizer's JSON, for `Standardizer.fromJSON` from `@deeptune/data`; absent when none was saved. */
  readonly standardizer?: unknown;
  /** The content of `training.json`, when saved. */
  readonly trainingConfig?: unknown;
  /** The content of `metrics.json`, when saved. */
  readonly metrics?: unknown;
}

/** Reads a file, or `undefined` when it does not exist. */
async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parses a JSON file, naming it on failure. */
function parseJson(path: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new DataFormatError(
      `loadModel: ${path} is not valid JSON (${(error as Error).message}). Hint: the file is corrupt; save the model again.`,
      { cause: error },
    );
  }
}

/**
 * Loads a model directory written by {@link saveModel}: rebuilds the layers from
 * `architecture.json` through the registry, loads `weights.safetensors` strictly (every key,
 * shape and dtype must match), and reads the optional JSON files. Predictions of the loaded
 * model are bit-identical to the saved one's. Node only (`@deeptune/train/node`).
 *
 * @param dir - the model directory.
 * @param options - `registry`.
 * @returns the model, its architecture, and the optional standardizer JSON, training
 *   configuration and metrics.
 * @throws {@link @deeptune/core!DataFormatError} naming the file when a file is missing,
 *   corrupt or not in the expected format, or a layer cannot be created.
 * @throws {@link @deeptune/core!StateDictError} naming the weights file when the weights do
 *   not match the architecture (missing or unexpected tensors, shapes, dtypes).
 * @category Save and load
 *
 * @example
 * ```ts
 * import { loadModel } from '@deeptune/train/node';
 * import { Standardizer } from '@deeptune/data';
 *
 * const { model, standardizer } = await loadModel('models/mnist', { registry });
 * const classes = predictClasses(model, Standardizer.fromJSON(standardizer).transform(images));
 * ```
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const root = resolve(dir);
  const registry = options.registry ?? getDefaultRegistry();
  const architecturePath = join(root, MODEL_FILES.architecture);
  const architectureBytes = await readOptional(architecturePath);
  if (architectureBytes === undefined) {
    throw new DataFormatError(
      `loadModel: ${architecturePath} does not exist; expected a model directory written by saveModel.`,
    );
  }
  const architecture = parseJson(architecturePath, architectureBytes);
  assertModelArchitecture(architecture, architecturePath);
  const model = buildModel(architecture, { registry, source: architecturePath });

  const weightsPath = join(root, MODEL_FILES.weights);
  const weightBytes = await readOptional(weightsPath);
  if (weightBytes === undefined) {
    throw new DataFormatError(
      `loadModel: ${weightsPath} does not exist; the model directory is incomplete.`,
    );
  }
  const { tensors } = decodeSafetensors(
    new Uint8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength),
    {
      source: weightsPath,
    },
  );
  try {
    model.loadStateDict(tensors, { strict: true });
  } catch (error) {
    if (!DeeptuneError.isInstance(error)) throw error;
    throw new StateDictError(
      `loadModel: ${weightsPath} does not match ${architecturePath}: ${error.message}`,
      { cause: error },
    );
  }
  const result: {
    model: Sequential;
    architecture: ModelArchitecture;
    standardizer?: unknown;
    trainingConfig?: unknown;
    metrics?: unknown;
  } = { model, architecture };
  const optional = [
    ['standardizer', MODEL_FILES.standardizer],
    ['trainingConfig', MODEL_FILES.training],
    ['metrics', MODEL_FILES.metrics],
  ] as const;
  for (const [key, file] of optional) {
    const path = join(root, file);
    const bytes = await readOptional(path);
    if (bytes !== undefined) result[key] = parseJson(path, bytes);
  }
  return result;
}
