import { describe, expect, it } from 'vitest';
import * as core from '@deeptune/core';
import { Rng, randn, tensor, uniform, type Tensor } from '@deeptune/core';
import { gradcheck } from '../src/index.js';

/**
 * The op-gradient suite: every differentiable op of @deeptune/core, checked against the
 * two-sided numerical gradient in float64, including broadcasting cases. Inputs avoid the
 * kinks of non-smooth ops (relu at 0, ties in max) where the derivative is undefined.
 */
interface OpCase {
  readonly op: string;
  readonly label: string;
  readonly build: (rng: Rng) => { f: () => Tensor; parameters: Tensor[] };
}

const f64 = { dtype: 'float64' } as const;
const normal = (rng: Rng, shape: number[]): Tensor => randn(shape, { ...f64, rng });
const positive = (rng: Rng, shape: number[]): Tensor => uniform(shape, 0.5, 2, { ...f64, rng });
/** Values at least 0.1 away from 0, where relu/abs/leakyRelu have a kink. */
const awayFromZero = (rng: Rng, shape: number[]): Tensor => {
  const x = uniform(shape, 0.1, 1.5, { ...f64, rng });
  for (let i = 0; i < x.size; i++) if (rng.nextFloat() < 0.5) x.data[i] = -x.data[i]!;
  return x;
};
/** Distinct values (no ties), so max/min/maximum have a unique derivative. */
const distinct = (rng: Rng, shape: number[]): Tensor => {
  const size = shape.reduce((a, b) => a * b, 1);
  const order = rng.permutation(size);
  return tensor(
    Float64Array.from(order, (v) => v * 0.37 - 1),
    { shape },
  );
};

function unary(op: string, fn: (x: Tensor) => Tensor, make = normal): OpCase {
  return {
    op,
    label: `${op} [3, 4]`,
    build: (rng) => {
      const x = make(rng, [3, 4]);
      return { f: () => fn(x), parameters: [x] };
    },
  };
}

function binary(
  op: string,
  fn: (a: Tensor, b: Tensor) => Tensor,
  shapes: [number[], number[]],
  make = normal,
): OpCase {
  return {
    op,
    label: `${op} [${shapes[0].join(',')}] with [${shapes[1].join(',')}]`,
    build: (rng) => {
      const a = make(rng, shapes[0]);
      const b = make(rng, shapes[1]);
      return { f: () => fn(a, b), parameters: [a, b] };
    },
  };
}

const broadcastShapes: [number[], number[]][] = [
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [
    [3, 1],
    [1, 4],
  ],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [[3, 4], []],
];

