import { option, validateOptions } from '@deeptune/core';
import {
  createWasmBackendSync,
  type WasmBackend,
  type WasmBackendOptions,
} from './wasm-backend.js';

/** Where option errors of the `wasm` backend say they come from. */
const WHERE = "backend 'wasm'";

/** The options of the `wasm` backend, for {@link wasmBackend} and the registry. */
export const wasmBackendSchema = {
  /** Threads per matrix product, 1 to 64; by default the machine's logical cores. */
  threads: option.number({
    integer: true,
    min: 1,
    max: 64,
    optional: true,
    description: "Threads per matrix product (default: the machine's logical cores).",
  }),
  /** WebAssembly features: `simd128` (the default), `relaxed-simd` or `auto`. */
  features: option.enum(['simd128', 'relaxed-simd', 'auto'], {
    default: 'simd128',
    description:
      'WebAssembly features: simd128 (bit-identical on every engine), relaxed-simd (fused multiply-add) or auto.',
  }),
};

/**
 * Creates the `wasm` backend (synchronously: Node and workers) from options checked against
 * {@link wasmBackendSchema}, with the same messages as `registry.create('backend', 'wasm')`.
 *
 * @throws `InvalidHyperparameterError` or `ConfigError` (from `@deeptune/core`) naming a bad
 * option.
 * @example
 * ```ts
 * setBackend(wasmBackend({ threads: 2 }));
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const { threads, features } = validateOptions(WHERE, wasmBackendSchema, options);
  return createWasmBackendSync({ features, ...(threads === undefined ? {} : { threads }) });
}
