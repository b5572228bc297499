import { describe, expect, it } from 'vitest';
import { createRegistry, validateOptions } from '@deeptune/core';
import { plugin } from '../src/index.js';

describe('the dropout plugin declares the state it creates', () => {
  it('none: dropout has no parameters or buffers', () => {
    const registry = createRegistry({ plugins: [plugin] });
    const entry = registry.get('layer', 'dropout');
    const options = { keepProb: 0.8 };
    expect(entry.stateShapes!(validateOptions("layer 'dropout'", entry.options, options))).toEqual(
      {},
    );
    const layer = registry.create('layer', 'dropout', options);
    expect(layer.namedParameters()).toEqual([]);
    expect(layer.namedBuffers()).toEqual([]);
  });
});
