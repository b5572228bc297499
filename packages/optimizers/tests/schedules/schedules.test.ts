import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  NumericError,
  StateDictError,
  portablePow,
  portableSinCos,
} from '@deeptune/core';
import { exponentialDecay } from '../../src/schedules/exponential-decay.js';
import { manualSchedule } from '../../src/schedules/manual-schedule.js';
import { perEpoch } from '../../src/schedules/per-epoch.js';
import { reduceOnPlateau } from '../../src/schedules/reduce-on-plateau.js';
import { squareRootDecay } from '../../src/schedules/square-root-decay.js';
import { staircaseDecay } from '../../src/schedules/staircase-decay.js';
import { timeDecay } from '../../src/schedules/time-decay.js';
import { warmupCosine } from '../../src/schedules/warmup-cosine.js';
import { isStatefulSchedule } from '../../src/schedules/stateful-schedule.js';

describe('timeDecay', () => {
  it('reproduces the course table: α₀ = 0.2, decay 1 → 0.1, 0.0667, 0.05, 0.04 (epochs from 1)', () => {
    const schedule = timeDecay({ initialLearningRate: 0.2, decayRate: 1 });
    const rates = [1, 2, 3, 4].map(schedule);
    expect(rates[0]).toBeCloseTo(0.1, 15);
    expect(rates[1]).toBeCloseTo(0.0667, 4);
    expect(rates[2]).toBeCloseTo(0.05, 15);
    expect(rates[3]).toBeCloseTo(0.04, 15);
  });

  it('rejects epoch 0 and fractional epochs (epochs count from 1)', () => {
    const schedule = timeDecay({ initialLearningRate: 0.2 });
    expect(() => schedule(0)).toThrow(ConfigError);
    expect(() => schedule(1.5)).toThrow('integer >= 1');
  });
});

describe('the other schedules', () => {
  it('exponential: α₀·k^epoch', () => {
    const schedule = exponentialDecay({ initialLearningRate: 0.1, decayRate: 0.95 });
    expect(schedule(1)).toBeCloseTo(0.095, 15);
    expect(schedule(3)).toBeCloseTo(0.1 * 0.95 ** 3, 15);
  });

  it('square root: α₀·k/√epoch', () => {
    const schedule = squareRootDecay({ initialLearningRate: 0.1, factor: 2 });
    expect(schedule(1)).toBeCloseTo(0.2, 15);
    expect(schedule(4)).toBeCloseTo(0.1, 15);
  });

  it('staircase: α₀·0.5^⌊epoch/k⌋', () => {
    const schedule = staircaseDecay({ initialLearningRate: 0.8, decaySteps: 2 });
    expect([1, 2, 3, 4, 5].map(schedule)).toEqual([0.8, 0.4, 0.4, 0.2, 0.2]);
  });

  it('manual: values[epoch − 1], and an error beyond the table', () => {
    const schedule = manualSchedule({ values: [0.1, 0.05, 0.01] });
    expect([1, 2, 3].map(schedule)).toEqual([0.1, 0.05, 0.01]);
    expect(() => schedule(4)).toThrow('beyond the table of 3 learning rates');
  });

  it('warmup + cosine: linear to α₀, cosine to the minimum, then the minimum', () => {
    const schedule = warmupCosine({
      initialLearningRate: 1,
      warmupSteps: 4,
      totalSteps: 12,
      minLearningRate: 0.1,
    });
    expect(schedule(1)).toBeCloseTo(0.25, 15);
    expect(schedule(4)).toBeCloseTo(1, 15);
    expect(schedule(8)).toBeCloseTo(0.55, 15);
    expect(schedule(12)).toBeCloseTo(0.1, 15);
    expect(schedule(100)).toBe(0.1);
    expect(() => warmupCosine({ initialLearningRate: 1, warmupSteps: 5, totalSteps: 5 })).toThrow(
      InvalidHyperparameterError,
    );
  });

  it('uses portable powers and cosines, bit for bit, so every engine gets the same rates', () => {
    const exponential = exponentialDecay({ initialLearningRate: 0.1, decayRate: 0.95 });
    const staircase = staircaseDecay({ initialLearningRate: 0.8, decaySteps: 3, decayRate: 0.7 });
    const cosine = warmupCosine({ initialLearningRate: 1, warmupSteps: 0, totalSteps: 1000 });
    for (let step = 1; step <= 1000; step++) {
      expect(exponential(step)).toBe(0.1 * portablePow(0.95, step));
      expect(staircase(step)).toBe(0.8 * portablePow(0.7, Math.floor(step / 3)));
      expect(cosine(step)).toBe(0.5 * (1 + portableSinCos(step / 1000 / 2)[1]));
    }
    expect(cosine(500)).toBe(0.5); // cos(π/2) is exactly 0 here (Math.cos gives 6.1e-17)
  });

  it('perEpoch maps steps to epochs (both from 1)', () => {
    const schedule = perEpoch(timeDecay({ initialLearningRate: 0.2 }), 3);
    expect([1, 2, 3, 4].map(schedule)).toEqual([0.1, 0.1, 0.1, 0.2 / 3]);
    expect(() => perEpoch(schedule, 0)).toThrow(InvalidHyperparameterError);
  });

  it.each([
    () => timeDecay({ initialLearningRate: 0 }),
    () => exponentialDecay({ initialLearningRate: 0.1, decayRate: 1.5 }),
    () => staircaseDecay({ initialLearningRate: 0.1, decaySteps: 0 }),
    () => manualSchedule({ values: [0.1, -1] }),
    () => reduceOnPlateau({ initialLearningRate: 0.1, factor: 1 }),
  ])('rejects out-of-range options with InvalidHyperparameterError (%#)', (make) => {
    expect(make).toThrow(InvalidHyperparameterError);
  });
});

