/**
 * The Node-only part of `@deeptune/train`: saving and loading model directories and the
 * `checkpoint` callback, which need the file system.
 *
 * ```ts
 * import { checkSaveTarget, loadModel, saveModel } from '@deeptune/train/node';
 *
 * await checkSaveTarget('models/mnist'); // refuses a path that is not a model, before training
 * await saveModel('models/mnist', { model, metrics: { devAccuracy: 0.95 } });
 * const { model: restored } = await loadModel('models/mnist', { registry });
 * ```
 *
 * @packageDocumentation
 */

export { saveModel } from './save-model.js';
export { checkSaveTarget } from './check-save-target.js';
export type { SaveModelOptions } from './save-model.js';
export { loadModel } from './load-model.js';
export type { LoadModelOptions, LoadedModel } from './load-model.js';
export { checkpoint, checkpointPlugin } from './checkpoint.js';
export type { CheckpointOptions } from './checkpoint.js';
export { nodePlugin } from './plugin.js';
