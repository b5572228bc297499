import {
  ConfigError,
  cpuBackend,
  getBackend,
  option,
  setBackend,
  validateOptions,
  warnOnce,
  type Backend,
} from '@deeptune/core';
import {
  WasmSimdUnsupportedError,
  createWasmBackend,
  createWasmBackendSync,
  wasmBackendSchema,
  type WasmBackend,
  type WasmBackendOptions,
  type WasmFeatureRequest,
} from '@deeptune/backend-wasm';

/** The backends {@link useBackend} installs by name. */
export type BackendName = 'wasm' | 'cpu';

/** Options of {@link useBackend} and {@link useBackendSync}. */
export interface UseBackendOptions {
  /**
   * `'wasm'` (WebAssembly SIMD matrix products, split over threads) or `'cpu'` (the
   * pure-TypeScript reference). Without it: `wasm` where WebAssembly SIMD runs, else `cpu`
   * with a one-line notice.
   */
  readonly backend?: BackendName;
  /**
   * Threads per matrix product for `wasm` (1 to 64).
   * @defaultValue the machine's logical cores
   */
  readonly threads?: number;
  /**
   * WebAssembly features for `wasm`: `'simd128'` (bit-identical results on every engine),
   * `'relaxed-simd'` or `'auto'`.
   * @defaultValue 'simd128'
   */
  readonly features?: WasmFeatureRequest;
}

/** What {@link useBackend} installed, and why when it fell back. */
export interface BackendChoice {
  /** The backend now active (also `getBackend()`). */
  readonly backend: Backend;
  /** Set when the `wasm` backend could not run here and `cpu` was installed instead. */
  readonly notice: string | undefined;
}

/** The wasm backend this module installed, closed when another replaces it. */
let installed: WasmBackend | undefined;

/** The options of {@link useBackend}: a backend name, then the wasm backend's own options. */
const useBackendSchema = {
  backend: option.enum(['wasm', 'cpu'], {
    optional: true,
    description: "The backend: 'wasm' or 'cpu' (default: wasm where WebAssembly SIMD runs).",
  }),
  ...wasmBackendSchema,
};

/** {@link UseBackendOptions} checked: the backend asked for, and the wasm backend's options. */
interface CheckedOptions {
  readonly backend: BackendName | undefined;
  readonly wasm: WasmBackendOptions;
}

/**
 * `options` checked against {@link useBackendSchema}: a plain object (or undefined) with no
 * unknown key, a known backend, threads from 1 to 64 and a known feature set.
 */
function checkOptions(where: string, options: UseBackendOptions | undefined): CheckedOptions {
  const { backend, threads, features } = validateOptions(where, useBackendSchema, options);
  return { backend, wasm: { features, ...(threads === undefined ? {} : { threads }) } };
}

/** Makes `backend` the active backend (closing the wasm backend it replaces). */
function install(backend: Backend): BackendChoice {
  if (installed !== undefined && installed !== backend) installed.close();
  installed = backend.name === 'wasm' ? (backend as WasmBackend) : undefined;
  setBackend(backend);
  return { backend, notice: undefined };
}

function fallBack(error: unknown): BackendChoice {
  const reason =
    error instanceof WasmSimdUnsupportedError
      ? error.message.replace(/^@deeptune\/backend-wasm: /, '')
      : `the WebAssembly backend could not start (${error instanceof Error ? error.message : String(error)}).`;
  const notice = `deeptune: ${reason} Running on the pure-TypeScript cpu backend instead (several times slower on matrix products).`;
  warnOnce(notice);
  return { ...install(cpuBackend), notice };
}

/**
 * Installs a backend by name and returns it: `wasm` (the default where WebAssembly SIMD
 * runs) or the `cpu` reference. Without a name, an engine lacking WebAssembly SIMD (or a
 * page whose Content-Security-Policy forbids compiling WebAssembly) gets the `cpu` backend and
 * a one-line notice (through the core logger); a `wasm` asked for by name there is an error.
 * Compiles asynchronously, so it works on a browser page's main thread.
 *
 * Importing `deeptune` already did this with the defaults (or with `DEEPTUNE_BACKEND=cpu|wasm`
 * in Node), except on a browser page's main thread, where WebAssembly compiles only
 * asynchronously: call it there, and to choose the thread count or the reference backend.
 *
 * @throws {@link ConfigError} when `options` is not a plain object, has an unknown key (the
 * message suggests the closest), names an unknown backend or feature set, or asks for `wasm`
 * by name where it cannot run.
 * @throws `InvalidHyperparameterError` when `threads` is not an integer from 1 to 64.
 * @example
 * ```ts
 * import { useBackend } from 'deeptune';
 *
 * const { backend } = await useBackend({ threads: 1 });
 * console.log(backend.name, backend.description); // wasm WebAssembly SIMD128, 1 thread
 * ```
 */
