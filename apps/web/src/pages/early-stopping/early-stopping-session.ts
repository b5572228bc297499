import type { EarlyStoppingConfig } from '../../experiments/early-stopping/early-stopping-config.js';
import type { EarlyStoppingSnapshot } from '../../experiments/early-stopping/early-stopping-job.js';
import { HistorySession, type HistorySessionCallbacks } from '../shared/history-session.js';

/** Every epoch of an early-stopping run so far. */
export interface EarlyStoppingHistory {
  /** Epochs, from 0. */
  readonly epochs: number[];
  /** Training cost J. */
  readonly cost: number[];
  /** Dev cost. */
  readonly devCost: number[];
  /** Training error. */
  readonly trainError: number[];
  /** Dev error. */
  readonly devError: number[];
}

/** Options of {@link EarlyStoppingSession}. */
export type EarlyStoppingSessionOptions = HistorySessionCallbacks<
  EarlyStoppingSnapshot,
  EarlyStoppingHistory
>;

/** One early-stopping run in its own Web Worker, with every epoch's numbers collected. */
export class EarlyStoppingSession extends HistorySession<
  EarlyStoppingConfig,
  EarlyStoppingSnapshot,
  EarlyStoppingHistory
> {
  constructor(options: EarlyStoppingSessionOptions) {
    super({
      ...options,
      createWorker: () =>
        new Worker(
          new URL('../../experiments/early-stopping/early-stopping-worker.ts', import.meta.url),
          { type: 'module', name: 'deeptune-early-stopping' },
        ),
      emptyHistory: () => ({ epochs: [], cost: [], devCost: [], trainError: [], devError: [] }),
      record: (snapshot, history) => {
        for (const point of snapshot.points) {
          history.epochs.push(point.epoch);
          history.cost.push(point.cost);
          history.devCost.push(point.devCost);
          history.trainError.push(point.trainError);
          history.devError.push(point.devError);
        }
      },
    });
  }
}
