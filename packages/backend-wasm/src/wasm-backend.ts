import { validateOptions } from '@deeptune/core';
import type {
  Backend,
  DType,
  LinearBackwardKernelArgs,
  LinearKernelArgs,
  MatmulKernelArgs,
  Storage,
} from '@deeptune/core';
import { defaultThreads } from './default-threads.js';
import { wasmBackendSchema } from './wasm-backend-schema.js';
import { WasmGemm, type GemmArray, type WasmGemmOptions } from './wasm-gemm.js';
import { wasmVectorKernels } from './wasm-vector-kernels.js';
import type { WasmFeatureRequest, WasmGemmFeatures } from './wasm-simd-unsupported-error.js';

/** Options of {@link createWasmBackend} and {@link createWasmBackendSync}. */
export interface WasmBackendOptions {
  /**
   * Threads per matrix product, the calling thread included (1 to 64).
   * @defaultValue the machine's logical cores
   */
  readonly threads?: number;
  /**
   * The WebAssembly feature set: `'simd128'` (results bit-identical on every engine and
   * machine), `'relaxed-simd'` (fused multiply-add, a few per cent faster; an error where the
   * engine lacks it), or `'auto'` (relaxed SIMD where the engine validates it).
   * @defaultValue 'simd128'
   */
  readonly features?: WasmFeatureRequest;
}

/** The `wasm` backend: a deeptune {@link Backend} plus what it runs on. */
export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  /**
   * E.g. `'WebAssembly SIMD128, 2 threads'`, with why when fewer run (no shared memory here;
   * workers still starting).
   */
  readonly description: string;
  /** The WebAssembly feature set in use. */
  readonly features: WasmGemmFeatures;
  /** Threads per matrix product, the calling thread included. */
  readonly threads: number;
  /** The matrix-product engine. */
  readonly gemm: WasmGemm;
  /**
   * Resolves once every worker thread has started; until then products run on the calling
   * thread alone, with the same results.
   */
  whenThreadsReady(): Promise<void>;
  /** Stops the worker threads (optional: they never keep a process alive). */
  close(): void;
}

function describe(gemm: WasmGemm): string {
  const simd = gemm.features === 'relaxed-simd' ? 'relaxed SIMD (FMA)' : 'SIMD128';
  const threads = `${gemm.threads} thread${gemm.threads === 1 ? '' : 's'}`;
  const note =
    gemm.threadsNote !== undefined
      ? ` (${gemm.threadsNote})`
      : gemm.threadsStarted
        ? ''
        : ' (1 until the workers start)';
  return `WebAssembly ${simd}, ${threads}${note}`;
}

/**
 * The engine's options: the backend's, checked against {@link wasmBackendSchema} (`where`
 * starts every message), with one thread per core by default.
 */
function gemmOptions(where: string, options: WasmBackendOptions | undefined): WasmGemmOptions {
  const { threads, features } = validateOptions(where, wasmBackendSchema, options);
  return { threads: threads ?? defaultThreads(), features };
}

function backendOf(gemm: WasmGemm): WasmBackend {
  const matmul = (args: MatmulKernelArgs): void =>
    gemm.matmul(
      args.a as GemmArray,
      args.b as GemmArray,
      args.out as GemmArray,
      args.m,
      args.k,
      args.n,
      args.transposeA,
      args.transposeB,
      args.batch,
      args.strideA,
      args.strideB,
    );
  /** `linear`, or `linearRelu` with `relu`. */
  const linearKernel =
    (relu: boolean) =>
    (args: LinearKernelArgs): void =>
      gemm.linear(
        args.x as GemmArray,
        args.w as GemmArray,
        args.bias as GemmArray,
        args.out as GemmArray,
        args.m,
        args.k,
        args.n,
        relu,
      );
  const linear = linearKernel(false);
  const linearRelu = linearKernel(true);
  const linearBackward = (args: LinearBackwardKernelArgs): void =>
    gemm.linearBackward(
      args.x as GemmArray,
      args.w as GemmArray,
      args.dy as GemmArray,
      args.y as GemmArray | null,
      args.dx as GemmArray | null,
      args.dw as GemmArray | null,
      args.db as GemmArray | null,
      args.m,
      args.k,
      args.n,
    );
  return {
    name: 'wasm',
    get description(): string {
      return describe(gemm);
    },
    features: gemm.features,
    threads: gemm.threads,
    gemm,
    kernels: { matmul, linear, linearRelu, linearBackward, ...wasmVectorKernels(gemm) },
    // Optimizer state in the module's memory, where `adam` updates it without copies; only
    // a shared memory never moves when it grows (one thread uses ordinary arrays).
    ...(gemm.shared
      ? {
          allocateState: (dtype: DType, size: number): Storage => gemm.allocateState(dtype, size),
        }
      : {}),
    whenThreadsReady: () => gemm.whenThreadsReady(),
    close: () => gemm.close(),
  };
}

/**
 * Creates the `wasm` backend: matrix products in WebAssembly SIMD, split over worker threads;
 * every other kernel runs on the `cpu` backend. Works in Node and in browsers (asynchronous
 * compilation); resolves once the worker threads have started.
 *
 * @throws {@link WasmSimdUnsupportedError} when the engine lacks WebAssembly SIMD.
 * @throws `ConfigError` (from `@deeptune/core`) when `options` is not a plain object, has a key
 * other than `threads` and `features`, or names an unknown feature set; `InvalidHyperparameterError`
 * when `threads` is not an integer from 1 to 64.
 * @example
 * ```ts
 * import { setBackend } from '@deeptune/core';
 * import { createWasmBackend } from '@deeptune/backend-wasm';
 *
 * setBackend(await createWasmBackend({ threads: 2 }));
 * ```
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const gemm = await WasmGemm.create(gemmOptions('createWasmBackend', options));
  await gemm.whenThreadsReady();
  return backendOf(gemm);
}

/**
 * Creates the `wasm` backend synchronously (Node and workers; a browser page's main thread
 * needs {@link createWasmBackend}). Its worker threads start in the background: products run
 * on the calling thread until they are up (`whenThreadsReady`), with the same results.
 *
 * @throws {@link WasmSimdUnsupportedError} when the engine lacks WebAssembly SIMD.
 * @throws `ConfigError` (from `@deeptune/core`) when `options` is not a plain object, has a key
 * other than `threads` and `features`, or names an unknown feature set; `InvalidHyperparameterError`
 * when `threads` is not an integer from 1 to 64.
 * @example
 * ```ts
 * setBackend(createWasmBackendSync({ threads: 1, features: 'simd128' }));
 * ```
 */
export function createWasmBackendSync(options: WasmBackendOptions = {}): WasmBackend {
  return createWasmBackendSyncAs('createWasmBackendSync', options);
}

/**
 * {@link createWasmBackendSync}, with `where` starting its option errors (the registry's
 * factory says `backend 'wasm'`).
 * @internal
 */
export function createWasmBackendSyncAs(
  where: string,
  options: WasmBackendOptions | undefined,
): WasmBackend {
  return backendOf(WasmGemm.createSync(gemmOptions(where, options)));
}
