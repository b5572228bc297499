import { allocateStateStorage, option, runKernel } from '@deeptune/core';
import type { OptionsOf, Storage, Tensor } from '@deeptune/core';
import { biasCorrection } from '../ewma/bias-correction.js';
import type { UpdateContext } from '../optimizer/update-context.js';

/**
 * Adam's hyperparameters, shared by `adam` and `adamw`.
 * @internal
 */
export const adamHyperparameters = {
  /** Weight β₁ of the first-moment average (momentum). */
  beta1: option.number({
    default: 0.9,
    min: 0,
    exclusiveMax: 1,
    description: 'Weight β₁ of the first-moment average (momentum).',
  }),
  /** Weight β₂ of the second-moment average (RMSprop). */
  beta2: option.number({
    default: 0.999,
    min: 0,
    exclusiveMax: 1,
    description: 'Weight β₂ of the second-moment average (RMSprop).',
  }),
  /** ε added after the square root, as in PyTorch. */
  epsilon: option.number({
    default: 1e-8,
    exclusiveMin: 0,
    description: 'ε added after the square root, as in PyTorch.',
  }),
};

/**
 * Adam's per-parameter state: moments m and v and the parameter's own step count t (a
 * parameter skipped for lack of a gradient does not advance its bias correction, as in
 * PyTorch).
 * @internal
 */
export type AdamState = { m: Storage; v: Storage; t: number };

/**
 * Zero moments for `param`, allocated as optimizer state: a backend that runs the `adam`
 * kernel in its own memory (wasm) keeps them there, so they are not copied on every step.
 * @internal
 */
export function adamInit(param: Tensor): AdamState {
  return {
    m: allocateStateStorage('adam', param.dtype, param.shape),
    v: allocateStateStorage('adam', param.dtype, param.shape),
    t: 0,
  };
}

/**
 * One Adam update: the backend's `adam` kernel, which mirrors the operation order of
 * torch.optim.Adam (single-tensor path).
 * @internal
 */
export function adamUpdate({
  param,
  grad,
  state,
  hp,
}: UpdateContext<OptionsOf<typeof adamHyperparameters>, AdamState>): void {
  const { beta1, beta2, epsilon } = hp;
  const t = state.t + 1;
  state.t = t;
  // m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ);  W ← W − α·m̂/(√v̂ + ε)
  runKernel('adam', {
    param,
    grad,
    m: state.m,
    v: state.v,
    beta1,
    beta2,
    epsilon,
    stepSize: hp.learningRate / biasCorrection(beta1, t),
    correction2Sqrt: Math.sqrt(biasCorrection(beta2, t)),
  });
}
