import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidHyperparameterError, ones, Rng } from '@deeptune/core';
import { Dense, Sequential } from '@deeptune/layers';
import { Dropout } from '../../src/dropout/dropout.js';
import { withDropout } from '../../src/dropout/with-dropout.js';

const dense = (inputs: number, units: number): Dense =>
  new Dense({ inputs, units, dtype: 'float64', rng: new Rng(inputs * 100 + units) });

describe('withDropout', () => {
  it('puts keepProbs[l] in front of layers[l] and skips entries equal to 1', () => {
    const layers = [dense(4, 8), dense(8, 6), dense(6, 2)];
    const modules = withDropout(layers, { keepProbs: [1, 0.5, 0.8], rng: new Rng(0) });
    expect(modules.map((m) => m.typeName)).toEqual([
      'Dense',
      'Dropout',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    expect((modules[1] as Dropout).keepProb).toBe(0.5);
    expect((modules[3] as Dropout).keepProb).toBe(0.8);
    const model = new Sequential(modules);
    expect(model.namedChildren().map(([name]) => name)).toEqual([
      'dense1',
      'dropout1',
      'dense2',
      'dropout2',
      'dense3',
    ]);
  });

  it('can drop input features too (keepProbs[0] < 1)', () => {
    const modules = withDropout([dense(4, 2)], { keepProbs: [0.9] });
    expect(modules.map((m) => m.typeName)).toEqual(['Dropout', 'Dense']);
  });

  it('gives every Dropout its own generator, reproducibly', () => {
    const x = ones([4, 8], { dtype: 'float64' });
    const build = (): Dropout[] =>
      withDropout([dense(8, 8), dense(8, 8)], { keepProbs: [0.5, 0.5], rng: new Rng(1) }).filter(
        (m): m is Dropout => m instanceof Dropout,
      );
    const [a1, a2] = build();
    const [b1] = build();
    const mask1 = [...a1!.forward(x).data];
    expect(mask1).toEqual([...b1!.forward(x).data]);
    expect(mask1).not.toEqual([...a2!.forward(x).data]);
  });

  it('throws ConfigError when keepProbs does not have one entry per layer', () => {
    expect(() => withDropout([dense(2, 2), dense(2, 2)], { keepProbs: [0.5] })).toThrow(
      ConfigError,
    );
    expect(() => withDropout([dense(2, 2)], { keepProbs: [0.5, 0.5] })).toThrow(
      /one keep probability per layer \(1\)/,
    );
  });

  it('throws InvalidHyperparameterError naming the bad entry', () => {
    const create = (): unknown => withDropout([dense(2, 2), dense(2, 2)], { keepProbs: [1, 0] });
    expect(create).toThrow(InvalidHyperparameterError);
    expect(create).toThrow("withDropout: option 'keepProbs[1]' must be in (0, 1], got 0");
  });

  it('throws ConfigError for layers that are not modules', () => {
    expect(() => withDropout([{} as Dense], { keepProbs: [1] })).toThrow(
      'withDropout: layers[0] is not a Module',
    );
  });
});
