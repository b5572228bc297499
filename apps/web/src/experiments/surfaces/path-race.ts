import type { OptimizerPath } from './optimizer-path.js';

/**
 * Several optimizer paths advanced together, step by step: the pages run a few steps per
 * animation frame, and Step/Reset act on all of them at once.
 */
export class PathRace {
  /** The paths, in the order given. */
  readonly paths: readonly OptimizerPath[];

  constructor(paths: readonly OptimizerPath[]) {
    this.paths = paths;
  }

  /** Whether every path is done. */
  get done(): boolean {
    for (let i = 0; i < this.paths.length; i++) if (!this.paths[i]!.done) return false;
    return true;
  }

  /** The largest number of steps any path has taken. */
  get steps(): number {
    let steps = 0;
    for (let i = 0; i < this.paths.length; i++) steps = Math.max(steps, this.paths[i]!.steps);
    return steps;
  }

  /** Advances every unfinished path by up to `count` steps. */
  advance(count: number): void {
    for (let i = 0; i < this.paths.length; i++) {
      const path = this.paths[i]!;
      for (let k = 0; k < count && !path.done; k++) path.step();
    }
  }

  /** Runs every path to the end of its budget (Node tests; the pages animate instead). */
  runToEnd(): void {
    while (!this.done) this.advance(100);
  }
}
