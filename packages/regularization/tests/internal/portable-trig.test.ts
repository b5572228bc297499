import { describe, expect, it } from 'vitest';
import { sinCosDegrees } from '../../src/internal/portable-trig.js';

describe('sinCosDegrees', () => {
  it('is exact at multiples of 90°', () => {
    expect(sinCosDegrees(0)).toEqual([0, 1]);
    expect(sinCosDegrees(90)).toEqual([1, 0]);
    expect(sinCosDegrees(180)).toEqual([0, -1]);
    expect(sinCosDegrees(-90)).toEqual([-1, 0]);
    expect(sinCosDegrees(270)).toEqual([-1, 0]);
  });

  // The reference itself is off by up to about one ulp of its argument degrees·π/180
  // (≈ 9e-16 near 2π), hence 3e-15 rather than machine epsilon.
  it('agrees with Math.sin and Math.cos to within 3e-15 over [−360°, 360°]', () => {
    let worst = 0;
    for (let degrees = -360; degrees <= 360; degrees += 0.37) {
      const [s, c] = sinCosDegrees(degrees);
      const radians = (degrees * Math.PI) / 180;
      worst = Math.max(worst, Math.abs(s - Math.sin(radians)), Math.abs(c - Math.cos(radians)));
    }
    expect(worst).toBeLessThan(3e-15);
  });
});
