import { describe, expect, it } from 'vitest';
import { portableExp, portableTanh } from '../../src/index.js';
import { portableExpm1 } from '../../src/math/portable-expm1.js';
import { expectWithinOneUlp, sweepInputs } from './helpers.js';

type Fn = (x: number) => number;

// One table for the exp-family ports of fdlibm (portableLog and portablePow have their own
// sweeps), each against the engine's own function (V8's
// are fdlibm ports too): the port, the engine's, a wide range and the range used most.
const CASES: readonly [string, Fn, Fn, [number, number], [number, number]][] = [
  ['portableExp', portableExp, Math.exp, [-746, 710], [-40, 40]], // softmax, sigmoid: [-40, 40]
  ['portableExpm1', portableExpm1, Math.expm1, [-50, 710], [-1, 1]],
  ['portableTanh', portableTanh, Math.tanh, [-25, 25], [-1, 1]],
];

describe.each(CASES)('%s', (name, portable, engine, wide, near) => {
  it('is within 1 ulp of the engine on 200 000 random doubles, and mostly equal', () => {
    // 50 000 random bit patterns (every exponent, both signs, ±∞), then uniform values.
    const inputs = sweepInputs(name.length, 50_000, [
      [...wide, 100_000],
      [...near, 50_000],
    ]);
    // fdlibm is accurate to about 1 ulp, so the vast majority must match exactly too.
    expect(expectWithinOneUlp(inputs, portable, engine)).toBeGreaterThan(0.99);
  });
});
