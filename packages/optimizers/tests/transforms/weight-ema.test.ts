// A weight EMA written here, outside the framework, as a plain GradientTransform: it keeps
// shadow weights e ← d·e + (1 − d)·W after every update (e starts at the initial weights),
// the way Polyak averaging / `torch.optim.swa_utils.AveragedModel` with an EMA does.
import { describe, expect, it } from 'vitest';
import { StateDictError } from '@deeptune/core';
import type { NamedParameter, Storage } from '@deeptune/core';
import { adam } from '../../src/optimizers/adam.js';
import type { GradientTransform } from '../../src/transforms/gradient-transform.js';
import type { OptimizerStateDict } from '../../src/optimizer/optimizer-state-dict.js';
import { parameter, setGrad } from '../helpers/parameters.js';

type EmaState = { shadow: Storage };

/** e ← d·e + (1 − d)·W for every parameter of the step, in place. */
function weightEma(decay: number): GradientTransform<EmaState> {
  return {
    name: 'weight-ema',
    init: (param) => ({ shadow: param.data.slice() }),
    update: ({ parameters }, states) => {
      for (let k = 0; k < parameters.length; k++) {
        const param = parameters[k]!.param;
        const shadow = states[k]!.shadow;
        for (let i = 0; i < param.length; i++) {
          shadow[i] = decay * shadow[i]! + (1 - decay) * param[i]!;
        }
      }
    },
  };
}

const model = (): NamedParameter[] => [
  parameter('dense.weight', [0.5, -1.25, 2, 0.75], 'weight', 'float64', [2, 2]),
  parameter('dense.bias', [0.1, -0.3], 'bias'),
];

/** Step k's gradient of parameter j. */
const gradient = (k: number, j: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.cos(0.9 * k + 1.3 * i + j) * (2 - j));

const STEPS = 6;
const DECAY = 0.8;

/** Plain Adam: the weights after each step, per parameter. */
function plainAdamTrajectory(): number[][][] {
  const parameters = model();
  const optimizer = adam({ learningRate: 0.05, weightDecay: 0.1 }).addParameters(parameters);
  const trajectory: number[][][] = [parameters.map((p) => Array.from(p.value.data))];
  for (let k = 0; k < STEPS; k++) {
    parameters.forEach((p, j) => setGrad(p, gradient(k, j, p.value.size)));
    optimizer.step();
    trajectory.push(parameters.map((p) => Array.from(p.value.data)));
  }
  return trajectory;
}

function adamWithEma(): { parameters: NamedParameter[]; state: OptimizerStateDict } {
  const parameters = model();
  const optimizer = adam({ learningRate: 0.05, weightDecay: 0.1 })
    .withTransforms((chain) => [...chain, weightEma(DECAY)])
    .addParameters(parameters);
  for (let k = 0; k < STEPS; k++) {
    parameters.forEach((p, j) => setGrad(p, gradient(k, j, p.value.size)));
    optimizer.step();
  }
  return { parameters, state: optimizer.stateDict() };
}

describe('a weight-EMA transform written outside the framework, composed with adam', () => {
  it('runs after the rule: adam(...).transforms plus the EMA', () => {
    const optimizer = adam().withTransforms((chain) => [...chain, weightEma(DECAY)]);
    expect(optimizer.transforms.map((transform) => transform.name)).toEqual([
      'learning-rate',
      'weight-decay',
      'adam',
      'weight-ema',
    ]);
  });

  it('leaves the live weights exactly as plain adam moves them', () => {
    const plain = plainAdamTrajectory();
    const { parameters } = adamWithEma();
    expect(parameters.map((p) => Array.from(p.value.data))).toEqual(plain[STEPS]);
    // The weights really moved.
    expect(plain[STEPS]![0]![0]).not.toBe(plain[0]![0]![0]);
  });

  it('keeps shadow weights equal to the EMA of the weight trajectory, computed by hand', () => {
    const plain = plainAdamTrajectory();
    const { state } = adamWithEma();
    // e₀ = W₀;  e_k = d·e_(k−1) + (1 − d)·W_k  for k = 1 … STEPS
    const expected = plain[0]!.map((values, j) =>
      values.map((w0, i) => {
        let e = w0;
        for (let k = 1; k <= STEPS; k++) e = DECAY * e + (1 - DECAY) * plain[k]![j]![i]!;
        return e;
      }),
    );
    const shadows = state.transforms!['weight-ema']!;
    expect(Object.keys(shadows)).toEqual(['dense.weight', 'dense.bias']);
    expect(Array.from(shadows['dense.weight']!['shadow'] as Float64Array)).toEqual(expected[0]);
    expect(Array.from(shadows['dense.bias']!['shadow'] as Float64Array)).toEqual(expected[1]);
    // A real average: not the last weights, not the first.
    expect(expected[0]![0]).not.toBe(plain[STEPS]![0]![0]);
    expect(expected[0]![0]).not.toBe(plain[0]![0]![0]);
    // Adam's own state is where it always was.
    expect(Object.keys(state.parameters['dense.weight']!).sort()).toEqual(['m', 't', 'v']);
  });

  it('saves and restores the EMA with the optimizer, and refuses a state dict without it', () => {
    const { parameters, state } = adamWithEma();
    const resumed = model();
    resumed.forEach((p, j) => p.value.data.set(parameters[j]!.value.data));
    const optimizer = adam({ learningRate: 0.05, weightDecay: 0.1 })
      .withTransforms((chain) => [...chain, weightEma(DECAY)])
      .addParameters(resumed);
    optimizer.loadStateDict(JSON.parse(JSON.stringify(state, arrays)) as OptimizerStateDict);
    expect(optimizer.stateDict()).toEqual(state);

    const { transforms: _, ...withoutEma } = state;
    const fresh = adam()
      .withTransforms((chain) => [...chain, weightEma(DECAY)])
      .addParameters(model());
    let error: unknown;
    try {
      fresh.loadStateDict(withoutEma);
    } catch (caught) {
      error = caught;
    }
    expect(StateDictError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('missing: [weight-ema]');
  });
});

function arrays(_key: string, value: unknown): unknown {
  return value instanceof Float64Array ? Array.from(value) : value;
}
