import type { Tensor } from '../tensor/tensor.js';
import { ConfigError } from '../errors/config-error.js';
import { noGrad } from '../autograd/grad-mode.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';

/** The definition of a {@link customOp}. */
export interface CustomOpDefinition {
  /** The op's name, used in error messages. */
  readonly name: string;
  /** The tensor inputs. */
  readonly inputs: readonly Tensor[];
  /** Computes the output from the inputs (runs without recording gradients). */
  readonly forward: (inputs: readonly Tensor[]) => Tensor;
  /**
   * Computes one gradient per input (or `null`) from the output gradient; each must have
   * its input's shape.
   */
  readonly backward: (
    gradOutput: Tensor,
    inputs: readonly Tensor[],
    output: Tensor,
  ) => readonly (Tensor | null)[];
}

/**
 * Runs an operation with a hand-written backward rule, like PyTorch's
 * `torch.autograd.Function`: the forward computation is not recorded, and autograd calls
 * your `backward` instead. Check the rule with `gradcheck` from `@deeptune/gradcheck`.
 *
 * @throws {@link ConfigError} when `forward` does not return a tensor.
 * @category Autograd
 *
 * @example
 * ```ts
 * const cube = (x: Tensor) =>
 *   customOp({
 *     name: 'cube',
 *     inputs: [x],
 *     forward: ([v]) => v!.mul(v!).mul(v!),
 *     backward: (dy, [v]) => [dy.mul(v!.square()).mul(3)],
 *   });
 * ```
 */
export function customOp(definition: CustomOpDefinition): Tensor {
  const { name, inputs, forward, backward } = definition;
  inputs.forEach((input, i) => assertTensor(name, `inputs[${i}]`, input));
  const result = noGrad(() => forward(inputs));
  if (typeof result !== 'object' || result === null || !('gradNode' in result)) {
    throw new ConfigError(`${name}: forward must return a Tensor.`);
  }
  const output: Tensor = record(name, result.data, result.shape, inputs, (gradOutput) =>
    backward(gradOutput, inputs, output),
  );
  return output;
}
