import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../src/registry/closest-match.js';

describe('editDistance', () => {
  it.each([
    ['adam', 'adam', 0],
    ['adam', 'adma', 1],
    ['sgd', 'sgdd', 1],
    ['relu', 'elu', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('counts edits between %s and %s as %i (swaps of neighbours cost 1)', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closestMatch', () => {
  const names = ['adam', 'momentum', 'sgd', 'rmsprop'];

  it('returns the nearest candidate for a typo', () => {
    expect(closestMatch('adma', names)).toBe('adam');
    expect(closestMatch('momentun', names)).toBe('momentum');
    expect(closestMatch('learnignRate', ['learningRate', 'beta1'])).toBe('learningRate');
  });

  it('ignores case', () => {
    expect(closestMatch('Adam', names)).toBe('adam');
    expect(closestMatch('SGD', names)).toBe('sgd');
  });

  it('returns nothing when no candidate is close', () => {
    expect(closestMatch('lbfgs', names)).toBeUndefined();
    expect(closestMatch('x', ['l1', 'l2'])).toBeUndefined();
    expect(closestMatch('adam', [])).toBeUndefined();
  });

  it('suggests a namespaced name whose local part matches', () => {
    expect(closestMatch('lion', ['acme:lion', 'adam'])).toBe('acme:lion');
  });

  it('compares with the local part of namespaced names', () => {
    expect(closestMatch('toy-sdg', ['acme:toy-sgd', 'adam'])).toBe('acme:toy-sgd');
  });
});

describe('didYouMean', () => {
  it('formats a suggestion or nothing', () => {
    expect(didYouMean('adma', ['adam'])).toBe(" Did you mean 'adam'?");
    expect(didYouMean('zzz', ['adam'])).toBe('');
  });
});
