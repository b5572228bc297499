/**
 * Regularization for deeptune: the L2 ("weight decay") and L1 penalties, inverted
 * dropout with a per-layer `keepProb`, and data augmentation for image batches — the
 * remedies for high variance (overfitting) from the course — and early stopping, a
 * `Callback` that `fit` from `@deeptune/train` runs.
 *
 * ```ts
 * import { computeCost, randn, Rng, tensor } from '@deeptune/core';
 * import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
 * import {
 *   composeAugmentations,
 *   Dropout,
 *   horizontalFlip,
 *   l2,
 *   randomShift,
 * } from '@deeptune/regularization';
 *
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, activation: 'relu', rng }),
 *   new Dropout({ keepProb: 0.8, rng: rng.split() }), // inverted dropout while training
 *   new Dense({ inputs: 128, units: 10, rng }),
 * ]);
 * const augment = composeAugmentations([
 *   randomShift({ maxShift: 2, height: 28, width: 28 }),
 *   horizontalFlip({ probability: 0.5, height: 28, width: 28 }),
 * ]);
 * const images = randn([32, 784], { rng }); // a mini-batch of 28×28 images, flattened
 * const labels = tensor(Array.from({ length: 32 }, (_, i) => i % 10));
 *
 * const { cost, data, regularization } = computeCost({
 *   model,
 *   loss: softmaxCrossEntropy,
 *   regularizers: [l2({ lambda: 0.7 })], // + (λ/2m)·Σ‖W‖²
 *   inputs: augment(images, rng),
 *   targets: labels,
 * });
 * cost.backward(); // J = data + regularization; dW includes (λ/m)·W
 * ```
 *
 * @packageDocumentation
 */

// Penalties
export { l2, l2Plugin } from './regularizers/l2.js';
export type { L2Options } from './regularizers/l2.js';
export { l1, l1Plugin } from './regularizers/l1.js';
export type { L1Options } from './regularizers/l1.js';

// Dropout
export { Dropout, dropoutPlugin } from './dropout/dropout.js';
export type { DropoutOptions } from './dropout/dropout.js';
export { withDropout } from './dropout/with-dropout.js';
export type { WithDropoutOptions } from './dropout/with-dropout.js';

// Data augmentation
export type { ImageSizeOptions } from './augmentation/image-size-options.js';
export { horizontalFlip, horizontalFlipPlugin } from './augmentation/horizontal-flip.js';
export type { HorizontalFlipOptions } from './augmentation/horizontal-flip.js';
export { randomShift, randomShiftPlugin } from './augmentation/random-shift.js';
export type { RandomShiftOptions } from './augmentation/random-shift.js';
export { randomRotation, randomRotationPlugin } from './augmentation/random-rotation.js';
export type { RandomRotationOptions } from './augmentation/random-rotation.js';
export { gaussianNoise, gaussianNoisePlugin } from './augmentation/gaussian-noise.js';
export type { GaussianNoiseOptions } from './augmentation/gaussian-noise.js';
export { composeAugmentations } from './augmentation/compose-augmentations.js';

// Early stopping
export { earlyStopping, earlyStoppingPlugin } from './callbacks/early-stopping.js';
export type { EarlyStopping, EarlyStoppingOptions } from './callbacks/early-stopping.js';

// This package's plugins
export { plugin, register } from './plugin.js';
