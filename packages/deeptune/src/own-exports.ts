/**
 * What the `deeptune` package adds on top of the libraries it re-exports (whose references
 * live in their own packages' docs: `@deeptune/core`, `@deeptune/gradcheck`,
 * `@deeptune/layers`, `@deeptune/regularization`, `@deeptune/batchnorm`,
 * `@deeptune/optimizers`).
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export { createDefaultRegistry, plugins, register } from './create-default-registry.js';
export { plugin } from './plugin.js';