describe('reduceOnPlateau', () => {
  it('multiplies the rate by factor after more than `patience` observations without improvement', () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 1, factor: 0.5, patience: 1 });
    expect(isStatefulSchedule(schedule)).toBe(true);
    expect(schedule.observe(1)).toBe(1);
    expect(schedule.observe(0.5)).toBe(1);
    expect(schedule.observe(0.6)).toBe(1);
    expect(schedule.observe(0.7)).toBe(0.5);
    expect(schedule(123)).toBe(0.5);
    expect(schedule.stateDict()).toEqual({
      learningRate: 0.5,
      best: 0.5,
      badEpochs: 0,
      cooldownLeft: 0,
    });
  });

  it('round-trips its explicit state and validates it', () => {
    const a = reduceOnPlateau({ initialLearningRate: 1, mode: 'max', patience: 0 });
    a.observe(0.8);
    a.observe(0.7);
    const b = reduceOnPlateau({ initialLearningRate: 1, mode: 'max', patience: 0 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())) as ReturnType<typeof a.stateDict>);
    expect(b.learningRate).toBeCloseTo(0.1, 15);
    expect(b.observe(0.75)).toBe(a.observe(0.75));
    expect(() => b.loadStateDict({ learningRate: 1 })).toThrow(StateDictError);
  });

  it('is a pure transition of explicit state: transition(state, metric) changes nothing', () => {
    const schedule = reduceOnPlateau({ initialLearningRate: 1, factor: 0.5, patience: 1 });
    const start = schedule.stateDict();
    // Hand-run: 1 improves (best 1), 2 and 3 do not (badEpochs 1, then 2 > patience → halve).
    let state = start;
    for (const metric of [1, 2, 3]) state = schedule.transition(state, metric);
    expect(state).toEqual({ learningRate: 0.5, best: 1, badEpochs: 0, cooldownLeft: 0 });
    expect(schedule.stateDict()).toEqual(start);
    expect(schedule(1)).toBe(1);
    // observe is the same rule applied to the schedule's own state.
    for (const metric of [1, 2, 3]) schedule.observe(metric);
    expect(schedule.stateDict()).toEqual(state);
    expect(() => schedule.transition({ learningRate: -1 } as never, 1)).toThrow(StateDictError);
    expect(() => schedule.transition(state, Number.NaN)).toThrow(NumericError);
  });
});