const cases: OpCase[] = [
  ...broadcastShapes.flatMap((shapes) => [
    binary('add', core.add, shapes),
    binary('sub', core.sub, shapes),
    binary('mul', core.mul, shapes),
    binary('div', core.div, shapes, positive),
    binary('maximum', core.maximum, shapes, distinct),
    binary('minimum', core.minimum, shapes, distinct),
    binary('pow', core.pow, shapes, positive),
  ]),
  {
    op: 'pow',
    label: 'pow with a number exponent',
    build: (rng) => {
      const x = positive(rng, [3, 4]);
      return { f: () => core.pow(x, 2.5), parameters: [x] };
    },
  },
  unary('neg', core.neg),
  unary('exp', core.exp),
  unary('log', core.log, positive),
  unary('log1p', core.log1p, positive),
  unary('sqrt', core.sqrt, positive),
  unary('abs', core.abs, awayFromZero),
  unary('square', core.square),
  unary('relu', core.relu, awayFromZero),
  unary('leakyRelu', (x) => core.leakyRelu(x, 0.1), awayFromZero),
  unary('sigmoid', core.sigmoid),
  unary('tanh', core.tanh),
  unary('clip', (x) => core.clip(x, -0.5, 0.5), awayFromZero),
  unary('softmax', (x) => core.softmax(x)),
  {
    op: 'softmax',
    label: 'softmax along axis 0 of a 3-D tensor',
    build: (rng) => {
      const x = normal(rng, [3, 2, 4]);
      return { f: () => core.softmax(x, 0), parameters: [x] };
    },
  },
  unary('logSoftmax', (x) => core.logSoftmax(x)),
  unary('logSumExp', (x) => core.logSumExp(x, 1)),
  unary('sum', (x) => core.sum(x, 0)),
  unary('mean', (x) => core.mean(x, [0, 1], true)),
  unary('max', (x) => core.max(x, 1), distinct),
  unary('min', (x) => core.min(x), distinct),
  unary('variance', (x) => core.variance(x, 0)),
  unary('transpose', (x) => core.transpose(x)),
  unary('reshape', (x) => core.reshape(x, [2, -1])),
  unary('slice', (x) => core.slice(x, [1, 1], [2, 2])),
  unary('gather', (x) => core.gather(x, [2, 0, 2])),
  unary('broadcastTo', (x) => core.broadcastTo(core.reshape(x, [3, 1, 4]), [3, 2, 4])),
  unary('cast', (x) => core.cast(x, 'float64').mul(x)),
  unary('where', (x) => core.where(core.greater(x, 0), x.mul(3), x.square())),
  {
    op: 'concat',
    label: 'concat along axis 1',
    build: (rng) => {
      const a = normal(rng, [3, 2]);
      const b = normal(rng, [3, 4]);
      return { f: () => core.concat([a, b], 1), parameters: [a, b] };
    },
  },
  ...(
    [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const
  ).map(([transposeA, transposeB]): OpCase => ({
    op: 'matmul',
    label: `matmul transposeA=${transposeA} transposeB=${transposeB}`,
    build: (rng) => {
      const a = normal(rng, transposeA ? [4, 3] : [3, 4]);
      const b = normal(rng, transposeB ? [5, 4] : [4, 5]);
      return { f: () => core.matmul(a, b, { transposeA, transposeB }), parameters: [a, b] };
    },
  })),
  {
    op: 'linear',
    label: 'linear with a bias, over leading axes, and without a bias',
    build: (rng) => {
      const x = normal(rng, [2, 3, 4]);
      const w = normal(rng, [4, 5]);
      const b = normal(rng, [5]);
      return {
        f: () => core.linear(x, w, b).tanh().sum().add(core.linear(x, w).square().sum()),
        parameters: [x, w, b],
      };
    },
  },
  {
    op: 'matmul',
    label: 'batched matmul with a broadcast matrix on either side',
    build: (rng) => {
      const a = normal(rng, [2, 3, 4]);
      const w = normal(rng, [4, 5]);
      const v = normal(rng, [2, 3]);
      return {
        f: () =>
          core
            .matmul(v, core.matmul(a, w))
            .sum()
            .add(core.matmul(a, w, { transposeB: false }).sum()),
        parameters: [a, w, v],
      };
    },
  },
  {
    op: 'matmul',
    label: 'batched matmul with transposes and a broadcast left matrix',
    build: (rng) => {
      const a = normal(rng, [3, 4, 2]);
      const b = normal(rng, [3, 5, 4]);
      const m = normal(rng, [2, 4]);
      return {
        f: () =>
          core
            .matmul(a, b, { transposeA: true, transposeB: true })
            .sum()
            .add(core.matmul(m, b, { transposeB: true }).square().sum()),
        parameters: [a, b, m],
      };
    },
  },
];

describe('op gradients (float64, two-sided differences)', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s is below 1e-7', (_label, testCase) => {
    const { f, parameters } = testCase.build(new Rng(42));
    const report = gradcheck(f, parameters);
    expect(report.relativeDifference).toBeLessThan(1e-7);
  });
});

/** Exported functions of core that are not differentiable ops (or have no gradient). */
const notDifferentiable = new Set([
  // creation, random numbers, grad mode, backends
  'tensor',
  'zeros',
  'zerosLike',
  'ones',
  'onesLike',
  'full',
  'fullLike',
  'arange',
  'eye',
  'randn',
  'rand',
  'uniform',
  'noGrad',
  'isGradEnabled',
  'valueAndGrad',
  'customOp',
  'getBackend',
  'setBackend',
  'runKernel',
  'kernelProvider',
  'allocateStateStorage',
  'getDefaultRng',
  'setDefaultRng',
  'seed',
  // comparisons and indices: piecewise constant
  // detach: its gradient is zero by definition
  'detach',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'argmax',
  'argmin',
  // plugin registry
  'createRegistry',
  'getDefaultRegistry',
  'setDefaultRegistry',
  'definePlugin',
  'definePluginPackage',
  'validateOptions',
  'describeSchema',
  'closestMatch',
  'isPluginKind',
  // model contracts: computeCost composes ops that are checked here
  'computeCost',
  // portable math on numbers, not tensors
  'portableExp',
  'portableLog',
  'portableLog1p',
  'portablePow',
  'portableSinCos',
  'portableTanh',
  'register',
  // recognising values of other copies of @deeptune/core
  'isTensor',
  'defineBrand',
  'loadedCoreCopies',
  // warnings
  'getLogger',
  'setLogger',
  'warnOnce',
  // message formatting
  'describeValue',
  'formatShape',
  'describeExpectation',
  'parseOptionText',
  'defaultMonitorMode',
  // reading monitored quantities from epoch logs (callbacks)
  'isMonitorName',
  'readMonitor',
]);

describe('op-gradient suite completeness', () => {
  it('has a case for every differentiable op exported by @deeptune/core', () => {
    const covered = new Set(cases.map((c) => c.op));
    const exportedFunctions = Object.entries(core)
      .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name))
      .map(([name]) => name);
    const missing = exportedFunctions.filter(
      (name) => !covered.has(name) && !notDifferentiable.has(name),
    );
    expect(missing).toEqual([]);
  });
});
