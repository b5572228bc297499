import type { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/dtype.js';
import type { Rng } from '../random/rng.js';

/** What an initializer needs to know about the tensor it fills. */
export interface InitializerContext {
  /** The dtype of the tensor to create. */
  readonly dtype: DType;
  /** The generator to draw from. */
  readonly rng: Rng;
  /** The number of inputs of the layer (nIn, the fan-in). */
  readonly fanIn: number;
  /** The number of outputs of the layer (nOut, the fan-out). */
  readonly fanOut: number;
}

/** Creates the initial value of a parameter of the given shape. */
export type Initializer = (shape: readonly number[], context: InitializerContext) => Tensor;
