import type { Tensor } from 'deeptune';

/** A rectangle of the (x, y) plane: the area a contour plot shows. */
export interface PlaneRect {
  /** The smallest x shown. */
  readonly xMin: number;
  /** The largest x shown. */
  readonly xMax: number;
  /** The smallest y shown. */
  readonly yMin: number;
  /** The largest y shown. */
  readonly yMax: number;
}

/** A point of the plane, `[x, y]`. */
export type PlanePoint = readonly [number, number];

/**
 * A cost f(x, y) of two parameters: a plain evaluator for drawing and a deeptune expression
 * for the gradients (autograd on a 2-element parameter).
 */
export interface Surface {
  /** What the surface is, in words (the plot's caption). */
  readonly label: string;
  /** The area worth showing. */
  readonly bounds: PlaneRect;
  /** The global minima (marked on the plot). */
  readonly minima: readonly PlanePoint[];
  /** The smallest value f*, so that f − f* ≥ 0 (log-spaced contour levels, tolerances). */
  readonly minValue: number;
  /** f(x, y), in plain numbers (drawing, hover). */
  value(x: number, y: number): number;
  /** f(w) for a float64 tensor `w` of shape [2], built from deeptune ops (differentiable). */
  cost(w: Tensor): Tensor;
}
