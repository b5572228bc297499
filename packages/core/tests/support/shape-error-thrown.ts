import { expect } from 'vitest';
import { ShapeError } from '../../src/index.js';

/** Runs `action` and returns the ShapeError it threw (failing the test when it threw none). */
export function shapeErrorThrown(action: () => unknown): ShapeError {
  try {
    action();
  } catch (error) {
    expect(ShapeError.isInstance(error)).toBe(true);
    return error as ShapeError;
  }
  throw new Error('expected a ShapeError');
}
