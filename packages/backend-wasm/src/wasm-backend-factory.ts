import {
  createWasmBackendSyncAs,
  type WasmBackend,
  type WasmBackendOptions,
} from './wasm-backend.js';

/** Where option errors of the `wasm` backend say they come from. */
const WHERE = "backend 'wasm'";

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
  return createWasmBackendSyncAs(WHERE, options);
}
