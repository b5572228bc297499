import { INFERENCE_MODE, noGrad, type Loss, type Model } from '@deeptune/core';
import type { Dataset } from '@deeptune/data';
import type { MetricName } from '../metrics/metric-name.js';
import { countCorrect } from './count-correct.js';

/**
 * The data cost and metrics of a model on a whole dataset.
 * @internal
 */
export interface Evaluation {
  readonly dataCost: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Runs the model over `data` in inference mode without recording gradients, in row blocks
 * of `batchSize`, and averages the loss (weighted by block size) and the metrics.
 * @internal
 */
export function evaluateBatches(
  where: string,
  model: Model,
  data: Dataset,
  loss: Loss,
  metrics: readonly MetricName[],
  batchSize: number,
): Evaluation {
  const needsAccuracy = metrics.includes('accuracy') || metrics.includes('error-rate');
  return noGrad(() => {
    const m = data.size;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < m; start += batchSize) {
      const size = Math.min(batchSize, m - start);
      const inputs = data.inputs.slice(start, size);
      const targets = data.targets.slice(start, size);
      const outputs = model.forward(inputs, INFERENCE_MODE);
      lossSum += loss(outputs, targets).item() * size;
      if (needsAccuracy) correct += countCorrect(where, outputs, targets);
    }
    const dataCost = lossSum / m;
    const values: Record<string, number> = {};
    for (const metric of metrics) {
      if (metric === 'accuracy') values[metric] = correct / m;
      else if (metric === 'error-rate') values[metric] = (m - correct) / m;
      else values[metric] = dataCost;
    }
    return { dataCost, metrics: values };
  });
}
