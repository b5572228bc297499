import { describe, expect, it } from 'vitest';
import { portableSinCos } from '../../src/index.js';

describe('portableSinCos', () => {
  it('is exact at multiples of a quarter turn, without −0', () => {
    expect(portableSinCos(0)).toEqual([0, 1]);
    expect(portableSinCos(0.25)).toEqual([1, 0]);
    expect(portableSinCos(0.5)).toEqual([0, -1]);
    expect(portableSinCos(-0.25)).toEqual([-1, 0]);
    expect(portableSinCos(0.75)).toEqual([-1, 0]);
    expect(Object.is(portableSinCos(0.25)[1], 0)).toBe(true);
  });

  // The reference itself is off by up to about one ulp of its argument turns·2π (≈ 9e-16
  // near 2π), hence 3e-15 rather than machine epsilon.
  it('agrees with Math.sin and Math.cos to within 3e-15 over [−1, 1] turns', () => {
    let worst = 0;
    for (let turns = -1; turns <= 1; turns += 0.00103) {
      const [s, c] = portableSinCos(turns);
      const radians = turns * 2 * Math.PI;
      worst = Math.max(worst, Math.abs(s - Math.sin(radians)), Math.abs(c - Math.cos(radians)));
    }
    expect(worst).toBeLessThan(3e-15);
  });
});
