import { describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/** Runs `deeptune diagnose <flags>`, the flags separated by single spaces. */
const diagnose = (flags: string): Promise<CliRun> => runCli(['diagnose', ...flags.split(' ')]);

describe('deeptune diagnose', () => {
  it('finds high bias for 15 % train, 16 % dev and 1 % base error, with bias advice first', async () => {
    const { code, stdout, stderr } = await diagnose(
      '--train-error 0.15 --dev-error 0.16 --base-error 0.01',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('train error 15.00 %, dev error 16.00 %, base error 1.00 %');
    expect(stdout).toContain('bias/variance: high bias (underfitting)');
    expect(stdout).toContain(
      'avoidable bias (train - base error) 14.00 %, variance (dev - train error) 1.00 %',
    );
    expect(stdout).toContain('High bias: avoidable bias 14%');
    expect(stdout).toContain('advice (work on bias first):\n  - Train a bigger network');
  });

  it('finds high variance when the dev error is far above the training error', async () => {
    const { code, stdout } = await diagnose('--train-error 0.01 --dev-error 0.11');
    expect(code).toBe(0);
    expect(stdout).toContain('base error 0.00 %');
    expect(stdout).toContain('bias/variance: high variance (overfitting)');
    expect(stdout).toContain('advice (work on variance first):\n  - Get more training data');
  });

  it('says fine, without advice, when both gaps are below the thresholds', async () => {
    const { code, stdout } = await diagnose(
      '--train-error 0.02 --dev-error 0.025 --base-error 0.01',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('bias/variance: fine: low bias and low variance');
    expect(stdout).not.toContain('advice');
  });

  it('uses --bias-threshold and --variance-threshold', async () => {
    const { stdout } = await diagnose(
      '--train-error 0.08 --dev-error 0.09 --base-error 0.075 --variance-threshold 0.01 --bias-threshold 0.1',
    );
    expect(stdout).toContain('thresholds: bias 10.00 %, variance 1.00 %');
    expect(stdout).toContain('bias/variance: high variance (overfitting)');
  });

  it('prints the inputs and the diagnosis as JSON with --json', async () => {
    const { code, stdout } = await diagnose('--train-error 0.1 --dev-error 0.2 --json');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as Record<string, unknown>;
    expect(output).toMatchObject({
      trainError: 0.1,
      devError: 0.2,
      baseError: 0,
      verdict: 'high-bias-and-variance',
      focus: 'bias',
      thresholds: { bias: 0.02, variance: 0.02 },
    });
    expect(output.avoidableBias).toBeCloseTo(0.1, 12);
    expect(output.variance).toBeCloseTo(0.1, 12);
    expect(output.reasons).toHaveLength(2);
    expect((output.advice as string[]).length).toBeGreaterThan(0);
  });

  it.each([
    [
      '--train-error 15 --dev-error 0.16',
      '--train-error must be a fraction in [0, 1], e.g. 0.15 for 15 %, got 15',
    ],
    [
      '--train-error 0.15 --dev-error 1.5',
      '--dev-error must be a fraction in [0, 1], e.g. 0.16 for 16 %, got 1.5',
    ],
    [
      '--train-error 0.15 --dev-error 0.16 --base-error -0.1',
      '--base-error must be a fraction in [0, 1], e.g. 0.01 for 1 %, got -0.1',
    ],
    [
      '--train-error 0.15 --dev-error 0.16 --bias-threshold 0',
      '--bias-threshold must be a fraction in (0, 1]',
    ],
    ['--train-error 0.15', 'missing --dev-error <error> (the error rate on the dev set'],
    ['--dev-error 0.15', 'missing --train-error <error>'],
    ['--train-error 15% --dev-error 0.16', "--train-error must be a finite number, got '15%'"],
  ])('rejects %s with exit code 2', async (flags, message) => {
    expectCliError(await diagnose(flags), 2, message);
  });

  it('lists every option with its default in --help', async () => {
    const { code, stdout } = await diagnose('--help');
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      '--train-error <error> The error rate on the training set, a fraction in [0, 1] [required]',
    );
    expect(help).toContain('[default: 0]');
    expect(help).toMatch(/--variance-threshold <gap> .*?\[default: 0\.02\]/);
    expect(help).toContain(
      'Examples: deeptune diagnose --train-error 0.15 --dev-error 0.16 --base-error 0.01',
    );
  });
});
