import { gather } from '@deeptune/core';
import { dataset, type Dataset } from '../dataset/dataset.js';

/**
 * The examples of `data` at `indices`, in that order, as a new dataset.
 * @internal
 */
export function subset(data: Dataset, indices: Int32Array): Dataset {
  return dataset(gather(data.inputs, indices), gather(data.targets, indices));
}
