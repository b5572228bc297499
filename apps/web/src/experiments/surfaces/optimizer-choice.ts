import { adam, momentum, rmsprop, sgd, type Optimizer } from 'deeptune';

/** The optimizers that race on the contour plots. */
export const OPTIMIZER_KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;

/** One of {@link OPTIMIZER_KINDS}. */
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

/** The names shown for each optimizer. */
export const OPTIMIZER_LABELS: Readonly<Record<OptimizerKind, string>> = {
  sgd: 'Gradient descent',
  momentum: 'Momentum',
  rmsprop: 'RMSprop',
  adam: 'Adam',
};

/** An optimizer and its hyperparameters (the course's forms). */
export type OptimizerChoice =
  | {
      /** Plain gradient descent, W ← W − α·dW. */
      readonly kind: 'sgd';
      /** α. */
      readonly learningRate: number;
    }
  | {
      /** The course's momentum, v ← β·v + (1 − β)·dW, W ← W − α·v. */
      readonly kind: 'momentum';
      /** α. */
      readonly learningRate: number;
      /** β. */
      readonly beta: number;
    }
  | {
      /** RMSprop, S ← β₂·S + (1 − β₂)·dW², W ← W − α·dW/(√S + ε). */
      readonly kind: 'rmsprop';
      /** α. */
      readonly learningRate: number;
      /** β₂. */
      readonly beta2: number;
    }
  | {
      /** Adam with bias correction. */
      readonly kind: 'adam';
      /** α. */
      readonly learningRate: number;
      /** β₁. */
      readonly beta1: number;
      /** β₂. */
      readonly beta2: number;
    };

/** Creates the deeptune optimizer of a choice (ε = 1e-8 for RMSprop and Adam). */
export function createOptimizer(choice: OptimizerChoice): Optimizer {
  switch (choice.kind) {
    case 'sgd':
      return sgd({ learningRate: choice.learningRate });
    case 'momentum':
      return momentum({ learningRate: choice.learningRate, momentum: choice.beta });
    case 'rmsprop':
      return rmsprop({ learningRate: choice.learningRate, beta2: choice.beta2 });
    case 'adam':
      return adam({
        learningRate: choice.learningRate,
        beta1: choice.beta1,
        beta2: choice.beta2,
      });
  }
}
