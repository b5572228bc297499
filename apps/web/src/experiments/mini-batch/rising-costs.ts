import { formatNumber } from '../../ui/format.js';
import type { MiniBatchSnapshot } from './mini-batch-job.js';

/**
 * One sentence naming the runs whose whole-training-set cost is now above its cost before
 * training (α too large for that batch size), or `null` when every cost went down.
 */
export function describeRisingCosts(
  snapshot: MiniBatchSnapshot,
  learningRate: number,
): string | null {
  if (snapshot.epoch === 0) return null;
  const rising = snapshot.runs.filter(
    (run) => run.diverged === null && run.epochCosts.at(-1)! > run.epochCosts[0]!,
  );
  if (rising.length === 0) return null;
  const parts = rising.map(
    (run) =>
      `${run.kind} descent's cost rose from ${formatNumber(run.epochCosts[0]!)} to ${formatNumber(run.epochCosts.at(-1)!)}`,
  );
  return `α = ${learningRate} is too large: ${parts.join('; ')}. Lower the learning rate.`;
}
