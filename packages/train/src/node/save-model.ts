import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '@deeptune/core';
import type { Module } from '@deeptune/layers';
import { describeValue } from '../internal/describe-value.js';
import { encodeSafetensors } from '../safetensors/encode-safetensors.js';
import { describeModel, type LayerDescriber } from '../serialization/describe-model.js';
import type { ModelArchitecture } from '../serialization/model-architecture.js';
import { atomicWriteFile } from './atomic-write.js';

/**
 * What {@link saveModel} writes.
 *
 * @category Save and load
 */
export interface SaveModelOptions {
  /** The model (a `Sequential`). */
  readonly model: Module;
  /** The architecture; derived from the model with `describeModel` when omitted. */
  readonly architecture?: ModelArchitecture;
  /** Describers for custom layer types, used when `architecture` is omitted. */
  readonly describers?: Readonly<Record<string, LayerDescriber>>;
  /** The input standardizer (`Standardizer` from `@deeptune/data`): saved as its `toJSON()`. */
  readonly standardizer?: {
    /** The standardizer's statistics as JSON data. */
    toJSON(): unknown;
  };
  /** The training configuration (JSON data: optimizer, epochs, seed, …) for `training.json`. */
  readonly trainingConfig?: Readonly<Record<string, unknown>>;
  /** Final metrics (JSON data, e.g. dev accuracy) for `metrics.json`. */
  readonly metrics?: Readonly<Record<string, unknown>>;
}

/** The file names of a model directory. */
export const MODEL_FILES = Object.freeze({
  architecture: 'architecture.json',
  weights: 'weights.safetensors',
  standardizer: 'standardizer.json',
  training: 'training.json',
  metrics: 'metrics.json',
});

let counter = 0;

/** Whether a path exists. */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves a model to a directory: `architecture.json` (layer plugin names and options),
 * `weights.safetensors` (every parameter and buffer, loadable by PyTorch),
 * and, when given, `standardizer.json`, `training.json` and `metrics.json`.
 *
 * Atomic: every file is written to a temporary file and renamed, inside a staging directory
 * next to `dir`; the complete staging directory then replaces `dir` by rename. A crash leaves
 * either the old model or the new one, never a mix. Node only (`@deeptune/train/node`).
 *
 * @param dir - the model directory (created, or replaced when it exists).
 * @param options - the model and what to save with it.
 * @returns the absolute path of the directory.
 * @throws {@link @deeptune/core!ConfigError} when the model cannot be described (see
 *   `describeModel`) or a JSON part is not serialisable.
 * @category Save and load
 *
 * @example
 * ```ts
 * import { saveModel } from '@deeptune/train/node';
 *
 * await saveModel('models/mnist', {
 *   model,
 *   standardizer,
 *   trainingConfig: { optimizer: 'adam', learningRate: 1e-3, epochs: 3, seed: 0 },
 *   metrics: { devAccuracy: 0.95 },
 * });
 * ```
 */
export async function saveModel(dir: string, options: SaveModelOptions): Promise<string> {
  const where = 'saveModel';
  if (typeof dir !== 'string' || dir === '') {
    throw new ConfigError(`${where}: dir must be a directory path, got ${describeValue(dir)}.`);
  }
  const target = resolve(dir);
  const architecture =
    options.architecture ??
    describeModel(
      options.model,
      options.describers === undefined ? {} : { describers: options.describers },
    );
  const json = (name: string, value: unknown): string => {
    try {
      return `${JSON.stringify(value, null, 2)}\n`;
    } catch (error) {
      throw new ConfigError(
        `${where}: ${name} is not JSON-serialisable: ${(error as Error).message}.`,
        {
          cause: error,
        },
      );
    }
  };
  const files: [string, Uint8Array | string][] = [
    [MODEL_FILES.weights, encodeSafetensors(options.model.stateDict(), { format: 'pt' })],
  ];
  if (options.standardizer !== undefined) {
    files.push([MODEL_FILES.standardizer, json('standardizer', options.standardizer.toJSON())]);
  }
  if (options.trainingConfig !== undefined) {
    files.push([MODEL_FILES.training, json('trainingConfig', options.trainingConfig)]);
  }
  if (options.metrics !== undefined)
    files.push([MODEL_FILES.metrics, json('metrics', options.metrics)]);
  files.push([MODEL_FILES.architecture, json('architecture', architecture)]);

  counter += 1;
  const suffix = `${process.pid}-${counter}`;
  const staging = join(dirname(target), `.${basename(target)}.staging-${suffix}`);
  const previous = join(dirname(target), `.${basename(target)}.previous-${suffix}`);
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, data] of files) await atomicWriteFile(join(staging, name), data);
    const hadPrevious = await exists(target);
    if (hadPrevious) await rename(target, previous);
    await rename(staging, target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}
