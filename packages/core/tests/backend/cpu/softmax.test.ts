import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import { portableExp, portableLog } from '../../../src/index.js';
import type { DType } from '../../../src/tensor/dtype.js';
import { expectClose, mulberry32, randomStorage, storageOf, toleranceFor } from './helpers.js';

/** Softmax of one row computed directly in double precision. */
function referenceSoftmax(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const exponentials = row.map((value) => Math.exp(value - max));
  const sum = exponentials.reduce((total, value) => total + value, 0);
  return exponentials.map((value) => value / sum);
}

/** Runs the forward kernel on one dtype and returns the output as numbers. */
function forward(
  dtype: DType,
  values: number[],
  rows: number,
  cols: number,
  log: boolean,
): number[] {
  const out = cpu.allocate(dtype, values.length);
  cpu.softmax(storageOf(dtype, values), out, rows, cols, log);
  return Array.from(out);
}

describe('cpu.softmax', () => {
  it('gives softmax([5, 2, −1, 3]) ≈ [0.842, 0.042, 0.002, 0.114]', () => {
    const out = forward('float64', [5, 2, -1, 3], 1, 4, false);
    expectClose(out, [0.842, 0.042, 0.002, 0.114], { rtol: 0, atol: 5e-4 });
    expect(out.reduce((total, value) => total + value, 0)).toBeCloseTo(1, 14);
  });

  it('stays finite for large logits such as 1000', () => {
    expect(forward('float32', [1000, 1000], 1, 2, false)).toEqual([0.5, 0.5]);
    const out = forward('float64', [1000, 999, -1000], 1, 3, false);
    expectClose(out, referenceSoftmax([1, 0, -2000]), { rtol: 1e-14 });
    const logOut = forward('float64', [1000, 0], 1, 2, true);
    expect(logOut[0]).toBeCloseTo(0, 14);
    expect(logOut[1]).toBeCloseTo(-1000, 10);
  });

  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it('normalises every row independently and matches the reference', () => {
      const rows = 5;
      const cols = 7;
      const x = randomStorage(dtype, rows * cols, mulberry32(23), -4, 4);
      const out = cpu.allocate(dtype, rows * cols);
      cpu.softmax(x, out, rows, cols, false);
      const expected: number[] = [];
      for (let r = 0; r < rows; r++) {
        expected.push(...referenceSoftmax(Array.from(x.subarray(r * cols, (r + 1) * cols))));
      }
      expectClose(out, expected, { rtol: toleranceFor(dtype) });
    });

    it('computes log-softmax as the log of softmax', () => {
      const rows = 3;
      const cols = 6;
      const x = randomStorage(dtype, rows * cols, mulberry32(29), -4, 4);
      const out = cpu.allocate(dtype, rows * cols);
      cpu.softmax(x, out, rows, cols, true);
      const expected: number[] = [];
      for (let r = 0; r < rows; r++) {
        const row = referenceSoftmax(Array.from(x.subarray(r * cols, (r + 1) * cols)));
        expected.push(...row.map(Math.log));
      }
      expectClose(out, expected, { rtol: toleranceFor(dtype) });
    });
  });

  it('uses portableExp and portableLog, bit for bit', () => {
    const x = Array.from(randomStorage('float64', 64, mulberry32(47), -30, 30));
    const max = Math.max(...x);
    const exponentials = x.map((value) => portableExp(value - max));
    let sum = 0;
    for (const value of exponentials) sum += value;
    expect(forward('float64', x, 1, 64, false)).toEqual(exponentials.map((e) => e / sum));
    const shift = max + portableLog(sum);
    expect(forward('float64', x, 1, 64, true)).toEqual(x.map((value) => value - shift));
  });

  it('turns a row containing NaN into NaN', () => {
    expect(
      forward('float64', [1, NaN, 2, 0, 1, 2], 2, 3, false).slice(0, 3).every(Number.isNaN),
    ).toBe(true);
  });
});

describe('cpu.softmaxBackward', () => {
  /** dx_j = Σ_i dy_i · ∂y_i/∂x_j through the explicit Jacobian of softmax or log-softmax. */
  function referenceBackward(x: number[], dy: number[], log: boolean): number[] {
    const s = referenceSoftmax(x);
    return x.map((_, j) =>
      dy.reduce((total, dyi, i) => {
        const kronecker = i === j ? 1 : 0;
        const partial = log ? kronecker - s[j]! : s[i]! * (kronecker - s[j]!);
        return total + dyi * partial;
      }, 0),
    );
  }

  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each([false, true])('matches the explicit Jacobian (log=%s)', (log) => {
      const rows = 4;
      const cols = 5;
      const random = mulberry32(log ? 31 : 37);
      const x = randomStorage('float64', rows * cols, random, -3, 3);
      const dy = randomStorage(dtype, rows * cols, random, -1, 1);
      const y = cpu.allocate(dtype, rows * cols);
      cpu.softmax(storageOf(dtype, x), y, rows, cols, log);
      const out = cpu.allocate(dtype, rows * cols);
      cpu.softmaxBackward(y, dy, out, rows, cols, log);
      const expected: number[] = [];
      for (let r = 0; r < rows; r++) {
        const xRow = Array.from(storageOf(dtype, x.subarray(r * cols, (r + 1) * cols)));
        const dyRow = Array.from(dy.subarray(r * cols, (r + 1) * cols));
        expected.push(...referenceBackward(xRow, dyRow, log));
      }
      expectClose(out, expected, { rtol: 0, atol: dtype === 'float32' ? 1e-6 : 1e-14 });
    });
  });

  it('gives a zero gradient for an upstream gradient that is constant across the row', () => {
    const y = new Float64Array(3);
    cpu.softmax(storageOf('float64', [0.3, -1, 2]), y, 1, 3, false);
    const out = new Float64Array(3);
    cpu.softmaxBackward(y, storageOf('float64', [2, 2, 2]), out, 1, 3, false);
    expectClose(out, [0, 0, 0], { rtol: 0, atol: 1e-15 });
  });
});
