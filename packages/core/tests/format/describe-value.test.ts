import { describe, expect, it } from 'vitest';
import { describeValue, formatShape } from '../../src/index.js';

class Point {
  constructor(readonly x = 0) {}
}

describe('describeValue', () => {
  it.each([
    [1.5, '1.5'],
    [-1, '-1'],
    [1e-8, '1e-8'],
    [0, '0'],
    [-0, '-0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [12n, '12n'],
    [true, 'true'],
    [false, 'false'],
    [null, 'null'],
    [undefined, 'undefined'],
    [Symbol('seed'), 'Symbol(seed)'],
  ])('writes the primitive %s as JavaScript does', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it.each([
    ['adam', "'adam'"],
    ['', "''"],
    ['0.1', "'0.1'"],
    ["it's", "'it\\'s'"],
    ['a\\b', "'a\\\\b'"],
    ['two\nlines', "'two\\nlines'"],
    ['x'.repeat(61), `'${'x'.repeat(60)}…'`],
  ])('quotes the string %j in single quotes, escaped and cut', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it.each([
    [[], '[]'],
    [[1, 'a', null], "[1, 'a', null]"],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], '[1, 2, 3, 4, 5, 6, 7, 8, … 2 more]'],
    [[[1, [2, 3]]], '[[1, an array of length 2]]'],
  ])('shows the array %j inline', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it.each([
    [{}, '{}'],
    [{ learningRate: 0.1, name: 'adam' }, "{ learningRate: 0.1, name: 'adam' }"],
    [{ 'a b': 1 }, "{ 'a b': 1 }"],
    [{ outer: { inner: { deep: 1 } } }, '{ outer: { inner: an object with 1 keys } }'],
    [
      Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i])),
      'an object with 9 keys',
    ],
    [Object.create(null) as object, '{}'],
  ])('shows the plain object %j inline', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it.each([
    [() => 1, 'a function'],
    [new Map(), 'a Map'],
    [new Point(), 'a Point'],
    [new Error('x'), 'an Error'],
    [new Float32Array(3), 'a Float32Array of length 3'],
    [new Float64Array(0), 'a Float64Array of length 0'],
    [new Int32Array(2), 'an Int32Array of length 2'],
    [new DataView(new ArrayBuffer(4)), 'a DataView'],
    [Object.create({}) as object, 'an object'],
  ])('names other objects by their class: %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('never prints [object Object] and survives cycles', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(describeValue(cycle)).toBe('{ self: { self: an object with 1 keys } }');
  });

  it.each([
    ['0.1', "'0.1' (a string)"],
    [1, '1 (a number)'],
    [true, 'true (a boolean)'],
    [[1], '[1] (an array)'],
    [{ a: 1 }, '{ a: 1 } (an object)'],
    [null, 'null'],
    [undefined, 'undefined'],
    [() => 1, 'a function'],
    [new Map(), 'a Map'],
  ])('notes the type of %s with withType', (value, expected) => {
    expect(describeValue(value, { withType: true })).toBe(expected);
  });
});

describe('formatShape', () => {
  it.each([
    [[32, 784], '[32, 784]'],
    [[3], '[3]'],
    [[], '[]'],
    [[0, 2, 1], '[0, 2, 1]'],
  ])('writes %j in brackets', (shape, expected) => {
    expect(formatShape(shape)).toBe(expected);
  });
});
