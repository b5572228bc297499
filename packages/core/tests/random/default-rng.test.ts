import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { getDefaultRng, seed, setDefaultRng } from '../../src/random/default-rng.js';
import { Rng } from '../../src/random/rng.js';

describe('getDefaultRng', () => {
  it('starts as new Rng(0), never from the clock', async () => {
    // A fresh module instance, so other tests in this file cannot have touched it.
    vi.resetModules();
    const fresh = await import('../../src/random/default-rng.js');
    expect(fresh.getDefaultRng().getState()).toEqual(new Rng(0).getState());
  });

  it('returns the same generator on every call', () => {
    expect(getDefaultRng()).toBe(getDefaultRng());
  });
});

describe('seed', () => {
  it('re-seeds the default generator in place', () => {
    const before = getDefaultRng();
    seed(42);
    expect(getDefaultRng()).toBe(before);
    expect(before.getState()).toEqual(new Rng(42).getState());
  });

  it('gives the same numbers after the same seed', () => {
    seed(7);
    const first = Array.from({ length: 10 }, () => getDefaultRng().nextFloat());
    seed(7);
    expect(Array.from({ length: 10 }, () => getDefaultRng().nextFloat())).toEqual(first);
  });

  it('drops a pending spare normal', () => {
    getDefaultRng().normal();
    seed(3);
    expect(getDefaultRng().getState().spareNormal).toBeNull();
  });

  it('rejects a non-finite seed with a ConfigError', () => {
    expect(() => seed(Number.NaN)).toThrow(ConfigError);
    let caught: unknown;
    try {
      seed(Number.POSITIVE_INFINITY);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).code).toBe('INVALID_CONFIG');
    expect((caught as ConfigError).message).toContain(
      'seed: seed must be a finite number, got Infinity',
    );
  });
});

describe('setDefaultRng', () => {
  it('makes getDefaultRng return the given generator', () => {
    const rng = new Rng(5);
    setDefaultRng(rng);
    expect(getDefaultRng()).toBe(rng);
    seed(6);
    expect(rng.getState()).toEqual(new Rng(6).getState());
  });

  it('rejects something that is not an Rng', () => {
    const notAnRng = { nextUint32: () => 0 } as unknown as Rng;
    expect(() => setDefaultRng(notAnRng)).toThrow(ConfigError);
    expect(() => setDefaultRng(notAnRng)).toThrow('setDefaultRng: rng must be an Rng, got object');
  });
});
