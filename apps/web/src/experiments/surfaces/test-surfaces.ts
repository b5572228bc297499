import {
  add,
  exp,
  matmul,
  mul,
  reshape,
  slice,
  square,
  sub,
  sum,
  tensor,
  type Tensor,
} from 'deeptune';
import type { Surface } from './surface.js';

/** The surfaces the optimizers race on. */
export const SURFACE_NAMES = ['bowl', 'saddle', 'plateau'] as const;

/** The name of one of {@link SURFACE_NAMES}. */
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** The visible half-width of every test surface: the plane [−5, 5]². */
const HALF_WIDTH = 5;

const SQUARE_BOUNDS = { xMin: -HALF_WIDTH, xMax: HALF_WIDTH, yMin: -HALF_WIDTH, yMax: HALF_WIDTH };

/**
 * An elongated quadratic bowl f(w) = ½ wᵀAw with A's eigenvalues 1/κ and 1 (κ = condition
 * number): the flat axis is turned by `angleDegrees` from the x axis (at 0° the valley runs
 * along x and is steep across y, as in the course's picture). The minimum is 0 at the
 * origin; plain gradient descent is stable for α < 2 and converges along the flat axis at
 * the rate 1 − α/κ per step.
 */
export function elongatedBowl(conditionNumber: number, angleDegrees: number): Surface {
  const angle = (angleDegrees * Math.PI) / 180;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const flat = 1 / conditionNumber;
  const steep = 1;
  // A = R diag(flat, steep) Rᵀ with R's first column (c, s) = the flat direction.
  const a11 = flat * c * c + steep * s * s;
  const a12 = (flat - steep) * c * s;
  const a22 = flat * s * s + steep * c * c;
  const matrix = tensor(
    [
      [a11, a12],
      [a12, a22],
    ],
    { dtype: 'float64' },
  );
  return {
    label: `Elongated bowl, condition number κ = ${conditionNumber}`,
    bounds: SQUARE_BOUNDS,
    minima: [[0, 0]],
    minValue: 0,
    value: (x, y) => 0.5 * (a11 * x * x + 2 * a12 * x * y + a22 * y * y),
    cost: (w: Tensor) => {
      const row = reshape(w, [1, 2]);
      return mul(sum(mul(matmul(row, matrix), row)), 0.5);
    },
  };
}

/**
 * A saddle between two valleys, f(x, y) = (x² − 4)²/32 + y²/4: minima 0 at (±2, 0) and a
 * saddle point at the origin, where the gradient along x vanishes (an optimizer starting
 * near x = 0 lingers before it escapes to one side). The curvature along x is 1 at the
 * minima and −½ at the saddle.
 */
export function saddleSurface(): Surface {
  return {
    label: 'Saddle: f = (x² − 4)²/32 + y²/4, minima at (±2, 0)',
    bounds: SQUARE_BOUNDS,
    minima: [
      [-2, 0],
      [2, 0],
    ],
    minValue: 0,
    value: (x, y) => ((x * x - 4) * (x * x - 4)) / 32 + (y * y) / 4,
    cost: (w: Tensor) => {
      const x = slice(w, [0], [1]);
      const y = slice(w, [1], [1]);
      return sum(add(mul(square(sub(square(x), 4)), 1 / 32), mul(square(y), 0.25)));
    },
  };
}

/**
 * A plateau around a well, f(x, y) = 1 − exp(−(x² + 2y²)/4): far from the origin the
 * surface is almost flat (tiny gradients), so plain gradient descent creeps while RMSprop
 * and Adam, which divide by the gradient's size, keep their pace. The minimum is 0 at the
 * origin, where the curvatures are ½ and 1.
 */
export function plateauSurface(): Surface {
  return {
    label: 'Plateau: f = 1 − exp(−(x² + 2y²)/4)',
    bounds: SQUARE_BOUNDS,
    minima: [[0, 0]],
    minValue: 0,
    value: (x, y) => 1 - Math.exp(-(x * x + 2 * y * y) / 4),
    cost: (w: Tensor) => {
      const x = slice(w, [0], [1]);
      const y = slice(w, [1], [1]);
      const radius = add(square(x), mul(square(y), 2));
      return sum(sub(1, exp(mul(radius, -0.25))));
    },
  };
}

/** Where each surface's race starts by default: along the valley, near the saddle, on the plateau. */
export const SUGGESTED_STARTS: Readonly<Record<SurfaceName, readonly [number, number]>> = {
  bowl: [-4.5, 2],
  saddle: [0.05, 4],
  plateau: [-4, 3],
};

/** The surface a page's settings name. */
export function createSurface(
  name: SurfaceName,
  conditionNumber: number,
  angleDegrees: number,
): Surface {
  switch (name) {
    case 'bowl':
      return elongatedBowl(conditionNumber, angleDegrees);
    case 'saddle':
      return saddleSurface();
    case 'plateau':
      return plateauSurface();
  }
}
