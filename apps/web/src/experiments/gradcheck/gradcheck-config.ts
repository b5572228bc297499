/** The activations of the checked network's hidden layers. */
export const GRADCHECK_ACTIVATIONS = ['tanh', 'relu', 'sigmoid'] as const;

/** One of {@link GRADCHECK_ACTIVATIONS}. */
export type GradcheckActivation = (typeof GRADCHECK_ACTIVATIONS)[number];

/** A small float64 classifier, a fixed batch, and optionally a layer with a buggy backward pass. */
export interface GradcheckConfig {
  /** The input features. */
  readonly features: number;
  /** The classes (the output layer's units; softmax cross-entropy). */
  readonly classes: number;
  /** The examples of the fixed batch. */
  readonly examples: number;
  /** The units of each hidden layer. */
  readonly hiddenLayers: readonly number[];
  /** The hidden layers' activation. */
  readonly activation: GradcheckActivation;
  /** The L2 penalty λ (included in the cost and its gradient). */
  readonly lambda: number;
  /**
   * The Dense layer (1-based, the output layer being `hiddenLayers.length + 1`) whose
   * backward pass is wrong, or `null` for a correct network.
   */
  readonly bugLayer: number | null;
  /** Seeds the weights and the batch. */
  readonly seed: number;
}
