import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@deeptune/core';
import * as gradcheckPackage from '../src/index.js';

/** The repository's README, whose first TypeScript example is the gradient check below. */
const README = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'README.md');
const MODULES: Readonly<Record<string, unknown>> = {
  '@deeptune/core': core,
  '@deeptune/gradcheck': gradcheckPackage,
};

/** The first ```ts block of the README. */
function readmeExample(): string {
  const match = /```ts\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'));
  if (match === null) throw new Error(`${README} has no \`\`\`ts example`);
  return match[1]!;
}

/**
 * Runs the example as written: each `import { a, b } from 'pkg'` becomes a destructuring of
 * the package (the example uses no TypeScript-only syntax, so the rest runs as JavaScript),
 * and `console.log` is captured.
 */
function runExample(code: string): unknown[][] {
  const names: string[] = [];
  const values: unknown[] = [];
  const body = code.replace(/^import \{([^}]+)\} from '([^']+)';$/gm, (_, list: string, from) => {
    if (!(from in MODULES)) throw new Error(`the README example imports ${from}`);
    names.push(`$${names.length}`);
    values.push(MODULES[from]);
    return `const {${list}} = $${names.length - 1};`;
  });
  expect(body).not.toMatch(/^import /m);
  const logged: unknown[][] = [];
  const console = { log: (...args: unknown[]) => logged.push(args) };
  new Function(...names, 'console', body)(...values, console);
  return logged;
}

describe('the README example', () => {
  it('prints the relative difference and the verdict its comment says', () => {
    const code = readmeExample();
    const comment =
      /console\.log\(report\.relativeDifference, report\.verdict\); \/\/ (\S+) '(\w+)'/.exec(code);
    expect(comment, 'the example ends with console.log(…); // <figure> <verdict>').not.toBeNull();
    const [, figure, verdict] = comment!;
    const logged = runExample(code);
    expect(logged).toHaveLength(1);
    const [relativeDifference, printedVerdict] = logged[0]! as [number, string];
    expect(relativeDifference.toPrecision(2)).toBe(Number(figure).toPrecision(2));
    expect(figure, 'the figure is written with two significant digits').toMatch(/^\d\.\de-\d+$/);
    expect(printedVerdict).toBe(verdict);
  });
});
