/** The activations the signal-propagation experiment offers. */
export const SIGNAL_ACTIVATIONS = ['relu', 'tanh'] as const;

/** An activation of the deep network: `'relu'` or `'tanh'`. */
export type SignalActivation = (typeof SIGNAL_ACTIVATIONS)[number];

/**
 * How the weights are initialised: He N(0, 2/nIn), Xavier N(0, 1/nIn), or the activation's
 * proper one (He for ReLU, Xavier for tanh) with its standard deviation multiplied (`large`) or
 * divided (`small`) by a factor.
 */
export const SIGNAL_INITIALIZATIONS = ['he', 'xavier', 'large', 'small'] as const;

/** One of {@link SIGNAL_INITIALIZATIONS}. */
export type SignalInitialization = (typeof SIGNAL_INITIALIZATIONS)[number];

/** A deep network and a batch whose forward and backward signal are measured. */
export interface SignalConfig {
  /** The number of Dense layers. */
  readonly depth: number;
  /** The units of every layer (and the input's features). */
  readonly width: number;
  /** The activation of every layer. */
  readonly activation: SignalActivation;
  /** How the weights are initialised. */
  readonly initialization: SignalInitialization;
  /** The factor of `large` (× factor) and `small` (÷ factor) on the weights' std. */
  readonly factor: number;
  /** The examples of the seeded N(0, 1) input batch. */
  readonly batch: number;
  /** Seeds the weights and the batch. */
  readonly seed: number;
  /** The growth factor beyond which the library calls the signal exploding or vanishing. */
  readonly growthLimit: number;
}
