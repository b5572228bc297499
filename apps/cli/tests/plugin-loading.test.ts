import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { installPackageCopy } from './support/install-package-copy.js';
import { runCli } from './support/run-cli.js';

/** The guide whose `lion.mjs` these tests load from a user's folder outside the workspace. */
const GUIDE = join(
  fileURLToPath(new URL('../../../docs/guides/', import.meta.url)),
  'custom-optimizer.md',
);

/** The guide's ```js file=lion.mjs block: the very file its reader writes. */
function guideLion(): string {
  const block = /^```js file=lion\.mjs\n([\s\S]*?)^```$/m.exec(readFileSync(GUIDE, 'utf8'));
  if (block === null) throw new Error(`${GUIDE} has no \`\`\`js file=lion.mjs block`);
  return block[1]!;
}

const LION = guideLion();

/** Lion, also recording which copies of @deeptune/core are loaded when it first runs. */
const LION_REPORTING_COPIES = LION.replace(
  "import { option, zerosLike } from '@deeptune/core';",
  "import { writeFileSync } from 'node:fs';\nimport { loadedCoreCopies, option, zerosLike } from '@deeptune/core';",
).replace(
  'init: (param) => ({',
  "init: (param) => (writeFileSync(new URL('./copies.json', import.meta.url), JSON.stringify(loadedCoreCopies())), {",
);

const TINY = ['--dataset', 'moons', '--examples', '200', '--layers', '4', '--epochs', '2'];
const REPOSITORY_CORE = fileURLToPath(new URL('../../../packages/core/', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-plugins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh folder outside the workspace, holding `files`. */
async function folder(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text);
  return path;
}

describe('--plugin names what cannot be loaded', () => {
  it('names the package the plugin imports that is not installed, and where to install it', async () => {
    const cwd = await folder('no-deps', { 'lion.mjs': LION });
    expectCliError(
      await runCli(['train', '--plugin', './lion.mjs', '--optimizer', 'acme:lion', ...TINY], {
        cwd,
      }),
      2,
      `--plugin ./lion.mjs: cannot load it: package '@deeptune/core' imported from ${join(cwd, 'lion.mjs')} is not installed; install it next to the plugin (npm install @deeptune/core @deeptune/optimizers)`,
    );
  });

  it('lists only the packages still missing', async () => {
    const cwd = await folder('half-deps', { 'lion.mjs': LION });
    await installPackageCopy(cwd, 'core');
    expectCliError(
      await runCli(['plugins', 'list', 'optimizer', '--plugin', './lion.mjs'], { cwd }),
      2,
      `--plugin ./lion.mjs: cannot load it: package '@deeptune/optimizers' imported from ${join(cwd, 'lion.mjs')} is not installed; install it next to the plugin (npm install @deeptune/optimizers)`,
    );
  });

  it('names a file the plugin imports that does not exist', async () => {
    const cwd = await folder('missing-helper', {
      'lion.mjs': "import { rule } from './rule.mjs';\nexport default rule;\n",
    });
    expectCliError(
      await runCli(['plugins', 'list', '--plugin', './lion.mjs'], { cwd }),
      2,
      `--plugin ./lion.mjs: cannot load it: module '${join(cwd, 'rule.mjs')}' imported from ${join(cwd, 'lion.mjs')} does not exist`,
    );
  });

  it('says "no such file" only when the plugin file itself is missing', async () => {
    const cwd = await folder('no-plugin', {});
    expectCliError(
      await runCli(['train', '--plugin', './lion.mjs', '--optimizer', 'acme:lion', ...TINY], {
        cwd,
      }),
      2,
      `--plugin ./lion.mjs: cannot load it: no such file ${join(cwd, 'lion.mjs')}`,
    );
  });
});

describe('a plugin with its own install of the deeptune packages', () => {
  it('trains with the CLI although its copy of @deeptune/core is not the CLI’s', async () => {
    const cwd = await folder('own-install', { 'lion.mjs': LION_REPORTING_COPIES });
    const plugin = join(cwd, 'node_modules', '@deeptune');
    await installPackageCopy(cwd, 'core');
    await installPackageCopy(cwd, 'optimizers');
    const run = await runCli(
      [
        'train',
        '--plugin',
        './lion.mjs',
        '--optimizer',
        'acme:lion',
        '--lr',
        '0.01',
        ...TINY,
        '--batch-size',
        '32',
        '--json',
      ],
      { cwd },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { epochs: { cost: number; learningRate: number }[] };
    expect(result.epochs).toHaveLength(2);
    expect(result.epochs[0]!.learningRate).toBe(0.01);
    expect(Number.isFinite(result.epochs[1]!.cost)).toBe(true);
    const copies = JSON.parse(await readFile(join(cwd, 'copies.json'), 'utf8')) as {
      version: string;
      url: string;
    }[];
    const paths = copies.map((copy) => fileURLToPath(copy.url));
    expect(paths.filter((path) => path.startsWith(join(plugin, 'core')))).toHaveLength(1);
    expect(paths.filter((path) => path.startsWith(REPOSITORY_CORE))).toHaveLength(1);
    expect(new Set(copies.map((copy) => copy.version)).size).toBe(1);
  });

  it('is refused when its @deeptune/core is incompatible, naming both versions and paths', async () => {
    const cwd = await folder('incompatible-install', { 'lion.mjs': LION });
    const cliCore = JSON.parse(await readFile(join(REPOSITORY_CORE, 'package.json'), 'utf8')) as {
      version: string;
    };
    const next = `${Number(cliCore.version.split('.')[0]) + 1}.0.0`;
    await installPackageCopy(cwd, 'core', next);
    await installPackageCopy(cwd, 'optimizers');
    expectCliError(
      await runCli(['train', '--plugin', './lion.mjs', '--optimizer', 'acme:lion', ...TINY], {
        cwd,
      }),
      1,
      new RegExp(
        `optimizer 'acme:lion' made by @deeptune/core ${next} at ${join(cwd, 'node_modules', '@deeptune', 'core', 'dist')}/\\S+ ` +
          `reached @deeptune/core ${cliCore.version} at ${join(REPOSITORY_CORE, 'dist')}/\\S+, and these copies are incompatible`,
      ),
    );
  });
});
