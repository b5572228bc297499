import { definePlugin, definePluginPackage } from '@deeptune/core';
import { wasmBackend } from './wasm-backend-factory.js';
import { wasmBackendSchema } from './wasm-backend-schema.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'backend/wasm': typeof wasmBackendPlugin;
  }
}

/**
 * The `wasm` backend as a registry entry: `registry.create('backend', 'wasm', { threads: 2 })`
 * runs {@link wasmBackend} (synchronously: Node and workers).
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * setBackend(registry.create('backend', 'wasm', { threads: 1 }));
 * ```
 */
export const wasmBackendPlugin = definePlugin({
  kind: 'backend',
  name: 'wasm',
  description:
    'WebAssembly SIMD matrix products (a packed GEMM written in AssemblyScript) split over worker threads; every other kernel on cpu.',
  options: wasmBackendSchema,
  create: (options) => wasmBackend(options),
});

/** The plugins of `@deeptune/backend-wasm`: the `wasm` backend. */
export const plugin = definePluginPackage({
  name: '@deeptune/backend-wasm',
  entries: [wasmBackendPlugin],
});

/**
 * Adds the plugins of `@deeptune/backend-wasm` to a registry.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry); // the same as registry.use(plugin)
 * setBackend(registry.create('backend', 'wasm'));
 * ```
 */
export const register = plugin.register;
