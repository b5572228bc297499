import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import {
  ConfigError,
  DataFormatError,
  DeeptuneError,
  StateDictError,
  getDefaultRegistry,
  type DType,
  type Registry,
} from '@deeptune/core';
import { readRegularFile } from '@deeptune/data/node';
import type { Sequential } from '@deeptune/layers';
import { decodeSafetensors } from '../safetensors/decode-safetensors.js';
import { assertModelArchitecture, buildModel } from '../serialization/build-model.js';
import type { ModelArchitecture } from '../serialization/model-architecture.js';
import {
  KNOWN_MODEL_FILES,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  MAX_MANIFEST_BYTES,
  MODEL_FILES,
  ModelLayout,
} from './model-layout.js';
import {
  MAX_JSON_BYTES,
  isMissingFile,
  parseJsonFile,
  readOptionalFile,
} from './read-json-file.js';
import { readSafetensorsHeader } from './read-safetensors-header.js';

/** The default of {@link LoadModelOptions.maxWeightsBytes}: 2 GiB. */
const DEFAULT_MAX_WEIGHTS_BYTES = 2 * 1024 ** 3;

/** The default of {@link LoadModelOptions.maxStandardizerBytes}: 4 MiB. */
const DEFAULT_MAX_STANDARDIZER_BYTES = 4 * 1024 ** 2;

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
  /**
   * The largest `weights.safetensors` accepted, in bytes; a larger file is refused before it
   * is read.
   * @defaultValue 2 GiB (2147483648)
   */
  readonly maxWeightsBytes?: number;
  /**
   * The largest `standardizer.json` accepted, in bytes. It grows with the number of input
   * features: 4 MiB holds the statistics of about 100,000 features (MNIST's take 30 KiB).
   * @defaultValue 4 MiB (4194304)
   */
  readonly maxStandardizerBytes?: number;
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

const WHERE = 'loadModel';

/** Checks a byte limit option. */
function limit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConfigError(`${WHERE}: ${name} must be an integer ≥ 0, got ${String(value)}.`);
  }
  return value;
}

/** The names listed by a manifest, or `undefined` for a directory of an earlier version. */
async function readManifest(dir: string): Promise<ReadonlySet<string> | undefined> {
  const path = join(dir, MODEL_FILES.manifest);
  const bytes = await readOptionalFile(WHERE, path, MAX_MANIFEST_BYTES, 'the model manifest');
  if (bytes === undefined) return undefined;
  const manifest = parseJsonFile(WHERE, path, bytes);
  const fail = (what: string): never => {
    throw new DataFormatError(
      `${WHERE}: ${path} ${what}; expected { format: '${MANIFEST_FORMAT}', version: ${MANIFEST_VERSION}, files: [...] }. Hint: the file is corrupt, or was written by a newer deeptune.`,
    );
  };
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return fail('is not a JSON object');
  }
  const fields = manifest as Record<string, unknown>;
  const format = Object.hasOwn(fields, 'format') ? fields['format'] : undefined;
  const version = Object.hasOwn(fields, 'version') ? fields['version'] : undefined;
  const files = Object.hasOwn(fields, 'files') ? fields['files'] : undefined;
  if (format !== MANIFEST_FORMAT) fail(`has format ${JSON.stringify(format)}`);
  if (version !== MANIFEST_VERSION) fail(`has version ${JSON.stringify(version)}`);
  if (
    !Array.isArray(files) ||
    !files.every((file) => typeof file === 'string' && KNOWN_MODEL_FILES.has(file))
  ) {
    fail(`lists files ${JSON.stringify(files)}`);
  }
  return new Set(files as string[]);
}

/** Rethrows a `DataFormatError` of the architecture checks with this function's name first. */
function prefixed(error: unknown): never {
  if (DataFormatError.isInstance(error)) {
    throw new DataFormatError(`${WHERE}: ${(error as Error).message}`, { cause: error });
  }
  throw error;
}

