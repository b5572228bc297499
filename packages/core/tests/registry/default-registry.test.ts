import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { createRegistry } from '../../src/registry/create-registry.js';
import { getDefaultRegistry, setDefaultRegistry } from '../../src/registry/default-registry.js';
import { Registry } from '../../src/registry/registry.js';

describe('getDefaultRegistry', () => {
  it('starts empty: importing registers nothing', () => {
    expect(getDefaultRegistry()).toBeInstanceOf(Registry);
    expect(getDefaultRegistry().list()).toEqual([]);
  });

  it('returns the same instance every time', () => {
    expect(getDefaultRegistry()).toBe(getDefaultRegistry());
  });
});

describe('setDefaultRegistry', () => {
  it('replaces the default and returns a function that restores the previous one', () => {
    const original = getDefaultRegistry();
    const replacement = createRegistry();
    const restore = setDefaultRegistry(replacement);
    expect(getDefaultRegistry()).toBe(replacement);
    restore();
    expect(getDefaultRegistry()).toBe(original);
  });

  it('restores nothing once another registry was installed', () => {
    const first = createRegistry();
    const second = createRegistry();
    const restoreFirst = setDefaultRegistry(first);
    const restoreSecond = setDefaultRegistry(second);
    restoreFirst();
    expect(getDefaultRegistry()).toBe(second);
    restoreSecond();
    expect(getDefaultRegistry()).toBe(first);
    restoreFirst();
  });

  it('rejects something that is not a registry', () => {
    expect(() => setDefaultRegistry({} as Registry)).toThrow(ConfigError);
    expect(() => setDefaultRegistry({} as Registry)).toThrow(
      'setDefaultRegistry: expected a Registry',
    );
  });
});
