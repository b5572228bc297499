/**
 * deeptune in one import: tensors and autograd (`@deeptune/core`), gradient checking
 * (`@deeptune/gradcheck`), layers and losses (`@deeptune/layers`), regularization
 * (`@deeptune/regularization`), batch normalization (`@deeptune/batchnorm`) and optimizers
 * with learning-rate schedules (`@deeptune/optimizers`), data (`@deeptune/data`), training
 * (`@deeptune/train`), hyperparameter search (`@deeptune/tune`) and the WebAssembly SIMD
 * backend (`@deeptune/backend-wasm`), plus {@link createDefaultRegistry}, a registry of every
 * built-in plugin, and {@link useBackend}. Importing it installs the `wasm` backend wherever
 * WebAssembly SIMD runs (the `cpu` backend with a notice elsewhere; on a browser page's main
 * thread, `await useBackend()` does it).
 *
 * Each package curates its own exports; this package re-exports them all. The per-package
 * `plugin` and `register` are available as `plugins` and as this package's `register`.
 *
 * ```ts
 * import { BatchNorm, Dense, Sequential, checkModel, l2, randn, softmaxCrossEntropy, tensor } from 'deeptune';
 *
 * const model = new Sequential([
 *   new Dense({ inputs: 4, units: 8, useBias: false, dtype: 'float64' }),
 *   new BatchNorm({ features: 8, dtype: 'float64' }),
 *   new Dense({ inputs: 8, units: 3, dtype: 'float64' }),
 * ]);
 * const inputs = randn([16, 4], { dtype: 'float64' });
 * const targets = tensor(Array.from({ length: 16 }, (_, i) => i % 3), { dtype: 'float64' });
 * checkModel(model, softmaxCrossEntropy, { inputs, targets }, { regularizers: [l2({ lambda: 0.1 })] }).verdict; // 'great'
 * ```
 *
 * @packageDocumentation
 */
import { installDefaultBackend } from './use-backend.js';

export * from '@deeptune/core';
export * from '@deeptune/gradcheck';
export * from '@deeptune/layers';
export * from '@deeptune/regularization';
export * from '@deeptune/batchnorm';
export * from '@deeptune/optimizers';
export * from '@deeptune/data';
export * from '@deeptune/train';
export * from '@deeptune/tune';
export * from '@deeptune/backend-wasm';
export { createDefaultRegistry, plugins, register, plugin } from './own-exports.js';
export { useBackend, useBackendSync } from './use-backend.js';
export type { BackendName, BackendChoice, UseBackendOptions } from './use-backend.js';

// Importing deeptune installs the fastest backend that runs here: wasm (WebAssembly SIMD,
// split over the machine's cores), or cpu with a one-line notice; DEEPTUNE_BACKEND=cpu|wasm
// chooses in Node; a browser page's main thread stays on cpu until `await useBackend()`.
// This is the package's one side effect (package.json "sideEffects").
installDefaultBackend();
