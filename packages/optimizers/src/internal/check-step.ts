import { ConfigError } from '@deeptune/core';

/**
 * Checks the argument of a schedule: an integer ≥ 1 (epochs and steps count from 1).
 * @internal
 */
export function assertScheduleIndex(where: string, t: number): void {
  if (!Number.isInteger(t) || t < 1) {
    throw new ConfigError(
      `${where}: the step or epoch number must be an integer >= 1, got ${String(t)}. Hint: schedules count from 1, as the course's table does (epoch 1 is the first epoch).`,
    );
  }
}
