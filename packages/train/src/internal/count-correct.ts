import { ShapeError, type Tensor, formatShape } from '@deeptune/core';

/** The predicted class of row `row` of `[m, C]` values: arg-max, or `> 0` for one column. */
function predictedClass(values: ArrayLike<number>, row: number, columns: number): number {
  if (columns === 1) return values[row]! > 0 ? 1 : 0;
  const offset = row * columns;
  let best = 0;
  let bestValue = values[offset]!;
  for (let column = 1; column < columns; column++) {
    const value = values[offset + column]!;
    if (value > bestValue) {
      bestValue = value;
      best = column;
    }
  }
  return best;
}

/**
 * Counts the examples whose predicted class equals the target class.
 *
 * Outputs are `[m, C]`; targets are class indices `[m]`, rows `[m, C]` (arg-max), or 0/1
 * labels `[m, 1]` for a single-logit output (predicted class `output > 0`).
 * @internal
 */
export function countCorrect(where: string, outputs: Tensor, targets: Tensor): number {
  if (outputs.rank !== 2) {
    throw new ShapeError(
      `${where}: accuracy needs outputs [m, classes], got ${formatShape(outputs.shape)}.`,
    );
  }
  const [m, columns] = outputs.shape as [number, number];
  const sameRows = targets.shape[0] === m;
  const indexTargets = targets.rank === 1;
  if (!sameRows || !(indexTargets || (targets.rank === 2 && targets.shape[1] === columns))) {
    throw new ShapeError(
      `${where}: accuracy needs targets [${m}] (class indices) or [${m}, ${columns}] for outputs [${m}, ${columns}], got ${formatShape(targets.shape)}.`,
    );
  }
  const predicted = outputs.data;
  const target = targets.data;
  let correct = 0;
  for (let row = 0; row < m; row++) {
    const want = indexTargets
      ? target[row]!
      : columns === 1
        ? target[row]! >= 0.5
          ? 1
          : 0
        : predictedClass(target, row, columns);
    if (predictedClass(predicted, row, columns) === want) correct++;
  }
  return correct;
}
