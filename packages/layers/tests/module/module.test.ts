import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ones,
  ShapeError,
  StateDictError,
  tensor,
  zeros,
  type ForwardMode,
  type Tensor,
} from '@deeptune/core';
import { Module } from '../../src/module/module.js';
import { Sequential } from '../../src/module/sequential.js';

/** y = x ⊙ scale + shift, with a buffer counting training passes and a record of modes seen. */
class Affine extends Module {
  readonly typeName = 'Affine';
  readonly scale: Tensor;
  readonly shift: Tensor;
  readonly passes: Tensor;
  readonly modes: ForwardMode[] = [];

  constructor(features: number) {
    super();
    this.scale = this.registerParameter('scale', ones([features], { dtype: 'float64' }), 'weight');
    this.shift = this.registerParameter('shift', zeros([features], { dtype: 'float64' }), 'bias');
    this.passes = this.registerBuffer('passes', zeros([1], { dtype: 'float64' }));
  }

  protected call(input: Tensor, mode: ForwardMode): Tensor {
    this.modes.push(mode);
    if (mode.training) this.passes.data[0]! += 1;
    return input.mul(this.scale).add(this.shift);
  }

  override describe(): string {
    return `${this.scale.size} features`;
  }
}

function model(): Sequential {
  return new Sequential([new Affine(2), new Affine(2)]);
}

describe('Module', () => {
  it('lists parameters with dotted paths and roles, depth-first', () => {
    expect(
      model()
        .namedParameters()
        .map((p) => `${p.path}:${p.role}`),
    ).toEqual([
      'affine1.scale:weight',
      'affine1.shift:bias',
      'affine2.scale:weight',
      'affine2.shift:bias',
    ]);
    expect(model().parameterCount()).toBe(8);
  });

  it('switches every descendant between training and inference', () => {
    const m = model();
    m.eval();
    expect(m.modules().every((module) => !module.training)).toBe(true);
    m.train();
    expect(m.modules().every((module) => module.training)).toBe(true);
  });

  it('lets an explicit mode override the module state for one call', () => {
    const m = model().eval();
    m.forward(tensor([[1, 2]], { dtype: 'float64' }), { training: true, stochastic: false });
    const first = m.layers[0] as Affine;
    expect(first.modes.at(-1)).toEqual({ training: true, stochastic: false });
    m.forward(tensor([[1, 2]], { dtype: 'float64' }));
    expect(first.modes.at(-1)).toEqual({ training: false, stochastic: false });
  });

  it('round-trips stateDict bit-exactly, including buffers', () => {
    const source = model();
    source.forward(tensor([[1, 2]], { dtype: 'float64' }));
    for (const p of source.parameters())
      for (let i = 0; i < p.size; i++) p.data[i] = (Math.PI * (i + 1)) / 7;
    const target = model();
    const result = target.loadStateDict(source.stateDict());
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    for (const [key, value] of Object.entries(source.stateDict())) {
      expect(Array.from(target.stateDict()[key]!.data)).toEqual(Array.from(value.data));
    }
    expect(Object.keys(source.stateDict())).toContain('affine1.passes');
  });

  it('reports missing and unexpected keys, and throws on them when strict', () => {
    const dict = model().stateDict();
    delete dict['affine2.shift'];
    dict['affine3.scale'] = ones([2], { dtype: 'float64' });
    expect(() => model().loadStateDict(dict)).toThrow(StateDictError);
    expect(() => model().loadStateDict(dict)).toThrow(
      /missing keys: affine2.shift; unexpected keys: affine3.scale/,
    );
    expect(model().loadStateDict(dict, { strict: false })).toEqual({
      missingKeys: ['affine2.shift'],
      unexpectedKeys: ['affine3.scale'],
    });
  });

  it('refuses a state whose shapes differ, changing nothing', () => {
    const dict = model().stateDict();
    dict['affine1.scale'] = ones([3], { dtype: 'float64' });
    const target = model();
    expect(() => target.loadStateDict(dict)).toThrow(
      /'affine1.scale' is float64 \[3\] but the model has float64 \[2\]/,
    );
  });

  it('prints a summary with output shapes and parameter counts', () => {
    const text = model().summary([2]);
    expect(text).toContain('affine1  Affine(2 features)  [-1, 2]');
    expect(text).toContain('total parameters: 8');
  });

  it('rejects dotted or duplicate names', () => {
    class Bad extends Module {
      readonly typeName = 'Bad';
      constructor(name: string) {
        super();
        this.registerParameter('w', ones([1]), 'weight');
        this.registerParameter(name, ones([1]), 'weight');
      }
      protected call(input: Tensor): Tensor {
        return input;
      }
    }
    expect(() => new Bad('a.b')).toThrow(ConfigError);
    expect(() => new Bad('w')).toThrow(/already registered/);
  });
});

describe('Sequential errors', () => {
  it('name the layer that failed, keeping the error class', () => {
    const model = new Sequential([new Affine(2), new Affine(3)]);
    try {
      model.forward(tensor([[1, 2]], { dtype: 'float64' }));
      expect.unreachable();
    } catch (error) {
      expect(ShapeError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /^affine2: mul: shapes \[1, 2\] and \[3\] cannot be broadcast/,
      );
    }
  });
});
