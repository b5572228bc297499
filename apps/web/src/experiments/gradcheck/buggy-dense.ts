import {
  Module,
  customOp,
  resolveActivation,
  type ActivationFunction,
  type Dense,
  type Tensor,
} from 'deeptune';

/**
 * A Dense layer with a classic bug in its hand-written backward pass: the forward pass is
 * exactly Dense's, `g(X·W + b)`, but the backward rule divides dW and db by the batch size m
 * a second time — the course's `dW = (1/m)·dZ·Aᵀ` applied to a dZ that the averaged cost has
 * already divided by m. ∂J/∂X is right, so the layers below receive the correct gradient and
 * only this layer's parameters are wrong.
 *
 * Built with `customOp` (the library's hand-written-backward op) from a clean `Dense`, whose
 * weights it copies, so the two compute the same outputs bit for bit.
 */
export class BuggyDense extends Module {
  /** @inheritDoc */
  readonly typeName = 'BuggyDense';
  /** The weights W, `[inputs, units]`, a copy of the clean layer's. */
  readonly weight: Tensor;
  /** The bias b, `[units]`, a copy of the clean layer's. */
  readonly bias: Tensor;
  readonly #activation: string;
  readonly #apply: ActivationFunction;

  /** @param clean - the Dense layer to copy (it must have a bias). */
  constructor(clean: Dense) {
    super();
    if (clean.bias === null) throw new Error('BuggyDense: the clean layer needs a bias.');
    this.#activation = clean.activation;
    this.#apply = resolveActivation(clean.activation, { where: 'BuggyDense' });
    this.weight = this.registerParameter('weight', clean.weight.detach().clone(), 'weight');
    this.bias = this.registerParameter('bias', clean.bias.detach().clone(), 'bias');
  }

  /** @inheritDoc */
  protected call(input: Tensor): Tensor {
    const z = customOp({
      name: 'buggyAffine',
      inputs: [input, this.weight, this.bias],
      forward: ([x, w, b]) => x!.matmul(w!).add(b!),
      backward: (dz, [x, w]) => {
        const m = x!.shape[0]!;
        return [
          dz.matmul(w!, { transposeB: true }),
          // The bug: dz already carries the cost's 1/m.
          x!.matmul(dz, { transposeA: true }).mul(1 / m),
          dz.sum(0).mul(1 / m),
        ];
      },
    });
    return this.#apply(z);
  }

  /** The sizes and activation, with the bug named: `'5 → 3, tanh, buggy backward'`. */
  override describe(): string {
    return `${this.weight.shape[0]} → ${this.weight.shape[1]}, ${this.#activation}, buggy backward`;
  }
}
