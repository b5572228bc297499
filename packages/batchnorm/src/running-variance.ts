/**
 * The values of {@link RunningVariance}: `'unbiased'` and `'biased'`, in that order (the
 * first is the default).
 *
 * @example
 * ```ts
 * RUNNING_VARIANCES.includes('biased'); // true
 * ```
 */
export const RUNNING_VARIANCES = ['unbiased', 'biased'] as const;

/**
 * Which batch variance a {@link BatchNorm}'s running variance averages (the batch itself is
 * always normalised with the biased, 1/m, variance σ²):
 *
 * - `'unbiased'`: σ² · m / (m − 1), as PyTorch's `BatchNorm1d` and the paper's inference
 *   step (the default);
 * - `'biased'`: σ² itself, as the course and Keras's `BatchNormalization` do.
 *
 * @example
 * ```ts
 * const variance: RunningVariance = 'biased';
 * new BatchNorm({ features: 128, runningVariance: variance });
 * ```
 */
export type RunningVariance = (typeof RUNNING_VARIANCES)[number];
