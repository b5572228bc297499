import { BACKEND_KERNELS, type Backend } from './backend.js';
import { cpuBackend } from './cpu/cpu-backend.js';
import { KernelNotFoundError } from '../errors/kernel-not-found-error.js';

let activeBackend: Backend = cpuBackend;

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
  return activeBackend;
}

/**
 * Replaces the backend that operations run on, and returns the previous one.
 *
 * Tensors created before the switch keep their storage; any backend accepts the typed
 * arrays the `cpu` backend allocates.
 *
 * @throws {@link KernelNotFoundError} when the backend lacks a kernel.
 * @example
 * ```ts
 * const previous = setBackend(myFasterBackend);
 * try { train(); } finally { setBackend(previous); }
 * ```
 */
export function setBackend(backend: Backend): Backend {
  for (const kernel of BACKEND_KERNELS) {
    if (typeof (backend as unknown as Record<string, unknown>)[kernel] !== 'function') {
      throw new KernelNotFoundError(
        `setBackend: backend '${String(backend.name)}' does not provide the kernel '${kernel}'; every backend must implement ${BACKEND_KERNELS.join(', ')}. ` +
          'Hint: start from the cpu backend ({ ...cpuBackend, name, matmul: fasterMatmul }).',
      );
    }
  }
  const previous = activeBackend;
  activeBackend = backend;
  return previous;
}
