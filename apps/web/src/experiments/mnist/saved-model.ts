import {
  StateDictError,
  Standardizer,
  assertModelArchitecture,
  buildModel,
  createDefaultRegistry,
  decodeSafetensors,
  type DType,
  type ModelArchitecture,
  type Sequential,
  type StandardizerJSON,
} from 'deeptune';
import { MNIST_PIXELS } from './mnist-subset.js';

/** The file names of a model folder written by `deeptune train --save` (`saveModel`). */
export const MODEL_FILE_NAMES = {
  manifest: 'deeptune-model.json',
  architecture: 'architecture.json',
  weights: 'weights.safetensors',
  standardizer: 'standardizer.json',
  training: 'training.json',
  metrics: 'metrics.json',
} as const;

/** The largest size read of each model file, in bytes (the library's limits; weights: 64 MiB in a browser). */
export const MODEL_FILE_LIMITS: Readonly<Record<string, number>> = {
  [MODEL_FILE_NAMES.manifest]: 64 * 1024,
  [MODEL_FILE_NAMES.architecture]: 1024 * 1024,
  [MODEL_FILE_NAMES.weights]: 64 * 1024 * 1024,
  [MODEL_FILE_NAMES.standardizer]: 4 * 1024 * 1024,
  [MODEL_FILE_NAMES.training]: 1024 * 1024,
  [MODEL_FILE_NAMES.metrics]: 1024 * 1024,
};

/** The largest file the page accepts at all (the weights' limit). */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

/** The number of classes a digit model must output. */
export const DIGIT_CLASSES = 10;

/** A digit classifier loaded from a model folder. */
export interface DigitModel {
  /** The rebuilt network with the saved weights. */
  readonly model: Sequential;
  /** The dtype of its parameters (inputs are given in it). */
  readonly dtype: DType;
  /** Layer sizes from inputs to outputs, e.g. `[784, 64, 10]`. */
  readonly sizes: readonly number[];
  /** The training standardizer, when the folder holds one. */
  readonly standardizer: Standardizer | null;
  /** Pixels are divided by 255 before the standardizer (`false`: the model saw 0 … 255). */
  readonly scaled: boolean;
  /** The saved metrics (`metrics.json`), when present. */
  readonly metrics: Readonly<Record<string, unknown>> | null;
}

