import { Tensor } from '../../tensor/tensor.js';
import type { Storage } from '../../tensor/dtype.js';
import type { Shape } from '../../tensor/shape.js';
import { isGradEnabled } from '../../autograd/grad-mode.js';

/**
 * Wraps an op's output storage in a tensor and, when gradients are being recorded and an
 * input requires one, attaches the backward rule to it.
 *
 * `backward` is called only during `backward()`, with the gradient of the output; it
 * returns one gradient per input (or `null` for inputs that do not require one) and must
 * be written with public ops so every backend gets autograd for free.
 *
 * @internal
 */
export function record(
  op: string,
  storage: Storage,
  shape: Shape,
  inputs: readonly Tensor[],
  backward: (gradOutput: Tensor) => readonly (Tensor | null)[],
): Tensor {
  const output = new Tensor(storage, shape);
  if (isGradEnabled()) {
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i]!.requiresGrad) {
        output.gradNode = { op, inputs, backward };
        output.requiresGrad = true;
        break;
      }
    }
  }
  return output;
}
