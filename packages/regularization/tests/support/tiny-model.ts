import { randn, type ForwardMode, type Rng, type Tensor } from '@deeptune/core';
import { Module } from '@deeptune/layers';

/**
 * A small float64 network with every parameter role: z = (tanh(x·W1 + b1) ⊙ γ)·W2 + b2,
 * where γ (role 'scale') stands in for batch norm's scale.
 */
export class TinyNet extends Module {
  readonly typeName = 'TinyNet';
  readonly w1: Tensor;
  readonly b1: Tensor;
  readonly gamma: Tensor;
  readonly w2: Tensor;
  readonly b2: Tensor;

  constructor(rng: Rng, inputs = 3, hidden = 4, outputs = 2) {
    super();
    const options = { rng, dtype: 'float64' as const };
    this.w1 = this.registerParameter('w1', randn([inputs, hidden], options), 'weight');
    this.b1 = this.registerParameter('b1', randn([hidden], options), 'bias');
    this.gamma = this.registerParameter('gamma', randn([hidden], options), 'scale');
    this.w2 = this.registerParameter('w2', randn([hidden, outputs], options), 'weight');
    this.b2 = this.registerParameter('b2', randn([outputs], options), 'bias');
  }

  /** The parameters by name, for `gradcheck`. */
  get parameterRecord(): Record<string, Tensor> {
    return { w1: this.w1, b1: this.b1, gamma: this.gamma, w2: this.w2, b2: this.b2 };
  }

  protected call(input: Tensor, _mode: ForwardMode): Tensor {
    return input.matmul(this.w1).add(this.b1).tanh().mul(this.gamma).matmul(this.w2).add(this.b2);
  }
}
