/**
 * A small, seeded training run whose result is identical wherever it runs.
 *
 * `run.mjs` bundles this file once (esbuild, platform 'browser') and runs the same bundle in
 * Node and in headless Chromium; both must report the same hash of the trained parameters.
 * Only the browser-safe main entries of the packages are imported, and the hash is a tiny
 * pure-JS FNV-1a 64 (no node:crypto, no SubtleCrypto), so the code is the same in both.
 */
import { Rng, cpuBackend, setBackend, type Backend, type DType, type Tensor } from '@deeptune/core';
import { createWasmBackend } from '@deeptune/backend-wasm';
import { spirals } from '@deeptune/data';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { fit } from '@deeptune/train';

/** The result of one seeded run, for one dtype. */
export interface FixtureRun {
  readonly dtype: DType;
  /** The backend the run trained on, e.g. `'wasm (WebAssembly SIMD128, 1 thread)'`. */
  readonly backend: string;
  /** FNV-1a 64 over the bytes of every trained parameter, in `namedParameters()` order. */
  readonly hash: string;
  /** FNV-1a 64 over the bytes of the generated inputs and targets (locates a divergence). */
  readonly dataHash: string;
  /** FNV-1a 64 over the initial parameters, before training (the seeded initialisation). */
  readonly initHash: string;
  /** The first 8 values of the first parameter (the first layer's weights). */
  readonly weights: number[];
  /** Training accuracy after the last epoch. */
  readonly accuracy: number;
  /** Training cost J after the last epoch. */
  readonly cost: number;
  /** Number of trainable values hashed. */
  readonly parameterCount: number;
  /** Wall-clock seconds of this run (informational, never compared). */
  readonly seconds: number;
}

/** The float32 run's fields at the top level (as the brief asks), plus every run. */
export interface FixtureResult {
  readonly hash: string;
  readonly weights: number[];
  readonly accuracy: number;
  readonly runs: FixtureRun[];
}

const FNV_OFFSET = BigInt('0xcbf29ce484222325');
const FNV_PRIME = BigInt('0x100000001b3');

/** FNV-1a 64 over a sequence of byte views; lowercase hex, 16 digits. */
function fnv1a64(views: readonly Uint8Array[]): string {
  // Two 32-bit halves with Math.imul would be faster; BigInt keeps it obviously correct and
  // the fixture hashes only a few kilobytes.
  let hash = FNV_OFFSET;
  for (const bytes of views) {
    for (let i = 0; i < bytes.length; i++) {
      hash ^= BigInt(bytes[i]!);
      hash = BigInt.asUintN(64, hash * FNV_PRIME);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

function bytesOf(tensor: Tensor): Uint8Array {
  const data = tensor.data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function trainOnce(dtype: DType, backend: Backend): Promise<FixtureRun> {
  const previous = setBackend(backend);
  try {
    return await trainOn(dtype, `${backend.name} (${backend.description ?? ''})`);
  } finally {
    setBackend(previous);
  }
}

async function trainOn(dtype: DType, backend: string): Promise<FixtureRun> {
  const started = performance.now();
  const data = spirals({ m: 300, classes: 3, noise: 0.05, seed: 42, dtype });
  const rng = new Rng(7);
  const model = new Sequential([
    new Dense({ inputs: 2, units: 32, activation: 'relu', dtype, rng }),
    new Dense({ inputs: 32, units: 32, activation: 'relu', dtype, rng }),
    new Dense({ inputs: 32, units: 3, dtype, rng }),
  ]);
  const initHash = fnv1a64(model.namedParameters().map((parameter) => bytesOf(parameter.value)));
  const history = await fit(model, data, {
    loss: softmaxCrossEntropy,
    optimizer: adam({ learningRate: 0.01 }),
    epochs: 40,
    batchSize: 32,
    seed: 11,
    metrics: ['accuracy'],
    yieldEvery: Infinity,
  });
  const parameters = model.namedParameters().map((parameter) => parameter.value);
  const last = history.epochs.at(-1)!;
  return {
    dtype,
    backend,
    hash: fnv1a64(parameters.map(bytesOf)),
    dataHash: fnv1a64([bytesOf(data.inputs), bytesOf(data.targets)]),
    initHash,
    weights: Array.from(parameters[0]!.data.subarray(0, 8)),
    accuracy: last.metrics.accuracy ?? Number.NaN,
    cost: last.cost,
    parameterCount: parameters.reduce((count, parameter) => count + parameter.size, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Trains the fixture in float32 and float64, on the cpu backend and on the wasm backend
 * (WebAssembly SIMD128; one thread, which a page without cross-origin isolation has anyway,
 * and 1 or N threads give the same bits), and returns the hashes of the weights.
 */
export async function trainFixture(): Promise<FixtureResult> {
  const wasm = await createWasmBackend({ threads: 1, features: 'simd128' });
  const runs: FixtureRun[] = [];
  for (const backend of [cpuBackend, wasm]) {
    for (const dtype of ['float32', 'float64'] as const) runs.push(await trainOnce(dtype, backend));
  }
  const float32 = runs[0]!;
  return { hash: float32.hash, weights: float32.weights, accuracy: float32.accuracy, runs };
}
