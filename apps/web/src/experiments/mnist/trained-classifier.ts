import { buildModel, createDefaultRegistry, tensor, type Registry, type Tensor } from 'deeptune';
import type { DigitClassifier } from './digit-predict.js';
import type { ModelState } from './mnist-job.js';

let registry: Registry | null = null;

/** The network of a training snapshot, rebuilt on the page for the drawing pad. */
export function trainedClassifier(state: ModelState): DigitClassifier {
  registry ??= createDefaultRegistry();
  const model = buildModel(state.architecture, { registry });
  const tensors: Record<string, Tensor> = {};
  for (const [path, values] of Object.entries(state.tensors)) {
    tensors[path] = tensor(values, { shape: [...state.shapes[path]!] });
  }
  model.loadStateDict(tensors, { strict: true });
  return { model, dtype: 'float32', standardizer: null, scaled: true };
}