/** A file of a model folder: a browser `File` (or any `Blob` with a name). */
export interface ModelFile {
  /** The file name (a folder prefix, if any, is ignored). */
  readonly name: string;
  /** The size in bytes. */
  readonly size: number;
  /** Part of the content. */
  slice(start?: number, end?: number): Blob;
  /** The content. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A model folder that cannot be used: the message names the file and the problem. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

function fail(file: string, what: string): never {
  throw new ModelFileError(`${file}: ${what}`);
}

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBytes(file: ModelFile, name: string): Promise<Uint8Array> {
  const limit = MODEL_FILE_LIMITS[name] ?? MAX_MODEL_FILE_BYTES;
  if (file.size > limit) {
    fail(name, `is ${file.size} bytes; the demo reads at most ${limit} bytes for this file.`);
  }
  return new Uint8Array(await file.arrayBuffer());
}

async function readJson(file: ModelFile, name: string): Promise<unknown> {
  const bytes = await readBytes(file, name);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(name, `is not valid JSON (${(error as Error).message}).`);
  }
}

/** The layer sizes named by an architecture's `inputs`/`units` options, e.g. `[784, 64, 10]`. */
export function layerSizes(architecture: ModelArchitecture): number[] {
  const sizes: number[] = [];
  for (const { options } of architecture.layers) {
    const inputs = options['inputs'];
    const units = options['units'];
    if (typeof inputs !== 'number' || typeof units !== 'number') continue;
    if (sizes.length === 0) sizes.push(inputs);
    sizes.push(units);
  }
  return sizes;
}

/**
 * Reads only the safetensors header (8-byte length + JSON) through `slice`, so a file whose
 * header is malformed is refused before its data is read.
 */
async function checkWeightsHeader(file: ModelFile): Promise<void> {
  const name = MODEL_FILE_NAMES.weights;
  if (file.size < 10) fail(name, `is ${file.size} bytes; a safetensors file is at least 10.`);
  const prefix = new DataView(await file.slice(0, 8).arrayBuffer());
  const length = prefix.getBigUint64(0, true);
  if (length < 2n || length > BigInt(Math.min(4 * 1024 * 1024, file.size - 8))) {
    fail(
      name,
      `its header length is ${length} bytes but the file holds ${file.size - 8} bytes after it; the file is truncated or not safetensors.`,
    );
  }
}

/**
 * Loads a digit classifier from the files of a folder written by `deeptune train --save`
 * (or `saveModel`), as the library's `loadModel` does in Node, with the browser-safe parts of
 * the library: every file's size is bounded before it is read; the manifest, when present,
 * must be deeptune's; `architecture.json` is checked; `weights.safetensors` is decoded and
 * validated completely, and the architecture is checked against its tensors *before* any
 * layer is created (`buildModel` with `weights`); weights must be finite; the standardizer
 * is restored with `Standardizer.fromJSON`. The model must take 784 pixels and output 10
 * classes. Every problem throws a {@link ModelFileError} naming the file and what is wrong.
 */
export async function loadDigitModel(files: readonly ModelFile[]): Promise<DigitModel> {
  const byName = new Map<string, ModelFile>();
  for (const file of files) {
    const name = baseName(file.name);
    if (!Object.values(MODEL_FILE_NAMES).includes(name as never)) continue;
    if (byName.has(name)) fail(name, 'was chosen twice; choose the files of one model folder.');
    byName.set(name, file);
  }
  const chosen = files.map((file) => baseName(file.name)).join(', ') || 'no files';
  const architectureFile = byName.get(MODEL_FILE_NAMES.architecture);
  const weightsFile = byName.get(MODEL_FILE_NAMES.weights);
  for (const [name, file] of [
    [MODEL_FILE_NAMES.architecture, architectureFile],
    [MODEL_FILE_NAMES.weights, weightsFile],
  ] as const) {
    if (file === undefined) {
      fail(
        name,
        `is missing (chosen: ${chosen}); choose the files of a folder written by deeptune train --save.`,
      );
    }
  }
  for (const [name, file] of byName) {
    const limit = MODEL_FILE_LIMITS[name]!;
    if (file.size > limit) {
      fail(name, `is ${file.size} bytes; the demo reads at most ${limit} bytes for this file.`);
    }
  }

  const manifestFile = byName.get(MODEL_FILE_NAMES.manifest);
  if (manifestFile !== undefined) {
    const manifest = await readJson(manifestFile, MODEL_FILE_NAMES.manifest);
    const listed = isRecord(manifest) ? manifest['files'] : undefined;
    if (
      !isRecord(manifest) ||
      manifest['format'] !== 'deeptune-model' ||
      manifest['version'] !== 1 ||
      !Array.isArray(listed)
    ) {
      fail(
        MODEL_FILE_NAMES.manifest,
        "is not a deeptune model manifest; expected { format: 'deeptune-model', version: 1, files: [...] }.",
      );
    }
    for (const name of listed as unknown[]) {
      if (typeof name === 'string' && name in MODEL_FILE_LIMITS && !byName.has(name)) {
        fail(
          name,
          `is listed by ${MODEL_FILE_NAMES.manifest} but was not chosen; choose every file of the folder.`,
        );
      }
    }
  }

  const architecture = await readJson(architectureFile!, MODEL_FILE_NAMES.architecture);
  try {
    assertModelArchitecture(architecture, MODEL_FILE_NAMES.architecture);
  } catch (error) {
    throw new ModelFileError((error as Error).message);
  }
  const sizes = layerSizes(architecture);
  if (sizes[0] !== MNIST_PIXELS || sizes.at(-1) !== DIGIT_CLASSES) {
    fail(
      MODEL_FILE_NAMES.architecture,
      `describes a network with layer sizes [${sizes.join(', ')}]; a digit model takes ${MNIST_PIXELS} pixels and outputs ${DIGIT_CLASSES} classes (train it with --dataset mnist).`,
    );
  }

  await checkWeightsHeader(weightsFile!);
  const weightBytes = await readBytes(weightsFile!, MODEL_FILE_NAMES.weights);
  let tensors;
  try {
    tensors = decodeSafetensors(weightBytes, { source: MODEL_FILE_NAMES.weights }).tensors;
  } catch (error) {
    throw new ModelFileError((error as Error).message);
  }
  const shapes = new Map<string, { shape: readonly number[]; dtype: DType }>();
  for (const [name, value] of Object.entries(tensors)) {
    shapes.set(name, { shape: value.shape, dtype: value.dtype });
  }
  let model: Sequential;
  try {
    model = buildModel(architecture, {
      registry: createDefaultRegistry(),
      source: MODEL_FILE_NAMES.architecture,
      weights: shapes,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (!StateDictError.isInstance(error)) throw new ModelFileError(message);
    return fail(
      MODEL_FILE_NAMES.weights,
      `does not match ${MODEL_FILE_NAMES.architecture}: ${message.replace(`${MODEL_FILE_NAMES.architecture}: `, '')}`,
    );
  }
  for (const [name, value] of Object.entries(tensors)) {
    const data = value.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        fail(
          MODEL_FILE_NAMES.weights,
          `tensor '${name}' holds ${String(data[i])} at index ${i}; expected finite weights (the model diverged before it was saved, or the file is corrupt).`,
        );
      }
    }
  }
  try {
    model.loadStateDict(tensors, { strict: true });
  } catch (error) {
    return fail(
      MODEL_FILE_NAMES.weights,
      `does not match ${MODEL_FILE_NAMES.architecture}: ${(error as Error).message}`,
    );
  }
  const dtype = Object.values(tensors)[0]?.dtype ?? 'float32';

  let standardizer: Standardizer | null = null;
  const standardizerFile = byName.get(MODEL_FILE_NAMES.standardizer);
  if (standardizerFile !== undefined) {
    const json = await readJson(standardizerFile, MODEL_FILE_NAMES.standardizer);
    try {
      standardizer = Standardizer.fromJSON(json as StandardizerJSON);
    } catch (error) {
      throw new ModelFileError(`${MODEL_FILE_NAMES.standardizer}: ${(error as Error).message}`);
    }
    if (standardizer.mean.size !== MNIST_PIXELS) {
      fail(
        MODEL_FILE_NAMES.standardizer,
        `holds statistics of ${standardizer.mean.size} features; the model takes ${MNIST_PIXELS}.`,
      );
    }
  }

  let scaled = true;
  const trainingFile = byName.get(MODEL_FILE_NAMES.training);
  if (trainingFile !== undefined) {
    const training = await readJson(trainingFile, MODEL_FILE_NAMES.training);
    const plugins = isRecord(training) ? training['pluginOptions'] : undefined;
    const normalize = isRecord(plugins) ? plugins['dataset.normalize'] : undefined;
    if (isRecord(normalize) && normalize['value'] === 'none') scaled = false;
  }
  let metrics: Record<string, unknown> | null = null;
  const metricsFile = byName.get(MODEL_FILE_NAMES.metrics);
  if (metricsFile !== undefined) {
    const json = await readJson(metricsFile, MODEL_FILE_NAMES.metrics);
    if (isRecord(json)) metrics = json;
  }
  return { model, dtype, sizes, standardizer, scaled, metrics };
}
