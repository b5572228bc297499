import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DTypeError,
  linear,
  matmul,
  randn,
  Rng,
  ShapeError,
  tensor,
  zeros,
  type Tensor,
} from '../../src/index.js';

/** The bytes of a tensor's data, for bit-for-bit comparisons. */
function bits(t: Tensor): Buffer {
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

describe('linear', () => {
  it('computes x · weight + bias', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const w = tensor([
      [5, 6],
      [7, 8],
    ]);
    expect(linear(x, w, tensor([0.5, -1])).toArray()).toEqual([
      [19.5, 21],
      [43.5, 49],
    ]);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equals matmul followed by add bit for bit, values and gradients (${dtype})`, () => {
      const make = () => {
        const rng = new Rng(7);
        return {
          x: randn([2, 5, 13], { rng, dtype, requiresGrad: true }),
          w: randn([13, 7], { rng, dtype, requiresGrad: true }),
          b: randn([7], { rng, dtype, requiresGrad: true }),
        };
      };
      const fused = make();
      const unfused = make();
      const y1 = linear(fused.x, fused.w, fused.b);
      const y2 = matmul(unfused.x, unfused.w).add(unfused.b);
      expect(y1.shape).toEqual([2, 5, 7]);
      expect(bits(y1).equals(bits(y2))).toBe(true);
      y1.square().sum().backward();
      y2.square().sum().backward();
      for (const name of ['x', 'w', 'b'] as const) {
        expect(bits(fused[name].grad!).equals(bits(unfused[name].grad!))).toBe(true);
      }
    });
  }

  it('has the gradients of central differences (float64)', () => {
    const rng = new Rng(3);
    const x = randn([4, 3], { rng, dtype: 'float64', requiresGrad: true });
    const w = randn([3, 2], { rng, dtype: 'float64', requiresGrad: true });
    const b = randn([2], { rng, dtype: 'float64', requiresGrad: true });
    const cost = (): number => linear(x, w, b).tanh().sum().item();
    linear(x, w, b).tanh().sum().backward();
    for (const t of [x, w, b]) {
      for (let i = 0; i < t.size; i++) {
        const saved = t.data[i]!;
        t.data[i] = saved + 1e-6;
        const plus = cost();
        t.data[i] = saved - 1e-6;
        const minus = cost();
        t.data[i] = saved;
        expect(t.grad!.data[i]).toBeCloseTo((plus - minus) / 2e-6, 8);
      }
    }
  });

  it('maps a single vector, and without a bias is a matrix product', () => {
    const w = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(linear(tensor([1, 1]), w, tensor([1, 1, 1])).toArray()).toEqual([6, 8, 10]);
    expect(linear(tensor([[1, 1]]), w).toArray()).toEqual([[5, 7, 9]]);
    expect(linear(tensor([[1, 1]]), w, null).toArray()).toEqual([[5, 7, 9]]);
  });

  it('handles empty batches and zero inputs (the result is then the bias)', () => {
    expect(linear(zeros([0, 3]), zeros([3, 2]), tensor([1, 2])).shape).toEqual([0, 2]);
    expect(linear(zeros([2, 0]), zeros([0, 2]), tensor([1, 2])).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('with relu: true computes relu(x · weight + bias)', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const w = tensor([
      [5, 6],
      [7, 8],
    ]);
    expect(linear(x, w, tensor([-20, -23]), { relu: true }).toArray()).toEqual([
      [0, 0],
      [23, 27],
    ]);
    // Without a bias: the matrix product, then relu.
    expect(linear(tensor([[1, -1]]), w, null, { relu: true }).toArray()).toEqual([[0, 0]]);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`with relu equals linear followed by relu bit for bit, values and gradients (${dtype})`, () => {
      const make = () => {
        const rng = new Rng(11);
        return {
          x: randn([2, 9, 17], { rng, dtype, requiresGrad: true }),
          w: randn([17, 6], { rng, dtype, requiresGrad: true }),
          b: randn([6], { rng, dtype, requiresGrad: true }),
        };
      };
      const fused = make();
      const unfused = make();
      const y1 = linear(fused.x, fused.w, fused.b, { relu: true });
      const y2 = matmul(unfused.x, unfused.w).add(unfused.b).relu();
      expect(y1.shape).toEqual([2, 9, 6]);
      // About half the units are negative before relu: the mask matters.
      const zerosCount = Array.from(y1.data).filter((v) => v === 0).length;
      expect(zerosCount).toBeGreaterThan(30);
      expect(zerosCount).toBeLessThan(78);
      expect(bits(y1).equals(bits(y2))).toBe(true);
      const upstream = randn([2, 9, 6], { rng: new Rng(12), dtype });
      y1.mul(upstream).sum().backward();
      y2.mul(upstream).sum().backward();
      for (const name of ['x', 'w', 'b'] as const) {
        expect(bits(fused[name].grad!).equals(bits(unfused[name].grad!))).toBe(true);
      }
    });
  }

  it('with relu has the gradients of central differences, and none for a frozen input (float64)', () => {
    const rng = new Rng(5);
    const x = randn([5, 4], { rng, dtype: 'float64' });
    const w = randn([4, 3], { rng, dtype: 'float64', requiresGrad: true });
    const b = randn([3], { rng, dtype: 'float64', requiresGrad: true });
    const cost = (): number => linear(x, w, b, { relu: true }).square().sum().item();
    linear(x, w, b, { relu: true }).square().sum().backward();
    expect(x.grad).toBeNull();
    for (const t of [w, b]) {
      for (let i = 0; i < t.size; i++) {
        const saved = t.data[i]!;
        t.data[i] = saved + 1e-6;
        const plus = cost();
        t.data[i] = saved - 1e-6;
        const minus = cost();
        t.data[i] = saved;
        expect(t.grad!.data[i]).toBeCloseTo((plus - minus) / 2e-6, 7);
      }
    }
  });

  it('refuses options that are not an object, and a relu option that is not a boolean', () => {
    expect(() =>
      linear(zeros([1, 2]), zeros([2, 2]), zeros([2]), { relu: 'yes' as unknown as boolean }),
    ).toThrow(new ConfigError("linear: options.relu must be true or false, got 'yes'."));
    expect(() =>
      linear(zeros([1, 2]), zeros([2, 2]), zeros([2]), null as unknown as { relu: boolean }),
    ).toThrow(
      new ConfigError('linear: options must be an object such as { relu: true }, got null.'),
    );
  });

  it('names the operation, the shapes and the expected ones in its errors', () => {
    const w = zeros([3, 2]);
    expect(() => linear(zeros([4, 5]), w)).toThrow(
      new ShapeError(
        "linear: x [4, 5] must end in weight's 3 inputs (weight [3, 2]); expected [..., 3].",
      ),
    );
    expect(() => linear(zeros([4, 3]), zeros([3]))).toThrow(
      new ShapeError('linear: weight must be a matrix [inputs, units], got shape [3].'),
    );
    expect(() => linear(zeros([4, 3]), w, zeros([3]))).toThrow(
      new ShapeError(
        "linear: bias must be a vector of weight's 2 units, got shape [3]; expected [2].",
      ),
    );
    expect(() => linear(zeros([4, 3]), w, zeros([2], { dtype: 'float64' }))).toThrow(DTypeError);
  });
});
