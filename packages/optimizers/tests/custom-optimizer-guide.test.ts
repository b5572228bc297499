import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry, option, zerosLike } from '@deeptune/core';
import lionPlugin from '../examples/lion.js';
import { defineOptimizer } from '../src/optimizer/define-optimizer.js';
import type { OptimizerPlugin } from '../src/optimizer/define-optimizer.js';
import { parameter, setGrad } from './helpers/parameters.js';

const GUIDE = readFileSync(
  new URL('../../../docs/guides/custom-optimizer.md', import.meta.url),
  'utf8',
);
const EXAMPLE = readFileSync(new URL('../examples/lion.ts', import.meta.url), 'utf8');

/** The body of the fenced block whose info string is exactly `info` (and that starts so). */
function block(info: string, start = ''): string {
  const blocks = [...GUIDE.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)];
  const found = blocks.filter(([, each, body]) => each === info && body!.startsWith(start));
  expect(found, `one \`\`\`${info} block`).toHaveLength(1);
  return found[0]![2]!;
}

/** The code from `const beta` on: the plugin without its imports and comments. */
const rule = (source: string): string => source.slice(source.indexOf('const beta'));

/** Loads the guide's lion.mjs with this package's `defineOptimizer` and core's helpers. */
function loadGuidePlugin(source: string): OptimizerPlugin {
  const imports = [
    "import { option, zerosLike } from '@deeptune/core';",
    "import { defineOptimizer } from '@deeptune/optimizers';",
  ];
  for (const line of imports) expect(source).toContain(line);
  const body = rule(source).replace('export default ', 'return ');
  const load = new Function('option', 'zerosLike', 'defineOptimizer', body) as (
    ...args: unknown[]
  ) => OptimizerPlugin;
  return load(option, zerosLike, defineOptimizer);
}

describe('docs/guides/custom-optimizer.md', () => {
  it('has the package.json of a module package without deeptune as a dependency', () => {
    const manifest = JSON.parse(block('json file=package.json')) as Record<string, unknown>;
    expect(manifest['type']).toBe('module');
    expect(manifest['exports']).toBe('./lion.mjs');
    expect(manifest['dependencies']).toBeUndefined();
  });

  it('installs the imported packages as peers and trains with the installed command', () => {
    const commands = block('sh')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(commands).toEqual([
      'npm install --save-peer @deeptune/core @deeptune/optimizers',
      'npm install --save-dev @deeptune/cli',
      'npx deeptune train --plugin ./lion.mjs --optimizer acme:lion --dataset moons --save models/lion',
    ]);
  });

  it('shows examples/lion.ts as the TypeScript version, and lion.mjs is it without types', () => {
    const typescript = block('ts', '// lion.ts\n');
    expect(rule(typescript)).toBe(rule(EXAMPLE));
    const withoutTypes = rule(EXAMPLE).replaceAll('!', '').replace('(value: number)', '(value)');
    expect(rule(block('js file=lion.mjs'))).toBe(withoutTypes);
  });

  it('runs lion.mjs: the same steps as examples/lion.ts, selected by name from a registry', () => {
    const guidePlugin = loadGuidePlugin(block('js file=lion.mjs'));
    const registry = createRegistry();
    registry.register(guidePlugin);
    const fromGuide = parameter('w', [1, 1, 1]);
    const fromExample = parameter('w', [1, 1, 1]);
    const options = { learningRate: 0.1, beta1: 0.5 };
    const a = registry.create('optimizer', 'acme:lion', options).addParameters([fromGuide]);
    const b = lionPlugin.create(options).addParameters([fromExample]);
    for (const gradient of [
      [2, -3, 0],
      [-1, -1, 4],
    ]) {
      setGrad(fromGuide, gradient);
      setGrad(fromExample, gradient);
      a.step();
      b.step();
    }
    // step 1: c = (1 − β₁)·dW → W = 1 − 0.1·sign(c) = [0.9, 1.1, 1]; m = 0.01·dW
    // step 2: c = 0.5·m + 0.5·dW = [−0.49, −0.515, 2] → W = [1.0, 1.2, 0.9]
    expect(Array.from(fromGuide.value.data)).toEqual(Array.from(fromExample.value.data));
    [1.0, 1.2, 0.9].forEach((w, i) => expect(fromGuide.value.data[i]).toBeCloseTo(w, 14));
  });
});
