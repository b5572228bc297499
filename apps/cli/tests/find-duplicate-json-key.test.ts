import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey } from '../src/args/find-duplicate-json-key.js';

describe('findDuplicateJsonKey', () => {
  it('finds a key given twice in one object, with its line and column', () => {
    expect(findDuplicateJsonKey('{\n  "lr": 0.1,\n  "lr": 1\n}')).toEqual({
      key: 'lr',
      line: 3,
      column: 3,
    });
  });

  it('accepts equal keys in different objects and values equal to keys', () => {
    const text = '{"a": {"x": 1}, "b": {"x": "a"}, "c": ["a", "a", {"x": 2}]}';
    expect(findDuplicateJsonKey(text)).toBeUndefined();
  });

  it('decodes escapes, so "\\u006cr" and "lr" are the same key', () => {
    expect(findDuplicateJsonKey('{"lr": 1, "\\u006cr": 2}')?.key).toBe('lr');
  });

  it('is not fooled by quotes, braces and commas inside strings', () => {
    expect(findDuplicateJsonKey('{"a": "}, \\"a\\": {", "b": 1}')).toBeUndefined();
    expect(findDuplicateJsonKey('{"a": "x,y", "b": [1, {"a": 1}], "b": 2}')?.key).toBe('b');
  });
});
