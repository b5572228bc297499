import type { DType } from '../tensor/dtype.js';

/** Options shared by the functions that create tensors. */
export interface CreationOptions {
  /**
   * The element type.
   * @defaultValue 'float32'
   */
  readonly dtype?: DType;
  /**
   * Whether the new tensor is a leaf that gradients flow to (a parameter).
   * @defaultValue false
   */
  readonly requiresGrad?: boolean;
}
