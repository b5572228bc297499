import type { Distribution } from '../space/distribution.js';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { Direction, TrialRecord, TrialState } from '../study/trial-record.js';

/**
 * How many trials of a study are in each state.
 *
 * @internal
 */
export interface TrialCounts {
  readonly total: number;
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  readonly running: number;
}

/** @internal */
export function countTrials(trials: readonly TrialRecord[]): TrialCounts {
  const count = (state: TrialState): number =>
    trials.filter((trial) => trial.state === state).length;
  return {
    total: trials.length,
    complete: count('complete'),
    pruned: count('pruned'),
    failed: count('failed'),
    running: count('running'),
  };
}

/**
 * The last value a trial reported: its `value`, else its last intermediate value.
 *
 * @internal
 */
export function lastValue(trial: TrialRecord): number | null {
  if (trial.value !== null) return trial.value;
  return trial.intermediate.at(-1)?.value ?? null;
}

function byValue(direction: Direction, a: TrialRecord, b: TrialRecord): number {
  const va = lastValue(a);
  const vb = lastValue(b);
  const finiteA = va !== null && !Number.isNaN(va);
  const finiteB = vb !== null && !Number.isNaN(vb);
  if (finiteA && finiteB && va !== vb) return direction === 'minimize' ? va - vb : vb - va;
  if (finiteA !== finiteB) return finiteA ? -1 : 1;
  return a.number - b.number;
}

const STATE_ORDER: Readonly<Record<TrialState, number>> = {
  complete: 0,
  pruned: 1,
  failed: 2,
  running: 3,
};

/**
 * The trials in leaderboard order: complete ones best-first by the direction (ties by
 * number; a `NaN` value last), then pruned ones by their last value, then failed ones, then
 * running ones, each by number.
 *
 * @internal
 */
export function rankTrials(direction: Direction, trials: readonly TrialRecord[]): TrialRecord[] {
  return [...trials].sort((a, b) => {
    const state = STATE_ORDER[a.state] - STATE_ORDER[b.state];
    if (state !== 0) return state;
    if (a.state === 'complete' || a.state === 'pruned') return byValue(direction, a, b);
    return a.number - b.number;
  });
}

/**
 * The best complete trial with a finite value (the lowest number among ties), or
 * `undefined`: what {@link Study.bestTrial}, the leaderboard and the reports call best.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * const { header, trials } = replayStudy(await storage.load(), storage.description);
 * bestTrial(header!.direction, trials)?.params; // { learningRate: 0.0031, … }
 * ```
 */
export function bestTrial(
  direction: Direction,
  trials: readonly TrialRecord[],
): TrialRecord | undefined {
  const first = rankTrials(direction, trials)[0];
  return first !== undefined &&
    first.state === 'complete' &&
    first.value !== null &&
    Number.isFinite(first.value)
    ? first
    : undefined;
}

/**
 * The hyperparameter names: the declared space's order, then any other name the trials
 * sampled (define-by-run) in order of appearance.
 *
 * @internal
 */
export function paramNames(header: StudyHeaderEvent, trials: readonly TrialRecord[]): string[] {
  const names = new Set<string>((header.space ?? []).map((entry) => entry.name));
  for (const trial of trials) for (const name of Object.keys(trial.params)) names.add(name);
  return [...names];
}

/**
 * The distribution that spans everything a hyperparameter was drawn from: the declared one
 * widened to cover every trial's box (a round's box lies inside it) and every value; for a
 * choice, the union of the values. `undefined` when nothing is known of it.
 *
 * @internal
 */
export function fullDistribution(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
  name: string,
): Distribution | undefined {
  let full: Distribution | undefined = header.space?.find(
    (entry) => entry.name === name,
  )?.distribution;
  for (const trial of trials) {
    const box = trial.distributions[name];
    if (box === undefined) continue;
    if (full === undefined) {
      full = box;
      continue;
    }
    if (full.scale !== box.scale) continue;
    if (full.scale === 'choice' && box.scale === 'choice') {
      const known = full.values;
      const extra = box.values.filter((value) => !known.includes(value));
      if (extra.length > 0) full = { scale: 'choice', values: [...known, ...extra] };
    } else if (full.scale !== 'choice' && box.scale !== 'choice') {
      if (box.low < full.low || box.high > full.high) {
        full = {
          scale: full.scale,
          low: Math.min(full.low, box.low),
          high: Math.max(full.high, box.high),
        };
      }
    }
  }
  return full;
}
