import { DataFormatError, type Tensor } from '@deeptune/core';

/** Names where a non-finite element sits: `example 17, feature 3` or `example 4`. */
function position(tensor: Tensor, index: number, featureWord: string): string {
  const perExample = tensor.size / tensor.shape[0]!;
  const example = Math.floor(index / perExample);
  return tensor.rank === 1
    ? `example ${example}`
    : `example ${example}, ${featureWord} ${index % perExample}`;
}

/**
 * Throws a `DataFormatError` when a dataset tensor (`[m, …]` inputs or targets) holds NaN or
 * ±Infinity, naming the set, the example and the feature, so that bad data is told apart
 * from a diverging training run. One pass over the elements; nothing is allocated unless a
 * value is bad.
 * @internal
 */
export function checkFiniteData(
  where: string,
  set: string,
  what: 'inputs' | 'targets',
  tensor: Tensor,
): void {
  const data = tensor.data;
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i]!)) continue;
    const at = position(tensor, i, what === 'inputs' ? 'feature' : 'column');
    throw new DataFormatError(
      `${where}: the ${set} ${what} hold ${data[i]} at ${at}; the data, not the training, is at fault. ` +
        'Hint: find where the value comes from (a missing value, a division by zero, an overflowing number) and fix or drop that example before training; ' +
        'a Standardizer fitted on such data would spread it further.',
    );
  }
}