/** Why nothing is at `root`, with the hidden generations of an interrupted save if any. */
async function missing(root: string, error: unknown): Promise<never> {
  const text = await readlink(root).catch(() => undefined);
  if (text !== undefined) {
    throw new DataFormatError(
      `${WHERE}: ${root} is a link to ${text}, which does not exist next to it. Hint: a model copied with 'cp -r models/a elsewhere/b' keeps only the link; copy models with 'cp -rL' (or copy the directory the link names).`,
      { cause: error },
    );
  }
  const layout = new ModelLayout(root);
  const generations = await readdir(layout.parent)
    .then((entries) => entries.filter((entry) => layout.isGeneration(entry)))
    .catch(() => []);
  const hint =
    generations.length > 0
      ? ` Hint: a save to it was interrupted; the hidden ${generations.map((entry) => join(layout.parent, entry)).join(', ')} hold${generations.length === 1 ? 's' : ''} a saved model (rename it to ${root}).`
      : ' Hint: check the path; save the model there first.';
  throw new DataFormatError(
    `${WHERE}: ${root} does not exist; expected a model directory written by saveModel.${hint}`,
    { cause: error },
  );
}

/** Loads the model whose files are in `dir` (a real directory: one generation). */
async function loadFrom(
  dir: string,
  registry: Registry,
  maxWeightsBytes: number,
  maxStandardizerBytes: number,
): Promise<LoadedModel> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new DataFormatError(`${WHERE}: ${dir} cannot be read: ${(error as Error).message}.`, {
      cause: error,
    });
  });
  if (!info.isDirectory()) {
    throw new DataFormatError(
      `${WHERE}: ${dir} is not a directory; expected a model directory written by saveModel.`,
    );
  }
  const listed = await readManifest(dir);

  const architecturePath = join(dir, MODEL_FILES.architecture);
  let architectureBytes;
  try {
    architectureBytes = await readRegularFile(WHERE, architecturePath, {
      maxBytes: MAX_JSON_BYTES,
      what: 'the architecture file',
    });
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    throw new DataFormatError(
      `${WHERE}: ${architecturePath} does not exist; expected a model directory written by saveModel.`,
      { cause: error },
    );
  }
  const architecture = parseJsonFile(WHERE, architecturePath, architectureBytes);
  try {
    assertModelArchitecture(architecture, architecturePath);
  } catch (error) {
    return prefixed(error);
  }

  // The weights' header first: the architecture is checked against it before any layer
  // is created, and the data is read only when the header accounts for the whole file.
  const weightsPath = join(dir, MODEL_FILES.weights);
  const header = await readSafetensorsHeader(WHERE, weightsPath, maxWeightsBytes);
  const shapes = new Map<string, { shape: readonly number[]; dtype: DType }>();
  for (const [name, entry] of header.entries) {
    shapes.set(name, { shape: entry.shape, dtype: entry.dtype === 'F64' ? 'float64' : 'float32' });
  }
  const mismatch = (error: unknown): never => {
    if (StateDictError.isInstance(error)) {
      throw new StateDictError(
        `${WHERE}: ${weightsPath} does not match ${architecturePath}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return prefixed(error);
  };
  let model: Sequential;
  try {
    model = buildModel(architecture, { registry, source: architecturePath, weights: shapes });
  } catch (error) {
    return mismatch(error);
  }
  const weightBytes = await readRegularFile(WHERE, weightsPath, {
    maxBytes: header.fileLength,
    what: 'the weights file',
  });
  const { tensors } = decodeSafetensors(weightBytes, { source: weightsPath });
  for (const name of Object.keys(tensors)) {
    const data = tensors[name]!.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new DataFormatError(
          `${WHERE}: ${weightsPath}: tensor '${name}' holds ${String(data[i])} at index ${i}; expected finite weights. Hint: the model diverged before it was saved, or the file is corrupt.`,
        );
      }
    }
  }
  try {
    model.loadStateDict(tensors, { strict: true });
  } catch (error) {
    if (!DeeptuneError.isInstance(error)) throw error;
    throw new StateDictError(
      `${WHERE}: ${weightsPath} does not match ${architecturePath}: ${error.message}`,
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
    ['standardizer', MODEL_FILES.standardizer, maxStandardizerBytes, 'the standardizer file'],
    ['trainingConfig', MODEL_FILES.training, MAX_JSON_BYTES, 'the training configuration'],
    ['metrics', MODEL_FILES.metrics, MAX_JSON_BYTES, 'the metrics file'],
  ] as const;
  for (const [key, file, maxBytes, what] of optional) {
    const path = join(dir, file);
    const bytes = await readOptionalFile(WHERE, path, maxBytes, what);
    if (bytes !== undefined) {
      result[key] = parseJsonFile(WHERE, path, bytes);
    } else if (file === MODEL_FILES.standardizer && listed?.has(file) === true) {
      // Without its standardizer a model predicts from unnormalized inputs: refuse. A missing
      // training.json or metrics.json changes no prediction (a user may remove them).
      throw new DataFormatError(
        `${WHERE}: ${path} does not exist, but ${join(dir, MODEL_FILES.manifest)} lists it; the model directory is incomplete. Hint: save the model again.`,
      );
    }
  }
  return result;
}

/**
 * Loads a model directory written by {@link saveModel}: rebuilds the layers from
 * `architecture.json` through the registry, loads `weights.safetensors` strictly (every key,
 * shape and dtype must match), and reads the optional JSON files. Predictions of the loaded
 * model are bit-identical to the saved one's. Node only (`@deeptune/train/node`).
 *
 * The path is resolved once (through the link `saveModel` writes) and every file is read
 * from that one directory, so a load racing a save reads the old model or the new one,
 * never a mix; if the save removes the old one mid-read, the load starts again on the new.
 * Directories of earlier versions (without `deeptune-model.json`) load too.
 *
 * A model directory may come from someone else, so it is read defensively:
 * - every file must be a regular file (a FIFO, a device such as `/dev/zero` or a
 *   directory is refused, never read) within a size limit: 64 KiB for the manifest, 1 MiB
 *   for `architecture.json`, `training.json` and `metrics.json`, `maxStandardizerBytes`
 *   and `maxWeightsBytes`; JSON files may hold at most 65,536 objects and arrays;
 * - only the header of `weights.safetensors` is read first (at most 4 MiB), and every
 *   layer's state is checked against it before the layer is created (see `buildModel`), so
 *   an architecture cannot make a layer allocate more than the file holds; the data is read
 *   only when the header accounts for every byte of the file;
 * - weights must be finite;
 * - plugins are looked up by name in `registry` only: nothing named in a model directory is
 *   ever imported or executed.
 *
 * @param dir - the model directory.
 * @param options - `registry`, `maxWeightsBytes`, `maxStandardizerBytes`.
 * @returns the model, its architecture, and the optional standardizer JSON, training
 *   configuration and metrics.
 * @throws {@link @deeptune/core!DataFormatError} naming the file when a file is missing,
 *   not a regular file, too large, corrupt, holds non-finite weights, or is not in the
 *   expected format, or a layer cannot be created (unknown plugin, invalid options).
 * @throws {@link @deeptune/core!StateDictError} naming the weights file and the
 *   architecture when they do not match (missing or unexpected tensors, shapes, dtypes).
 * @throws {@link @deeptune/core!ConfigError} when a limit option is not an integer ≥ 0.
 * @category Save and load
 *
 * @example
 * ```ts
 * import { loadModel } from '@deeptune/train/node';
 * import { Standardizer, type StandardizerJSON } from '@deeptune/data';
 *
 * const { model, standardizer } = await loadModel('models/mnist', { registry });
 * const inputs =
 *   standardizer === undefined
 *     ? images
 *     : Standardizer.fromJSON(standardizer as StandardizerJSON).transform(images);
 * const classes = predictClasses(model, inputs);
 * ```
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  if (typeof dir !== 'string' || dir === '') {
    throw new ConfigError(`${WHERE}: dir must be a directory path, got ${JSON.stringify(dir)}.`);
  }
  const root = resolve(dir);
  const registry = options.registry ?? getDefaultRegistry();
  const maxWeightsBytes = limit(
    'maxWeightsBytes',
    options.maxWeightsBytes,
    DEFAULT_MAX_WEIGHTS_BYTES,
  );
  const maxStandardizerBytes = limit(
    'maxStandardizerBytes',
    options.maxStandardizerBytes,
    DEFAULT_MAX_STANDARDIZER_BYTES,
  );
  const resolveOnce = async (): Promise<string> => {
    try {
      return await realpath(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return missing(root, error);
      throw new DataFormatError(
        `${WHERE}: ${root} cannot be resolved: ${(error as Error).message}.`,
        { cause: error },
      );
    }
  };
  for (let attempt = 1; ; attempt++) {
    const real = await resolveOnce();
    try {
      return await loadFrom(real, registry, maxWeightsBytes, maxStandardizerBytes);
    } catch (error) {
      // A save replaced the model and removed the generation being read: read the new one.
      const now = await realpath(root).catch(() => undefined);
      if (attempt < 3 && now !== undefined && now !== real) continue;
      // Name files by the path the user gave, not by the hidden generation it links to.
      if (DeeptuneError.isInstance(error) && real !== root) {
        error.message = error.message.split(`${real}${sep}`).join(`${root}${sep}`);
      }
      throw error;
    }
  }
}
