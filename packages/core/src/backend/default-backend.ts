import type { Backend } from './backend.js';
import { cpuBackend, cpuKernels } from './cpu/cpu-backend.js';
import {
  KERNEL_NAMES,
  type CompleteKernelTable,
  type KernelName,
  type KernelFunction,
  type KernelSignatures,
} from './kernels.js';
import type { DType, Storage } from '../tensor/dtype.js';
import { KernelNotFoundError } from '../errors/kernel-not-found-error.js';

/** The active backend, and every kernel resolved: its own, else the cpu backend's. */
interface ActiveBackend {
  readonly backend: Backend;
  readonly kernels: CompleteKernelTable;
  readonly allocate: (dtype: DType, size: number) => Storage;
  readonly allocateState: (dtype: DType, size: number) => Storage;
}

const KNOWN_KERNELS: ReadonlySet<string> = new Set(KERNEL_NAMES);

function resolve(backend: Backend): ActiveBackend {
  const allocate =
    backend.allocate === undefined ? cpuBackend.allocate : backend.allocate.bind(backend);
  const allocateState =
    backend.allocateState === undefined ? allocate : backend.allocateState.bind(backend);
  return { backend, kernels: { ...cpuKernels, ...backend.kernels }, allocate, allocateState };
}

let active: ActiveBackend = resolve(cpuBackend);

/**
 * The backend that operations run on: the pure-TypeScript `cpu` backend unless replaced
 * with {@link setBackend}.
 *
 * @example
 * ```ts
 * getBackend().name; // 'cpu'
 * ```
 */
export function getBackend(): Backend {
  return active.backend;
}

/** Throws unless `backend` is a backend whose kernel table names only known kernels. */
function assertBackend(backend: Backend): void {
  const where = 'setBackend';
  if (typeof backend !== 'object' || backend === null) {
    throw new KernelNotFoundError(
      `${where}: expected a backend object { name, kernels }, got ${backend === null ? 'null' : typeof backend}.`,
    );
  }
  const name = (backend as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '') {
    throw new KernelNotFoundError(
      `${where}: a backend needs a non-empty string name, got ${JSON.stringify(name) ?? String(name)}.`,
    );
  }
  const kernels = (backend as { kernels?: unknown }).kernels;
  if (typeof kernels !== 'object' || kernels === null) {
    throw new KernelNotFoundError(
      `${where}: backend '${name}' has no kernel table; expected { name, kernels: { matmul, … } } with any subset of the kernels (the rest run on cpu). ` +
        'Hint: backends are objects { name, kernels } since the kernel registry; a backend of the old shape { name, matmul, … } moves its methods under `kernels`.',
    );
  }
  for (const [kernel, implementation] of Object.entries(kernels)) {
    if (!KNOWN_KERNELS.has(kernel)) {
      throw new KernelNotFoundError(
        `${where}: backend '${name}' provides a kernel '${kernel}', which is not a deeptune kernel; expected one of ${KERNEL_NAMES.join(', ')}.`,
      );
    }
    if (typeof implementation !== 'function') {
      throw new KernelNotFoundError(
        `${where}: backend '${name}' gives the kernel '${kernel}' as ${typeof implementation}; expected a function (args) => void.`,
      );
    }
  }
  for (const method of ['allocate', 'allocateState'] as const) {
    const allocate = (backend as Partial<Record<typeof method, unknown>>)[method];
    if (allocate !== undefined && typeof allocate !== 'function') {
      throw new KernelNotFoundError(
        `${where}: backend '${name}' gives ${method} as ${typeof allocate}; expected a function (dtype, size) => storage, or no ${method} at all.`,
      );
    }
  }
}

/**
 * Replaces the backend that operations run on, and returns the previous one.
 *
 * The backend may implement any subset of the kernels; each kernel it leaves out runs on the
 * `cpu` backend. Tensors created before the switch keep their storage; every backend accepts
 * the typed arrays the `cpu` backend allocates.
 *
 * @throws {@link KernelNotFoundError} when the kernel table names a kernel that does not
 * exist, or gives something other than a function.
 * @example
 * ```ts
 * const previous = setBackend(myFasterBackend);
 * try { train(); } finally { setBackend(previous); }
 * ```
 */
export function setBackend(backend: Backend): Backend {
  assertBackend(backend);
  const previous = active.backend;
  active = resolve(backend);
  return previous;
}

/**
 * Runs the kernel `name` of the active backend (or the `cpu` backend's when the active one
 * does not provide it).
 *
 * @param name - the kernel.
 * @param args - its inputs, output and attributes.
 * @example
 * ```ts
 * const out = new Float32Array(2);
 * runKernel('relu', { x: Float32Array.of(-1, 2), out }); // out = [0, 2]
 * ```
 */
export function runKernel<N extends KernelName>(name: N, args: KernelSignatures[N]): void {
  (active.kernels[name] as KernelFunction<N>)(args);
}

/**
 * The name of the backend whose kernel runs for `name`: the active backend's when it
 * provides the kernel, else `'cpu'`.
 *
 * @example
 * ```ts
 * setBackend({ name: 'fast', kernels: { matmul: fastMatmul } });
 * kernelProvider('matmul'); // 'fast'
 * kernelProvider('exp'); // 'cpu'
 * ```
 */
export function kernelProvider(name: KernelName): string {
  const backend = active.backend;
  return backend.kernels[name] === undefined ? cpuBackend.name : backend.name;
}

/**
 * Allocates zero-filled storage through the active backend (the `cpu` backend's plain typed
 * arrays when it has no `allocate`).
 * @internal
 */
export function allocateWithBackend(dtype: DType, size: number): Storage {
  return active.allocate(dtype, size);
}

/**
 * Allocates zero-filled, long-lived storage that the active backend's kernels update in place
 * (its `allocateState`, else its `allocate`).
 * @internal
 */
export function allocateStateWithBackend(dtype: DType, size: number): Storage {
  return active.allocateState(dtype, size);
}
