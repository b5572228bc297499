import type { Flag } from '../args/flag.js';
import { DATA_FLAGS, NETWORK_FLAGS } from '../setup/model-flags.js';
import { RUN_FLAGS } from '../setup/run-flags.js';
import { OPTIMIZER_FLAGS } from '../setup/training-flags.js';

/** The flags of a trial's training run: those of `deeptune train` but its outputs. */
export const TRIAL_FLAGS: readonly Flag[] = [
  ...DATA_FLAGS,
  ...NETWORK_FLAGS,
  ...OPTIMIZER_FLAGS,
  ...RUN_FLAGS,
];
