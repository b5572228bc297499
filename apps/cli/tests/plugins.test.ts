import { describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/** Runs `deeptune plugins <arguments>`, the arguments separated by single spaces. */
const plugins = (args: string): Promise<CliRun> => runCli(['plugins', ...args.split(' ')]);

interface JsonOption {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly default: string | null;
  readonly range: string | null;
}

interface JsonOutput {
  readonly kinds: readonly {
    readonly kind: string;
    readonly plugins: readonly {
      readonly name: string;
      readonly description: string;
      readonly options: readonly JsonOption[];
    }[];
  }[];
}

describe('deeptune plugins list', () => {
  it('lists every kind with its plugins and their descriptions', async () => {
    const { code, stdout, stderr } = await plugins('list');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ plugins of 14 kinds/);
    for (const kind of ['initializer', 'optimizer', 'regularizer', 'dataset', 'callback']) {
      expect(stdout).toMatch(new RegExp(`^${kind}: \\d+ plugins?$`, 'm'));
    }
    for (const name of ['adam', 'l2', 'he-normal', 'mnist', 'early-stopping']) {
      expect(stdout).toMatch(new RegExp(`^  ${name}\\n    \\S`, 'm'));
    }
    expect(stdout).toContain('  he-normal\n    He normal: N(0, 2/nIn), for ReLU layers.');
  });

  it("shows an optimizer's options with type, range and default", async () => {
    const { code, stdout } = await plugins('list optimizer');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^optimizer: 5 plugins$/m);
    expect(stdout).not.toContain('initializer:');
    const adam = stdout.slice(stdout.indexOf('\n  adam\n'), stdout.indexOf('\n  adamw\n'));
    expect(adam).toMatch(/^ {6}learningRate {2}default 0\.001; /m);
    expect(adam).toMatch(/^ {6}beta1 +default 0\.9; number in \[0, 1\)$/m);
    expect(adam).toMatch(/^ {6}beta2 +default 0\.999; number in \[0, 1\)$/m);
    expect(adam).toMatch(/^ {6}epsilon +default 1e-8; number > 0$/m);
    expect(adam).toMatch(/^ {6}clipNorm +optional; number > 0$/m);
    expect(adam).toContain('Weight β₁ of the first-moment average (momentum).');
  });

  it('marks options without a default as required', async () => {
    const { stdout } = await plugins('list layer');
    expect(stdout).toMatch(/^ {6}units +required; integer >= 1$/m);
  });

  it('includes the plugins loaded with --plugin', async () => {
    const { code, stdout } = await plugins('list optimizer --plugin ./tests/fixtures/lion.mjs');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^optimizer: 6 plugins$/m);
    expect(stdout).toContain('  acme:lion\n    Lion: sign of an interpolated momentum');
    const lion = stdout.slice(stdout.indexOf('\n  acme:lion\n'), stdout.indexOf('\n  adam\n'));
    expect(lion).toMatch(/learningRate {2}default 0\.0001; /);
    expect(lion).toMatch(/beta1 +default 0\.9; number in \[0, 1\)/);
    expect(lion).toMatch(/beta2 +default 0\.99; number in \[0, 1\)/);
  });

  it('says so for a kind with no plugins', async () => {
    const { code, stdout } = await plugins('list metric');
    expect(code).toBe(0);
    expect(stdout).toBe('metric: none registered\n');
  });

  it("says that tune's --sampler and --pruner choose searchers and pruners", async () => {
    const searchers = await plugins('list searcher');
    expect(searchers.stdout.replace(/\s+/g, ' ')).toContain(
      '(deeptune tune: choose with --sampler <name>; set options with --sampler.<option>, or sampler: { name: <name>, <option>: <value> } in a config file)',
    );
    expect(searchers.stdout).toMatch(/^ {2}coarse-to-fine\n/m);
    const pruners = await plugins('list pruner');
    expect(pruners.stdout.replace(/\s+/g, ' ')).toContain(
      '(deeptune tune: choose with --pruner <name>;',
    );
    expect(pruners.stdout).toMatch(/^ {2}asha\n/m);
  });

  it('prints the listing as JSON with --json', async () => {
    const { code, stdout } = await plugins('list optimizer --json');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as JsonOutput;
    expect(output.kinds.map((entry) => entry.kind)).toEqual(['optimizer']);
    const adam = output.kinds[0]!.plugins.find((plugin) => plugin.name === 'adam')!;
    expect(adam.description).toContain('Adam');
    expect(adam.options.find((option) => option.name === 'beta1')).toEqual({
      name: 'beta1',
      type: 'number',
      required: false,
      default: '0.9',
      range: '[0, 1)',
      scale: null,
      description: 'Weight β₁ of the first-moment average (momentum).',
    });
    expect(adam.options.find((option) => option.name === 'clipNorm')).toMatchObject({
      default: null,
      required: false,
    });
  });

  it.each([
    ['list optimiser', "unknown plugin kind 'optimiser'. Did you mean 'optimizer'?"],
    ['list optimizers', "Did you mean 'optimizer'?"],
    ['lst', "unknown subcommand 'lst'. Did you mean 'list'?"],
    ['show optimizer', "unknown subcommand 'show'"],
    ['--json', 'missing <subcommand>'],
    ['list optimizer adam', "unexpected argument 'adam'"],
  ])('rejects plugins %s with exit code 2', async (args, message) => {
    expectCliError(await plugins(args), 2, message);
  });

  it('documents the subcommand, the kinds and --plugin in --help', async () => {
    const { code, stdout } = await plugins('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: deeptune plugins <subcommand> [kind] [flags]');
    expect(stdout).toContain('subcommand    list: show the registered plugins');
    expect(stdout).toContain('optimizer, schedule, callback');
    expect(stdout).toContain('deeptune plugins list optimizer --plugin ./lion.mjs');
  });
});
