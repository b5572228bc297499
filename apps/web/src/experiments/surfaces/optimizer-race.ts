import { OptimizerPath } from './optimizer-path.js';
import { createOptimizer, type OptimizerChoice, type OptimizerKind } from './optimizer-choice.js';
import { PathRace } from './path-race.js';
import type { PlanePoint, Surface } from './surface.js';
import { createSurface, type SurfaceName } from './test-surfaces.js';

/** The optimizers-on-contours experiment (the same in the page and in Node). */
export interface OptimizerRaceConfig {
  /** Which surface. */
  readonly surface: SurfaceName;
  /** The bowl's condition number κ. */
  readonly conditionNumber: number;
  /** The bowl's rotation, in degrees. */
  readonly angleDegrees: number;
  /** Where every optimizer starts. */
  readonly start: PlanePoint;
  /** The step budget. */
  readonly steps: number;
  /** "Reached" means f − f* < tolerance. */
  readonly tolerance: number;
  /** "Diverged" means f − f* above this. */
  readonly divergeAbove: number;
  /** The optimizers that race (the enabled ones), in order. */
  readonly optimizers: readonly OptimizerChoice[];
}

/** One racer: its kind, settings and path. */
export interface Racer {
  /** Which optimizer. */
  readonly kind: OptimizerKind;
  /** Its settings. */
  readonly choice: OptimizerChoice;
  /** Its path. */
  readonly path: OptimizerPath;
}

/** The surface and the racers of a config. */
export interface OptimizerRace {
  /** The surface. */
  readonly surface: Surface;
  /** The racers, in the config's order. */
  readonly racers: readonly Racer[];
  /** All paths, advanced together. */
  readonly race: PathRace;
}

/** Builds the race: one fresh deeptune optimizer per enabled choice, all from the same start. */
export function createOptimizerRace(config: OptimizerRaceConfig): OptimizerRace {
  const surface = createSurface(config.surface, config.conditionNumber, config.angleDegrees);
  const racers = config.optimizers.map((choice): Racer => ({
    kind: choice.kind,
    choice,
    path: new OptimizerPath({
      surface,
      optimizer: createOptimizer(choice),
      start: config.start,
      maxSteps: config.steps,
      tolerance: config.tolerance,
      divergeAbove: config.divergeAbove,
    }),
  }));
  return { surface, racers, race: new PathRace(racers.map((racer) => racer.path)) };
}
