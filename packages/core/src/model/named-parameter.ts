import type { Tensor } from '../tensor/tensor.js';

/**
 * What a parameter is for, so that regularizers and optimizers can treat kinds of
 * parameters differently without knowing the layers that own them:
 *
 * - `'weight'` — a weight matrix (or kernel); L1/L2 penalties and weight decay apply;
 * - `'bias'` — an additive bias; not penalised;
 * - `'scale'` / `'shift'` — batch-norm γ and β; not penalised;
 * - `'other'` — anything else; not penalised.
 */
export type ParameterRole = 'weight' | 'bias' | 'scale' | 'shift' | 'other';

/** A trainable tensor with its dotted path in a model (`'layers.2.weight'`) and its role. */
export interface NamedParameter {
  /** The dotted path, unique within the model. */
  readonly path: string;
  /** The tensor itself (a leaf with `requiresGrad`). */
  readonly value: Tensor;
  /** What the parameter is for. */
  readonly role: ParameterRole;
}
