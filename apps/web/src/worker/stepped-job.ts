/**
 * An experiment that advances in fixed units (e.g. five epochs) and reports a snapshot after
 * each. The unit is fixed by the job's config, so playing, pausing and single-stepping give
 * the same numbers: a seeded job is reproducible whatever the user clicks.
 *
 * Jobs are plain modules with no DOM: the same job runs in the page's Web Worker and in Node
 * (the tests compare the two).
 */
export interface SteppedJob<Snapshot> {
  /** The snapshot before the first step (the seeded initialisation). */
  initial(): Snapshot;
  /** Advances one unit; stops early (resolving with the last snapshot) when `signal` aborts. */
  step(signal: AbortSignal): Promise<Snapshot>;
  /** `true` when no step is left (the budget is spent or training diverged). */
  readonly done: boolean;
}

/** Creates a job from its config (a structured-cloneable object). */
export type JobFactory<Config, Snapshot> = (config: Config) => SteppedJob<Snapshot>;
