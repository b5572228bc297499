import { describe, expect, it } from 'vitest';
import type { Tensor } from '@deeptune/core';
import { ConfigError, ones, tensor } from '@deeptune/core';
import { Activation, Dense, Module, Sequential } from '../../src/index.js';

class Named extends Module {
  readonly typeName = 'Named';
  constructor(name: string) {
    super();
    this.registerParameter(name, ones([2]), 'weight');
  }
  protected call(input: Tensor): Tensor {
    return input;
  }
}

describe('names that are prototype keys', () => {
  it("refuses '__proto__' as a parameter, buffer or child name", () => {
    expect(() => new Named('__proto__')).toThrow(ConfigError);
    expect(() => new Named('__proto__')).toThrow(
      /invalid name '__proto__': it is the prototype key/,
    );
    expect(
      () => new Sequential(Object.fromEntries([['__proto__', new Activation('relu')]])),
    ).toThrow(/invalid name '__proto__'/);
  });

  it("refuses a record of layers whose '__proto__' key became its prototype", () => {
    const layers = { __proto__: new Dense({ inputs: 2, units: 2 }), relu: new Activation('relu') };
    expect(() => new Sequential(layers as unknown as Record<string, Module>)).toThrow(
      /the key '__proto__' in an object literal sets the prototype/,
    );
  });

  it('reads only own keys of a state dictionary: inherited names are missing, not values', () => {
    const module = new Named('constructor');
    expect(module.loadStateDict({}, { strict: false })).toEqual({
      missingKeys: ['constructor'],
      unexpectedKeys: [],
    });
    expect(() => module.loadStateDict({})).toThrow(/missing keys: constructor/);
    const dict = Object.create(null) as Record<string, Tensor>;
    dict['constructor'] = tensor([3, 4]);
    module.loadStateDict(dict);
    expect(Array.from(module.namedParameters()[0]!.value.data)).toEqual([3, 4]);
  });
});
