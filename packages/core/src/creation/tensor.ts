import type { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../errors/shape-error.js';
import { DTypeError } from '../errors/dtype-error.js';
import { ConfigError } from '../errors/config-error.js';
import { dtypeOfStorage, type Storage } from '../tensor/dtype.js';
import { formatShape, shapeSize, type Shape } from '../tensor/shape.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';
import type { NestedArray } from '../tensor/tensor.js';

/** Options of {@link tensor}. */
export interface TensorOptions extends CreationOptions {
  /**
   * The shape, required for flat typed-array input of rank ≠ 1 and checked otherwise.
   * @defaultValue inferred from the nesting, or `[length]` for a typed array
   */
  readonly shape?: Shape;
}

/**
 * Creates a tensor from a number, nested arrays, or a typed array.
 *
 * Nested arrays must be rectangular (every row the same length). Values are copied. A
 * `Float64Array` gives a float64 tensor and a `Float32Array` a float32 one; asking for the
 * other dtype throws instead of converting silently (use `cast`).
 *
 * @throws {@link ShapeError} for ragged arrays or a shape that does not match the values.
 * @throws {@link DTypeError} when `dtype` conflicts with a typed array's type.
 * @throws {@link ConfigError} for non-numeric values.
 * @category Creation
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]); // float32 [2, 3]
 * const w = tensor([0.5, -0.5], { dtype: 'float64', requiresGrad: true });
 * const img = tensor(new Float32Array(784), { shape: [28, 28] });
 * ```
 */
export function tensor(values: NestedArray | Storage, options: TensorOptions = {}): Tensor {
  if (values instanceof Float32Array || values instanceof Float64Array) {
    const ownDType = dtypeOfStorage(values);
    if (options.dtype !== undefined && options.dtype !== ownDType) {
      throw new DTypeError(
        `tensor: a ${values.constructor.name} holds ${ownDType} values but dtype '${options.dtype}' was requested. ` +
          `Hint: create it as ${ownDType} and call .cast('${options.dtype}').`,
      );
    }
    const shape = options.shape ?? [values.length];
    if (shapeSize(shape) !== values.length) {
      throw new ShapeError(
        `tensor: shape ${formatShape(shape)} holds ${shapeSize(shape)} elements but the typed array has ${values.length}.`,
      );
    }
    const { storage } = allocateFor('tensor', shape, { ...options, dtype: ownDType });
    storage.set(values);
    return finish(storage, shape, options);
  }
  const inferred = inferShape(values);
  if (options.shape !== undefined && shapeSize(options.shape) !== shapeSize(inferred)) {
    throw new ShapeError(
      `tensor: shape ${formatShape(options.shape)} does not match the ${shapeSize(inferred)} values given (nested as ${formatShape(inferred)}).`,
    );
  }
  const shape = options.shape ?? inferred;
  const { storage } = allocateFor('tensor', shape, options);
  let offset = 0;
  const stack: NestedArray[] = [values];
  // Flatten depth-first without recursion; rows were validated by inferShape.
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'number') storage[offset++] = item;
    else for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]!);
  }
  return finish(storage, shape, options);
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0]!;
  }
  checkRectangular(values, shape, 0, []);
  return shape;
}

function checkRectangular(
  value: NestedArray,
  shape: number[],
  depth: number,
  path: number[],
): void {
  if (depth === shape.length) {
    if (typeof value !== 'number') {
      const where = path.length > 0 ? ` at [${path.join('][')}]` : '';
      throw new (Array.isArray(value) ? ShapeError : ConfigError)(
        `tensor: expected a number${where}, got ${Array.isArray(value) ? 'an array (ragged nesting)' : typeof value}.`,
      );
    }
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) {
    throw new ShapeError(
      `tensor: ragged array at [${path.join('][')}]: expected ${shape[depth]} entries like the first row, got ${Array.isArray(value) ? value.length : 'a number'}.`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    checkRectangular(value[i]!, shape, depth + 1, path);
    path.pop();
  }
}
