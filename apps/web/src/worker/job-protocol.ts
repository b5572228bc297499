/** A message from the page to a job worker. */
export type JobCommand<Config> =
  | {
      /** Start a new run (replacing the current one) and report its initial snapshot. */
      readonly type: 'start';
      /** Tags the run's snapshots so late ones of an earlier run are ignored. */
      readonly runId: number;
      /** The job's config. */
      readonly config: Config;
      /** Keep stepping after the initial snapshot. */
      readonly play: boolean;
    }
  | {
      /** Keep stepping until paused or done. */
      readonly type: 'play';
    }
  | {
      /** Stop after the current step. */
      readonly type: 'pause';
    }
  | {
      /** Take one step (when not already stepping). */
      readonly type: 'step';
    };

/** A message from a job worker to the page. */
export type JobReport<Snapshot> =
  | {
      /** A new snapshot of the run. */
      readonly type: 'snapshot';
      /** The run it belongs to. */
      readonly runId: number;
      /** The snapshot. */
      readonly snapshot: Snapshot;
      /** No step is left. */
      readonly done: boolean;
      /** The worker keeps stepping. */
      readonly playing: boolean;
      /** The worker's compute backend, e.g. `'wasm (WebAssembly SIMD128, 2 threads)'`. */
      readonly backend: string;
    }
  | {
      /** The run failed; `message` says why (the library's own error message). */
      readonly type: 'error';
      /** The run it belongs to. */
      readonly runId: number;
      /** The message. */
      readonly message: string;
    };
