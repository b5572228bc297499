import type { GradientTransform, TransformStep } from './gradient-transform.js';

/**
 * Decoupled weight decay: shrinks every parameter by its group's λ, scaled by the step's
 * learning rate, in place (AdamW's decay, PyTorch's semantics).
 *
 * Every optimizer's default chain has it just before the update rule; the default parameter
 * groups give biases and batch-norm γ/β λ = 0, so only weights decay.
 *
 * @remarks
 * ```text
 * for each parameter W of group g:   if α_g·λ_g ≠ 0:   W ← W·(1 − α_g·λ_g)
 * ```
 * It reads α_g from the group's `hp.learningRate`, so it must come after the
 * `'learning-rate'` transform.
 * @see https://arxiv.org/abs/1711.05101 (decoupled weight decay, Loshchilov & Hutter)
 *
 * @returns a stateless transform named `'weight-decay'`.
 *
 * @example
 * ```ts
 * // decay after the rule instead of before it (optax's add_decayed_weights order differs too)
 * const optimizer = adamw().withTransforms(([learningRate, weightDecay, rule]) => [
 *   learningRate!,
 *   rule!,
 *   weightDecay!,
 * ]);
 * decoupledWeightDecay().name; // 'weight-decay'
 * ```
 * @category Optimizers/Transforms
 */
export function decoupledWeightDecay(): GradientTransform {
  return Object.freeze({
    name: 'weight-decay',
    update({ parameters }: TransformStep): void {
      for (let k = 0; k < parameters.length; k++) {
        const parameter = parameters[k]!;
        const hp = parameter.hp;
        const decay = hp.learningRate * hp.weightDecay;
        if (decay === 0) continue;
        const factor = 1 - decay;
        const param = parameter.param;
        for (let i = 0; i < param.length; i++) param[i] = param[i]! * factor;
      }
    },
  });
}
