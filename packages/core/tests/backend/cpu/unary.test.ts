import { describe, expect, it } from 'vitest';
import type { UnaryKernelName } from '../../../src/backend/kernels.js';
import { cpu } from './positional-kernels.js';
import { portableExp, portableLog, portablePow, portableTanh } from '../../../src/index.js';
import { expectClose, mulberry32, randomStorage, storageOf, toleranceFor } from './helpers.js';

/** Reference definitions of every unary kind, with the parameters used in the table test. */
const REFERENCES: readonly [UnaryKernelName, (x: number, a: number, b: number) => number][] = [
  ['neg', (x) => -x],
  ['exp', (x) => Math.exp(x)],
  ['log', (x) => Math.log(x)],
  ['sqrt', (x) => Math.sqrt(x)],
  ['abs', (x) => Math.abs(x)],
  ['square', (x) => x * x],
  ['reciprocal', (x) => 1 / x],
  ['sign', (x) => Math.sign(x)],
  ['step', (x) => (x > 0 ? 1 : 0)],
  ['relu', (x) => Math.max(x, 0)],
  ['leakyRelu', (x, a) => (x > 0 ? x : a * x)],
  ['leakyReluGrad', (x, a) => (x > 0 ? 1 : a)],
  ['sigmoid', (x) => 1 / (1 + Math.exp(-x))],
  ['sigmoidGrad', (y) => y * (1 - y)],
  ['tanh', (x) => Math.tanh(x)],
  ['tanhGrad', (y) => 1 - y * y],
  ['powScalar', (x, a) => Math.pow(x, a)],
  ['clip', (x, a, b) => Math.min(Math.max(x, a), b)],
  ['clipGrad', (x, a, b) => (a <= x && x <= b ? 1 : 0)],
  ['affine', (x, a, b) => a * x + b],
];

/** Runs one unary kind on `values` (float64) and returns the output as an array. */
function run(kind: UnaryKernelName, values: number[], a = 0, b = 0): number[] {
  const x = Float64Array.from(values);
  const out = new Float64Array(values.length);
  cpu.unary(kind, x, out, a, b);
  return Array.from(out);
}

describe('cpu.unary', () => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(REFERENCES)('computes %s like its reference definition', (kind, reference) => {
      const random = mulberry32(kind.length * 31 + 1);
      const x = randomStorage(dtype, 101, random, -3, 3);
      x[0] = 0;
      x[1] = 0.5;
      const a = kind === 'powScalar' ? 3 : kind === 'clip' || kind === 'clipGrad' ? -0.5 : 0.1;
      const b = kind === 'clip' || kind === 'clipGrad' ? 0.75 : 2;
      const out = cpu.allocate(dtype, x.length);
      cpu.unary(kind, x, out, a, b);
      const expected = Array.from(x, (value) => reference(value, a, b));
      expectClose(out, expected, { rtol: toleranceFor(dtype), atol: 1e-300 });
    });
  });

  it('writes in place when out aliases x', () => {
    const x = Float32Array.from([-2, -1, 0, 1, 2]);
    cpu.unary('affine', x, x, 2, 1);
    expect(Array.from(x)).toEqual([-3, -1, 1, 3, 5]);
  });

  it('keeps sigmoid finite and exact in the tails', () => {
    expect(run('sigmoid', [1000, -1000, 40, -40, 0])).toEqual([
      1,
      0,
      1 / (1 + Math.exp(-40)),
      Math.exp(-40) / (1 + Math.exp(-40)),
      0.5,
    ]);
    const out = storageOf('float32', [0, 0]);
    cpu.unary('sigmoid', storageOf('float32', [-800, 800]), out, 0, 0);
    expect(Array.from(out)).toEqual([0, 1]);
  });

  it('keeps sigmoid accurate for very negative inputs where 1 − σ(−x) would round to 0', () => {
    const [value] = run('sigmoid', [-30]);
    expect(value! / Math.exp(-30)).toBeCloseTo(1, 12);
  });

  it('gives log(0) = −∞ and log of a negative number NaN, as Math.log', () => {
    const [zero, negative, one] = run('log', [0, -1, 1]);
    expect(zero).toBe(-Infinity);
    expect(negative).toBeNaN();
    expect(one).toBe(0);
  });

  it('computes exp, log, sigmoid, tanh and powScalar with the portable functions, bit for bit', () => {
    const random = mulberry32(41);
    const values = Array.from({ length: 2000 }, () => (random() - 0.5) * 60);
    const positive = values.map((value) => Math.abs(value));
    const sigmoid = (v: number): number => {
      const e = portableExp(-Math.abs(v));
      return v >= 0 ? 1 / (1 + e) : e / (1 + e);
    };
    expect(run('exp', values)).toEqual(values.map(portableExp));
    expect(run('log', positive)).toEqual(positive.map(portableLog));
    expect(run('sigmoid', values)).toEqual(values.map(sigmoid));
    expect(run('tanh', values)).toEqual(values.map(portableTanh));
    const a = 0.8924289140850306;
    expect(run('powScalar', positive, a)).toEqual(positive.map((v) => portablePow(v, a)));
    // V8's Math.pow differs from fdlibm's in the last bit on some of these inputs, so this
    // test would notice a kernel that went back to Math.pow.
    expect(positive.some((v) => Math.pow(v, a) !== portablePow(v, a))).toBe(true);
  });

  it('follows Math.pow for powScalar', () => {
    expect(run('powScalar', [0, -8, 4, -2], 0)).toEqual([1, 1, 1, 1]);
    const [cubeRoot] = run('powScalar', [-8], 1 / 3);
    expect(cubeRoot).toBeNaN();
    expect(run('powScalar', [0, 4], -0.5)).toEqual([Infinity, 0.5]);
  });

  it('propagates NaN through relu, leakyRelu and clip', () => {
    for (const kind of ['relu', 'leakyRelu', 'clip', 'exp', 'sigmoid', 'tanh'] as const) {
      const [value] = run(kind, [NaN], -1, 1);
      expect(value).toBeNaN();
    }
  });

  it('gives sign −1, 0 or 1 and step 0 at 0', () => {
    expect(run('sign', [-3, 0, 2.5])).toEqual([-1, 0, 1]);
    expect(run('step', [-1, 0, 1e-300])).toEqual([0, 0, 1]);
  });

  it('computes the derivative helpers from forward outputs', () => {
    expect(run('sigmoidGrad', [0.5, 0.25])).toEqual([0.25, 0.1875]);
    expect(run('tanhGrad', [0.5, -1])).toEqual([0.75, 0]);
    expect(run('leakyReluGrad', [-1, 0, 1], 0.01)).toEqual([0.01, 0.01, 1]);
    expect(run('clipGrad', [-2, -1, 0, 1, 2], -1, 1)).toEqual([0, 1, 1, 1, 0]);
  });
});
