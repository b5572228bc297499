import type { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../errors/shape-error.js';
import { DTypeError } from '../errors/dtype-error.js';
import { ConfigError } from '../errors/config-error.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { noGrad } from './grad-mode.js';
import { add } from '../ops/add.js';
import { ones } from '../creation/ones.js';

/**
 * Orders the recorded graph below `root` so that every tensor comes after all tensors
 * computed from it (reverse topological order), with an explicit stack instead of
 * recursion so that deep graphs cannot overflow the call stack.
 */
function reverseTopologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: { tensor: Tensor; nextInput: number }[] = [{ tensor: root, nextInput: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const inputs = frame.tensor.gradNode?.inputs ?? [];
    if (frame.nextInput < inputs.length) {
      const input = inputs[frame.nextInput++]!;
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push({ tensor: input, nextInput: 0 });
      }
    } else {
      order.push(frame.tensor);
      stack.pop();
    }
  }
  return order.reverse();
}

/**
 * Computes the gradient of `root` with respect to every tensor in its recorded graph.
 *
 * Returns a map from tensor to gradient for every leaf and every tensor in `retain`. Gradients from several
 * paths (fan-out) are summed. Each gradient a backward rule produces is checked against the
 * shape of its input, and a mismatch is reported with the operation's name.
 *
 * @internal
 */
export function computeGradients(
  root: Tensor,
  gradient?: Tensor,
  retain: ReadonlySet<Tensor> = new Set(),
): Map<Tensor, Tensor> {
  if (!root.requiresGrad) {
    throw new ConfigError(
      'backward: the tensor does not require gradients, so there is nothing to differentiate. ' +
        'Hint: set requiresGrad = true on the parameters before computing the loss, and do not compute it inside noGrad().',
    );
  }
  let seed: Tensor;
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new ShapeError(
        `backward: the output has shape ${formatShape(root.shape)}; without an explicit gradient it must have exactly one element. ` +
          'Hint: reduce it first (e.g. loss.mean()) or pass backward(gradient).',
      );
    }
    seed = ones(root.shape, { dtype: root.dtype });
  } else {
    if (!shapesEqual(gradient.shape, root.shape)) {
      throw new ShapeError(
        `backward: gradient shape ${formatShape(gradient.shape)} differs from the output shape ${formatShape(root.shape)}.`,
      );
    }
    if (gradient.dtype !== root.dtype) {
      throw new DTypeError(
        `backward: gradient dtype ${gradient.dtype} differs from the output dtype ${root.dtype}.`,
      );
    }
    seed = gradient;
  }

  return noGrad(() => {
    const gradients = new Map<Tensor, Tensor>([[root, seed]]);
    for (const tensor of reverseTopologicalOrder(root)) {
      const node = tensor.gradNode;
      const gradOutput = gradients.get(tensor);
      if (node === null || gradOutput === undefined) continue;
      const inputGradients = node.backward(gradOutput);
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i]!;
        const inputGradient = inputGradients[i] ?? null;
        if (inputGradient === null || !input.requiresGrad) continue;
        if (!shapesEqual(inputGradient.shape, input.shape)) {
          throw new ShapeError(
            `backward of '${node.op}': the gradient for input ${i} has shape ${formatShape(inputGradient.shape)}, ` +
              `expected ${formatShape(input.shape)} (the input's shape). This is a bug in the op's backward rule.`,
          );
        }
        const previous = gradients.get(input);
        gradients.set(input, previous === undefined ? inputGradient : add(previous, inputGradient));
      }
      // An intermediate gradient is no longer needed once passed on, unless asked for.
      if (!retain.has(tensor)) gradients.delete(tensor);
    }
    return gradients;
  });
}

/**
 * Back-propagates from `root` and accumulates into the `grad` of every leaf that requires
 * a gradient.
 *
 * @internal Use `tensor.backward()`.
 */
export function backward(root: Tensor, gradient?: Tensor): void {
  const gradients = computeGradients(root, gradient);
  const owned = ownStorage(
    [...gradients.keys()].filter((tensor) => tensor.isLeaf),
    gradients,
    gradient,
  );
  noGrad(() => {
    for (const [tensor, tensorGradient] of owned) {
      tensor.grad = tensor.grad === null ? tensorGradient : add(tensor.grad, tensorGradient);
    }
  });
}

/**
 * Picks the gradients of `targets` so that no two of them (and none of them and the
 * caller's `gradient`) share storage: backward rules may pass one gradient tensor on to
 * several inputs, and an in-place update of one `grad` must never change another.
 *
 * @internal
 */
export function ownStorage(
  targets: readonly Tensor[],
  gradients: ReadonlyMap<Tensor, Tensor>,
  gradient?: Tensor,
): Map<Tensor, Tensor> {
  const seen = new Set<unknown>(gradient === undefined ? [] : [gradient.data]);
  const result = new Map<Tensor, Tensor>();
  for (const target of targets) {
    const targetGradient = gradients.get(target);
    if (targetGradient === undefined) continue;
    const own = seen.has(targetGradient.data) ? targetGradient.clone() : targetGradient;
    seen.add(own.data);
    result.set(target, own);
  }
  return result;
}
