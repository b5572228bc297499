import { option } from '@deeptune/core';

/**
 * The options of the `wasm` backend, checked by {@link createWasmBackend},
 * {@link createWasmBackendSync}, {@link wasmBackend} and `registry.create('backend', 'wasm')`:
 * a thread count from 1 to 64 and the WebAssembly feature set; any other key is an error.
 */
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
