import { ConfigError, DTypeError, ShapeError, isTensor, type Tensor } from '@deeptune/core';

/**
 * `[2, 3]` for a shape.
 * @internal
 */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Throws a `ConfigError` unless `value` is a Tensor.
 * @internal
 */
export function assertTensorArgument(
  where: string,
  name: string,
  value: unknown,
): asserts value is Tensor {
  if (!isTensor(value)) {
    throw new ConfigError(
      `${where}: '${name}' must be a Tensor, got ${value === null ? 'null' : typeof value}.`,
    );
  }
}

/**
 * Throws unless `outputs` and `targets` have exactly the same shape (no broadcasting: a
 * `[m]` target against `[m, 1]` outputs would silently broadcast to `[m, m]`) and dtype.
 * @internal
 */
export function assertSameShapeAndDType(
  where: string,
  outputsName: string,
  outputs: Tensor,
  targets: Tensor,
): void {
  const same =
    outputs.rank === targets.rank && outputs.shape.every((size, i) => size === targets.shape[i]);
  if (!same) {
    const column =
      outputs.rank === 2 && outputs.shape[1] === 1 && targets.rank === 1
        ? ` Hint: reshape the targets to [${targets.shape[0]}, 1].`
        : '';
    throw new ShapeError(
      `${where}: targets ${shapeText(targets.shape)} do not match ${outputsName} ${shapeText(outputs.shape)}; expected the same shape (no broadcasting).${column}`,
    );
  }
  if (outputs.size === 0) {
    throw new ShapeError(
      `${where}: ${outputsName} ${shapeText(outputs.shape)} are empty; the mean of no elements is undefined.`,
    );
  }
  if (outputs.dtype !== targets.dtype) {
    throw new DTypeError(
      `${where}: ${outputsName} are ${outputs.dtype} but targets are ${targets.dtype}. ` +
        `Hint: convert the targets with targets.cast('${outputs.dtype}').`,
    );
  }
}

/**
 * Throws a ConfigError naming the first element of `values` outside [0, 1] (NaN included),
 * e.g. `binaryCrossEntropy: targets element 3 is 2; targets must be probabilities in [0, 1].`
 * @internal
 */
export function assertUnitInterval(
  where: string,
  name: string,
  values: Tensor,
  requirement: string,
  hint: string,
): void {
  for (let i = 0; i < values.size; i++) {
    const value = values.data[i]!;
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigError(
        `${where}: ${name} element ${i} is ${value}; ${requirement}. Hint: ${hint}`,
      );
    }
  }
}

/**
 * Throws a ConfigError naming the first target outside [0, 1] (NaN included): the targets of
 * the binary cross-entropy losses are probabilities, labels 0 and 1 in the usual case.
 * @internal
 */
export function assertBinaryTargets(where: string, targets: Tensor): void {
  assertUnitInterval(
    where,
    'targets',
    targets,
    'targets must be probabilities in [0, 1]',
    'labels are 0 and 1 (not −1 and 1).',
  );
}