export async function useBackend(options: UseBackendOptions = {}): Promise<BackendChoice> {
  const checked = checkOptions('useBackend', options);
  if (checked.backend === 'cpu') return install(cpuBackend);
  try {
    return install(await createWasmBackend(checked.wasm));
  } catch (error) {
    return wasmFailed('useBackend', checked.backend, error);
  }
}

/**
 * {@link useBackend} compiling synchronously: for Node and workers (a browser page's main
 * thread refuses to compile the module synchronously).
 *
 * @throws {@link ConfigError} when `options` is not a plain object, has an unknown key (the
 * message suggests the closest), names an unknown backend or feature set, or asks for `wasm`
 * by name where it cannot run.
 * @throws `InvalidHyperparameterError` when `threads` is not an integer from 1 to 64.
 * @example
 * ```ts
 * useBackendSync({ backend: 'cpu' }); // the pure-TypeScript reference
 * ```
 */
export function useBackendSync(options: UseBackendOptions = {}): BackendChoice {
  const checked = checkOptions('useBackendSync', options);
  if (checked.backend === 'cpu') return install(cpuBackend);
  try {
    return install(createWasmBackendSync(checked.wasm));
  } catch (error) {
    return wasmFailed('useBackendSync', checked.backend, error);
  }
}

/**
 * The wasm backend could not be created: an error when it was asked for by name, else the
 * cpu backend with a notice.
 */
function wasmFailed(
  where: string,
  backend: BackendName | undefined,
  error: unknown,
): BackendChoice {
  if (backend === 'wasm') throw wasmUnavailable(where, error);
  return fallBack(error);
}

function wasmUnavailable(where: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    `${where}: the wasm backend cannot run here: ${message} Hint: use backend 'cpu'.`,
    { cause: error },
  );
}

/**
 * `DEEPTUNE_BACKEND` in Node; undefined elsewhere, when unset, or when it names no backend
 * (then with a warning: an import must not fail over an environment variable).
 */
function backendFromEnvironment(): BackendName | undefined {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process?.env;
  const value = environment?.['DEEPTUNE_BACKEND'];
  if (value === undefined || value === '') return undefined;
  if (value !== 'wasm' && value !== 'cpu') {
    warnOnce(
      `deeptune: DEEPTUNE_BACKEND=${value} names no backend; expected wasm or cpu. Using the default (wasm where it runs, else cpu).`,
    );
    return undefined;
  }
  return value;
}

/** Whether this is a browser page's main thread, which may not compile WebAssembly synchronously. */
function isBrowserMainThread(): boolean {
  const scope = globalThis as { document?: unknown; process?: { versions?: { node?: string } } };
  return typeof scope.document === 'object' && typeof scope.process?.versions?.node !== 'string';
}

/**
 * What importing `deeptune` does, synchronously (no top-level await: a module worker that
 * awaited during its import could miss the first messages posted to it): installs the `wasm`
 * backend where WebAssembly SIMD runs (else `cpu`, with a notice), or the backend
 * `DEEPTUNE_BACKEND` names in Node. A backend set before with `setBackend` (anything but the
 * initial `cpu`) is left alone, and so is a browser page's main thread, where WebAssembly
 * compiles only asynchronously: there `await useBackend()` switches to `wasm`.
 * @internal
 */
export function installDefaultBackend(): BackendChoice {
  const requested = backendFromEnvironment();
  const active = getBackend();
  if (requested === undefined ? active !== cpuBackend : active.name === requested) {
    return { backend: active, notice: undefined };
  }
  if (requested === undefined && isBrowserMainThread()) {
    return { backend: active, notice: undefined };
  }
  return useBackendSync(requested === undefined ? {} : { backend: requested });
}
