import { afterEach, describe, expect, it } from 'vitest';
import { getLogger, setLogger, warnOnce, type Logger } from '../../src/index.js';

describe('warnOnce', () => {
  let previous: Logger | undefined;
  afterEach(() => {
    if (previous !== undefined) setLogger(previous);
  });

  it('gives each warning once to the injected logger', () => {
    const warnings: string[] = [];
    const logger: Logger = { warn: (message) => warnings.push(message) };
    previous = setLogger(logger);
    expect(getLogger()).toBe(logger);
    warnOnce('a: first.');
    warnOnce('a: first.');
    warnOnce('b: second.');
    expect(warnings).toEqual(['a: first.', 'b: second.']);
    // A newly set logger hears the warning again.
    setLogger({ warn: (message) => warnings.push(`again ${message}`) });
    warnOnce('a: first.');
    expect(warnings.at(-1)).toBe('again a: first.');
  });
});
