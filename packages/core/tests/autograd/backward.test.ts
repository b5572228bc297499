import { describe, expect, it } from 'vitest';
import { ConfigError, noGrad, ShapeError, tensor, valueAndGrad, zeros } from '../../src/index.js';
import { record } from '../../src/ops/internal/record.js';

describe('Tensor.backward', () => {
  it('fills the gradient of each leaf', () => {
    const w = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const x = tensor([[1], [1]]);
    w.matmul(x).square().sum().backward();
    expect(w.grad!.toArray()).toEqual([
      [6, 6],
      [14, 14],
    ]);
    expect(x.grad).toBeNull();
  });

  it('adds up gradients when a tensor is used more than once (fan-out)', () => {
    const a = tensor([3], { dtype: 'float64', requiresGrad: true });
    const b = a.mul(a).add(a); // a² + a → 2a + 1 = 7
    b.sum().backward();
    expect(a.grad!.item()).toBe(7);
  });

  it('accumulates across calls like PyTorch until zeroGrad', () => {
    const a = tensor([1], { dtype: 'float64', requiresGrad: true });
    a.mul(2).sum().backward();
    a.mul(2).sum().backward();
    expect(a.grad!.item()).toBe(4);
    a.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('gives two leaves of one sum separate gradient storage', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    a.add(b).sum().backward();
    a.grad!.data[0] = 42;
    expect(b.grad!.item()).toBe(1);
  });

  it('walks a graph 100,000 operations deep without overflowing the stack', () => {
    const x = tensor([1], { dtype: 'float64', requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });

  it('requires an explicit gradient for non-scalar outputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(ShapeError);
    x.mul(2).backward(tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([2, 20]);
  });

  it('refuses to differentiate a tensor that does not require gradients', () => {
    expect(() => tensor([1]).sum().backward()).toThrow(ConfigError);
  });

  it('names the op whose backward rule returns a gradient of the wrong shape', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const broken = record('brokenOp', new Float32Array([3]), [], [x], () => [zeros([3])]);
    expect(() => broken.backward()).toThrow(
      /backward of 'brokenOp': the gradient for input 0 has shape \[3\], expected \[2\]/,
    );
  });
});

describe('noGrad', () => {
  it('records nothing inside', () => {
    const w = tensor([1], { requiresGrad: true });
    const y = noGrad(() => w.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(w.mul(2).requiresGrad).toBe(true);
  });

  it('rejects async functions', () => {
    expect(() => noGrad(async () => 1)).toThrow(/only covers synchronous code/);
  });
});

describe('detach', () => {
  it('cuts the graph', () => {
    const w = tensor([2], { requiresGrad: true });
    const y = w.mul(w.detach());
    y.sum().backward();
    expect(w.grad!.item()).toBe(2);
  });
});

describe('valueAndGrad', () => {
  it('returns value and gradients without touching .grad', () => {
    const w = tensor([1, 2, 3], { dtype: 'float64' });
    const { value, grads } = valueAndGrad(() => w.square().sum(), [w]);
    expect(value.item()).toBe(14);
    expect(grads[0]!.toArray()).toEqual([2, 4, 6]);
    expect(w.grad).toBeNull();
    expect(w.requiresGrad).toBe(false);
  });

  it('gives zeros for a parameter the value does not depend on', () => {
    const a = tensor([1]);
    const b = tensor([5, 6]);
    const { grads } = valueAndGrad(() => a.mul(3).sum(), [a, b]);
    expect(grads[1]!.toArray()).toEqual([0, 0]);
  });
});
