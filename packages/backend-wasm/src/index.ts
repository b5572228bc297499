/**
 * The WebAssembly SIMD backend of deeptune: a packed, register-blocked matrix product (GEMM)
 * written in AssemblyScript, built for plain SIMD128 and for relaxed SIMD, split over worker
 * threads that share one `WebAssembly.Memory`.
 *
 * @example
 * ```ts
 * import { setBackend } from '@deeptune/core';
 * import { createWasmBackend } from '@deeptune/backend-wasm';
 *
 * const backend = await createWasmBackend({ threads: 2 });
 * setBackend(backend);
 * console.log(backend.description); // 'WebAssembly SIMD128, 2 threads'
 * ```
 *
 * @packageDocumentation
 */
export { WasmGemm } from './wasm-gemm.js';
export type { GemmArray, WasmGemmOptions } from './wasm-gemm.js';
export type { GemmKernelExports } from './gemm-kernel-exports.js';
export { WasmSimdUnsupportedError } from './wasm-simd-unsupported-error.js';
export type { WasmFeatureRequest, WasmGemmFeatures } from './wasm-simd-unsupported-error.js';
export { createWasmBackend, createWasmBackendSync } from './wasm-backend.js';
export type { WasmBackend, WasmBackendOptions } from './wasm-backend.js';
export { wasmBackend } from './wasm-backend-factory.js';
export { wasmBackendSchema } from './wasm-backend-schema.js';
export { wasmBackendPlugin, plugin, register } from './plugin.js';
