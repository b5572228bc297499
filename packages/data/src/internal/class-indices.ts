import { DataFormatError, type Tensor } from '@deeptune/core';

/**
 * Throws a `DataFormatError` unless every value of `labels` is an integer in
 * `[0, classes)` (or `>= 0` when `classes` is undefined); returns the largest label + 1
 * (0 for no labels).
 * @internal
 */
export function checkClassIndices(
  where: string,
  name: string,
  labels: Tensor,
  classes?: number,
): number {
  const data = labels.data;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (!Number.isInteger(value) || value < 0 || (classes !== undefined && value >= classes)) {
      const expected = classes === undefined ? 'an integer >= 0' : `an integer in [0, ${classes})`;
      throw new DataFormatError(
        `${where}: ${name}[${i}] is ${value}, but a class index must be ${expected}. ` +
          'Hint: class-index targets have shape [m]; real-valued or one-hot targets use [m, k].',
      );
    }
    if (value + 1 > count) count = value + 1;
  }
  return count;
}
