import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/** A small network on the moons data: 114 parameters, checked at every coordinate. */
const SMALL = 'gradcheck --dataset moons --layers 8,8 --activation tanh';

/** Runs `deeptune <command>`, the arguments separated by single spaces. */
const run = (command: string): Promise<CliRun> => runCli(command.split(' '));

interface JsonParameter {
  readonly name: string;
  readonly shape: readonly number[];
  readonly checked: number;
  readonly total: number;
  readonly relativeDifference: number;
  readonly verdict: string;
}

interface JsonOutput {
  readonly parameters: number;
  readonly checkBatch: number;
  readonly sample: number | 'all';
  readonly passed: boolean;
  readonly checks: readonly {
    readonly steps: number;
    readonly lastBatchCost: number | null;
    readonly report: {
      readonly relativeDifference: number;
      readonly verdict: string;
      readonly checked: number;
      readonly total: number;
      readonly parameters: readonly JsonParameter[];
    };
  }[];
}

describe('deeptune gradcheck --config', () => {
  it('reads the network from a training config and says which keys it ignores', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-gradcheck-config-'));
    try {
      await writeFile(
        join(dir, 'run.yaml'),
        'dataset: moons\nlayers: [6]\nactivation: tanh\nl2: 0.1\nepochs: 30\nsave: models/moons\n',
      );
      const result = await runCli(['gradcheck', '--config', 'run.yaml'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        "deeptune: note: run.yaml sets epochs, save, which 'deeptune gradcheck' does not take; ignored\n",
      );
      expect(result.stdout).toContain('network 2-6-2 tanh');
      expect(result.stdout).toContain('verdict: great');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('deeptune gradcheck', () => {
  it('finds the gradient of a small network with L2 great and exits with 0', async () => {
    const { code, stdout, stderr } = await run(`${SMALL} --l2 0.1`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'checking J = cross-entropy loss + L2 (λ = 0.1) on 16 training examples',
    );
    expect(stdout).toMatch(/at initialization: relative difference \d\.\d{3}e-\d+/);
    expect(stdout).toContain('verdict: great (< 1e-7');
    for (const [name, shape, checked] of [
      ['dense1.weight', '[2, 8]', '16 of 16'],
      ['dense1.bias', '[8]', '8 of 8'],
      ['dense2.weight', '[8, 8]', '64 of 64'],
      ['dense2.bias', '[8]', '8 of 8'],
      ['dense3.weight', '[8, 2]', '16 of 16'],
      ['dense3.bias', '[2]', '2 of 2'],
    ]) {
      expect(stdout).toMatch(
        new RegExp(`^${name}\\s+\\${shape}\\s+${checked}\\s+\\d\\.\\d{2}e-\\d+\\s+great$`, 'm'),
      );
    }
    expect(stdout).toContain('gradient check passed');
  });

  it('stays great with batch norm and dropout, which it switches off', async () => {
    const { code, stdout } = await run(`${SMALL} --batchnorm --keep-prob 0.8`);
    expect(code).toBe(0);
    expect(stdout).toContain("dropout off, batch norm on the batch's statistics");
    expect(stdout).toMatch(/^batchNorm1\.gamma\s+\[8\]\s+8 of 8\s+\S+\s+great$/m);
    expect(stdout).toMatch(/^batchNorm2\.beta\s+\[8\]\s+8 of 8\s+\S+\s+great$/m);
    expect(stdout).not.toMatch(/^dense1\.bias/m);
    expect(stdout).toContain('verdict: great');
  });

  it('checks again after --after optimizer steps', async () => {
    const { code, stdout } = await run(`${SMALL} --after 20 --optimizer momentum`);
    expect(code).toBe(0);
    expect(stdout).toContain('training 20 steps with --optimizer momentum, batch 128');
    expect(stdout).toMatch(/last batch cost \d/);
    expect(stdout).toContain('at initialization: relative difference');
    expect(stdout).toContain('after 20 steps: relative difference');
    expect(stdout.match(/^verdict: great/gm)).toHaveLength(2);
    expect(stdout).toContain('every verdict is great or inspect');
  });

  it('prints the reports as JSON with --json, stopping training mid-epoch', async () => {
    const { code, stdout } = await run(`${SMALL} --after 7 --json`);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as JsonOutput;
    expect(output).toMatchObject({ parameters: 114, checkBatch: 16, sample: 'all', passed: true });
    expect(output.checks.map((check) => check.steps)).toEqual([0, 7]);
    expect(output.checks[0]!.lastBatchCost).toBeNull();
    expect(output.checks[1]!.lastBatchCost).toBeGreaterThan(0);
    for (const { report } of output.checks) {
      expect(report.verdict).toBe('great');
      expect(report.relativeDifference).toBeLessThan(1e-7);
      expect(report.checked).toBe(114);
      expect(report.parameters.map((parameter) => parameter.name).join(' ')).toBe(
        'dense1.weight dense1.bias dense2.weight dense2.bias dense3.weight dense3.bias',
      );
      expect(report.parameters[0]).toMatchObject({
        shape: [2, 8],
        checked: 16,
        total: 16,
        verdict: 'great',
      });
    }
  });

  it('samples 50 coordinates per tensor by default when the model has over 20,000 parameters', async () => {
    const { code, stdout } = await run('gradcheck --dataset moons --layers 150,150');
    expect(code).toBe(0);
    expect(stdout).toContain('23,402 parameters in 6 tensors');
    expect(stdout).toContain('50 coordinates per tensor');
    expect(stdout).toContain('(checked 252 of 23,402 coordinates)');
    expect(stdout).toMatch(/^dense2\.weight\s+\[150, 150\]\s+50 of 22,500\s/m);
    expect(stdout).toMatch(/^dense3\.bias\s+\[2\]\s+2 of 2\s/m);
  });

  it('loads only the examples it checks from MNIST, unless --examples, --split or --after ask for more', async () => {
    const { code, stdout } = await run('gradcheck --layers 8 --check-batch 4');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'dataset mnist: 4 training examples, 784 features, 10 classes, float64',
    );
    expect(stdout).toContain('on 4 training examples');
    const more = await run('gradcheck --layers 8 --check-batch 4 --examples 100');
    expect(more.stdout).toContain('dataset mnist: 80 training examples'); // 80 train / 20 dev
  });

  it('takes --sample n and --sample all', async () => {
    const sampled = await run(`${SMALL} --sample 5 --json`);
    expect((JSON.parse(sampled.stdout) as JsonOutput).checks[0]!.report).toMatchObject({
      checked: 27,
      total: 114,
    });
    const all = await run(`${SMALL} --sample all --json`);
    expect(JSON.parse(all.stdout)).toMatchObject({
      sample: 'all',
      checks: [{ report: { checked: 114 } }],
    });
  });

  it('exits with 1 when a verdict is bug: ReLU exactly at its kink after zero initialization', async () => {
    const { code, stdout } = await run('gradcheck --dataset moons --layers 4 --init zeros');
    expect(code).toBe(1);
    expect(stdout).toContain('verdict: bug (> 1e-3');
    expect(stdout).toMatch(/^worst: dense1\.weight\[\d, \d\] analytic 0\.0+ vs numerical/m);
    expect(stdout).toContain('gradient check failed: bug at initialization');
  });

  it.each([
    ['--sample 0', '--sample must be all, auto or an integer >= 1'],
    ['--sample some', "(coordinates per parameter tensor), got 'some'"],
    ['--dtype float32', "--dtype: unknown value 'float32'"],
    ['--check-batch 5000', '--check-batch 5000 is more than the 600 training examples'],
    ['--lr-decay exp:0.9', 'unknown flag --lr-decay'],
  ])('rejects %s with exit code 2', async (flags, message) => {
    expectCliError(await run(`${SMALL} ${flags}`), 2, message);
  });

  it('lists every option with its default in --help', async () => {
    const { code, stdout } = await run('gradcheck --help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--check-batch <m>\s+Training examples[^[]+\[default: 16\]/);
    expect(stdout).toContain('[default:\n');
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      '[default: auto: all when the model has at most 20,000 parameters, else 50]',
    );
    expect(stdout).toContain('--after <steps>');
    expect(stdout).toContain('--optimizer <name>');
    expect(stdout).toContain('Exit code 0 when every verdict is great or');
    expect(stdout).toContain('Examples:\n  deeptune gradcheck --dataset moons');
  });
});
