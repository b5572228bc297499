import type { DType, Storage } from '../tensor/dtype.js';
import type { KernelTable } from './kernels.js';

/**
 * A compute backend: a name, the kernels it accelerates (by name, with typed arguments; see
 * {@link KernelSignatures}) and optionally its own storage allocation.
 *
 * A backend provides any subset of the kernels: every kernel it leaves out runs on the
 * pure-TypeScript `cpu` backend, one kernel at a time, and so does `allocate` when it is
 * missing. The `cpu` backend is the normative definition of every kernel; a faster backend
 * (WASM SIMD, worker threads, WebGPU) must pass `backendConformance` from
 * `@deeptune/core/testing`. Tensors are garbage-collected: a backend must never require
 * users to free memory, so storage stays a plain `Float32Array` / `Float64Array` (a backend
 * may copy into its own memory as scratch space inside a kernel, and may place the
 * long-lived arrays of `allocateState` there).
 *
 * @example
 * ```ts
 * import { cpuBackend, setBackend, type Backend } from '@deeptune/core';
 *
 * const cpuMatmul = cpuBackend.kernels.matmul;
 * let products = 0;
 * const counting: Backend = {
 *   name: 'counting',
 *   kernels: { matmul: (args) => { products += args.batch; cpuMatmul(args); } },
 * };
 * setBackend(counting); // every other kernel still runs on cpu
 * ```
 */
export interface Backend {
  /** The backend's name, e.g. `'cpu'` or `'wasm'`. */
  readonly name: string;

  /**
   * What the backend runs on, for people, e.g. `'WebAssembly SIMD128, 2 threads'`; the CLI
   * prints it next to the name.
   */
  readonly description?: string;

  /** The kernels this backend implements; the rest run on the `cpu` backend. */
  readonly kernels: KernelTable;

  /**
   * Allocates zero-filled storage for `size` elements of `dtype`. Optional: the `cpu`
   * backend's plain typed arrays are used when it is missing.
   */
  allocate?(dtype: DType, size: number): Storage;

  /**
   * Allocates zero-filled storage for `size` elements of `dtype` that lives long and that
   * this backend's kernels read or update in place: an optimizer's state, such as Adam's
   * moments, and a layer's parameters (`Dense` keeps its weight and bias there).
   * A backend that computes in its own memory may place it there, so that those kernels need
   * not copy it in and out on every step; it must stay an ordinary typed array to everyone
   * else, and be freed when it is garbage collected. Optional: `allocate` is used when it is
   * missing.
   */
  allocateState?(dtype: DType, size: number): Storage;
}
