/**
 * The serialised form of a fitted {@link Standardizer}: plain JSON that travels with a
 * saved model, so inputs at prediction time are normalised with the training statistics.
 *
 * @category Normalization
 */
export interface StandardizerJSON {
  /** Always `'standardizer'`. */
  readonly type: 'standardizer';
  /** The format version; currently 1. */
  readonly version: 1;
  /** The shape of one example, e.g. `[784]` or `[28, 28]`. */
  readonly featureShape: readonly number[];
  /** The per-feature training means μ, row-major over `featureShape`. */
  readonly mean: readonly number[];
  /** The per-feature training variances σ² (1/m), row-major over `featureShape`; each ≥ 0. */
  readonly variance: readonly number[];
}
