import type { BackendName } from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import type { PluginOptionInput } from '../args/plugin-option-input.js';
import type { TrialEpoch, TrialOutcome, TuneObjective } from './run-trial.js';

/** What a trial worker is started with. */
export interface TrialWorkerData {
  /** The `--plugin` modules named on the command line, loaded by every worker. */
  readonly plugins: readonly string[];
  /** The working directory (relative data paths). */
  readonly cwd: string;
  /** What trials are judged on. */
  readonly objective: TuneObjective;
  /** The backend of every trial (`--backend`), or undefined for the default. */
  readonly backend: BackendName | undefined;
  /** Threads per matrix product in each worker: `--threads`, else the cores shared out. */
  readonly threads: number;
}

/** A run's settings in a form `postMessage` copies. */
export interface WireSettings {
  readonly values: readonly (readonly [string, FlagValue])[];
  readonly explicit: readonly string[];
  readonly pluginOptions: readonly (readonly [string, PluginOptionInput])[];
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly type: 'run'; readonly number: number; readonly settings: WireSettings }
  | { readonly type: 'abort'; readonly number: number };

/** Messages from a worker. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly message: string }
  | { readonly type: 'epoch'; readonly number: number; readonly epoch: TrialEpoch }
  | { readonly type: 'done'; readonly number: number; readonly outcome: TrialOutcome }
  | {
      readonly type: 'failed';
      readonly number: number;
      readonly message: string;
      /** `expected`: a deeptune or usage error (bad hyperparameters, divergence); `bug`: anything else. */
      readonly kind: 'expected' | 'bug';
    };
