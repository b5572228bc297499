import { evaluate, softmaxCrossEntropy, type Dataset, type Model } from 'deeptune';

/** The cost and metrics of one set, as `metrics.json` and `--json` report them. */
export interface SetResult {
  /** The mean softmax cross-entropy (no penalties). */
  readonly cost: number;
  /** The fraction of examples classified correctly. */
  readonly accuracy: number;
  /** 1 − accuracy. */
  readonly errorRate: number;
  /** The number of examples m. */
  readonly examples: number;
}

/**
 * Evaluates a classifier on a set in inference mode: softmax cross-entropy cost, accuracy and
 * error rate.
 *
 * @param model - the model (it outputs logits).
 * @param data - the examples, normalized as the model expects.
 */
export function measureSet(model: Model, data: Dataset): SetResult {
  const result = evaluate(model, data, {
    loss: softmaxCrossEntropy,
    metrics: ['accuracy', 'error-rate'],
  });
  return {
    cost: result.cost,
    accuracy: result.metrics.accuracy!,
    errorRate: result.metrics['error-rate']!,
    examples: data.size,
  };
}
