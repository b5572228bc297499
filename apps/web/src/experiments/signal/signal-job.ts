import type { SteppedJob } from '../../worker/stepped-job.js';
import type { SignalConfig } from './signal-config.js';
import { measureSignal, type SignalMeasurement } from './signal-measurement.js';
import { properInitialization } from './signal-initializer.js';

/** What the signal job reports: the chosen initialisation and the activation's proper one. */
export interface SignalSnapshot {
  /** The measurement of the configured network. */
  readonly measured: SignalMeasurement;
  /** The same network and batch with the proper initialisation (He for ReLU, Xavier for tanh). */
  readonly reference: SignalMeasurement;
}

/** Measures the configured network and, when it differs, the properly initialised one. */
export function measureSignalWithReference(config: SignalConfig): SignalSnapshot {
  const measured = measureSignal(config);
  const proper = properInitialization(config.activation);
  const reference =
    config.initialization === proper
      ? measured
      : measureSignal({ ...config, initialization: proper });
  return { measured, reference };
}

/**
 * The measurement as a one-shot job: `initial()` computes it (in the page's worker), and the
 * job is done at once.
 */
export function createSignalJob(config: SignalConfig): SteppedJob<SignalSnapshot> {
  let snapshot: SignalSnapshot | null = null;
  const measure = (): SignalSnapshot => {
    snapshot ??= measureSignalWithReference(config);
    return snapshot;
  };
  return {
    initial: measure,
    step: () => Promise.resolve(measure()),
    done: true,
  };
}
