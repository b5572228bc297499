import { ConfigError, type Tensor, formatShape } from '@deeptune/core';
import { toClassIndices } from '../dataset/to-class-indices.js';

/**
 * The class index of each example, from `[m]` class-index targets or `[m, k]` one-hot rows
 * (validated as one-hot), for stratification.
 * @internal
 */
export function classLabels(where: string, targets: Tensor): Int32Array {
  if (targets.rank === 2 && targets.shape[1]! < 1) {
    throw new ConfigError(
      `${where}: stratify needs class-index [m] or one-hot [m, k] targets, got ${formatShape(targets.shape)}.`,
    );
  }
  const indices = targets.rank === 1 ? targets : toClassIndices(targets);
  return Int32Array.from(indices.data);
}
