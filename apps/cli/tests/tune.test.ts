import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-tune-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small, fast search on moons. */
const SMALL = ['--dataset', 'moons', '--layers', '16', '--epochs', '4'];

function cli(args: readonly string[], input?: string): Promise<CliRun> {
  return runCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });
}

interface JournalRecord {
  readonly type: string;
  readonly number?: number;
  readonly attempt?: number;
  readonly state?: string;
  readonly value?: number | null;
  readonly name?: string;
  readonly distribution?: { readonly scale: string; readonly low?: number; readonly high?: number };
}

async function journal(name: string): Promise<JournalRecord[]> {
  const text = await readFile(join(dir, name), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalRecord);
}

/** Each trial's number, params and value, from a journal. */
function results(
  records: readonly JournalRecord[],
): Map<number, { params: Record<string, unknown>; value: unknown }> {
  const trials = new Map<number, { params: Record<string, unknown>; value: unknown }>();
  for (const record of records) {
    if (record.type === 'trial-start') trials.set(record.number!, { params: {}, value: undefined });
    if (record.type === 'trial-param') {
      trials.get(record.number!)!.params[record.name!] = (
        record as unknown as { value: unknown }
      ).value;
    }
    if (record.type === 'trial-finish') trials.get(record.number!)!.value = record.value;
  }
  return trials;
}

describe('deeptune tune', () => {
  it('runs a random search in worker threads, prints the leaderboard and a train command line that repeats the best trial', async () => {
    const run = await cli([
      'tune',
      ...SMALL,
      '--trials',
      '6',
      '--workers',
      '2',
      '--storage',
      'first.jsonl',
      '--best-config',
      'best.yaml',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "study 'tune': random search of 6 trials over lr log(0.0001, 1), batch-size choice([32, 64, 128, 256, 512]), hidden-units int(32, 256)",
    );
    expect(run.stdout).toContain(
      'trials are compared on the dev set (dev error); the test set is not used',
    );
    expect(run.stdout).toMatch(
      /study 'tune': 6 trials \(6 complete, 0 pruned, 0 failed, 0 running\)/,
    );
    const best = /best: trial (\d+), dev error ([\d.]+) %/.exec(run.stdout)!;
    expect(best).not.toBeNull();
    const command =
      /repeat it \(same data, weights and dev result\):\n {2}deeptune (train .*)\n/.exec(
        run.stdout,
      )![1]!;
    expect(command).toMatch(/--data-seed 0 /);
    const repeated = await cli(command.split(' '));
    expect(repeated.code).toBe(0);
    const devRow = /\ndev\s+\S+\s+\S+ %\s+([\d.]+) %/.exec(repeated.stdout)!;
    expect(devRow[1]).toBe(best[2]);
    // The best config repeats it too.
    const config = await readFile(join(dir, 'best.yaml'), 'utf8');
    expect(config.startsWith(`# deeptune tune: best trial ${best[1]} of study 'tune'`)).toBe(true);
    const fromConfig = await cli(['train', '--config', 'best.yaml']);
    expect(/\ndev\s+\S+\s+\S+ %\s+([\d.]+) %/.exec(fromConfig.stdout)![1]).toBe(best[2]);
  });

  it('gives the same configurations and results with 1 worker as with 2', async () => {
    const one = await cli([
      'tune',
      ...SMALL,
      '--trials',
      '5',
      '--workers',
      '1',
      '--storage',
      'one.jsonl',
      '--seed',
      '4',
    ]);
    const two = await cli([
      'tune',
      ...SMALL,
      '--trials',
      '5',
      '--workers',
      '2',
      '--storage',
      'two.jsonl',
      '--seed',
      '4',
    ]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = results(await journal('one.jsonl'));
    const b = results(await journal('two.jsonl'));
    expect([...b.entries()].sort(([x], [y]) => x - y)).toEqual(
      [...a.entries()].sort(([x], [y]) => x - y),
    );
    expect(a.size).toBe(5);
  });

  it('resumes a stored study: the completed trials are kept and the study grows to the new --trials', async () => {
    const args = ['tune', ...SMALL, '--storage', 'grow.jsonl', '--seed', '2'];
    expect((await cli([...args, '--trials', '3'])).code).toBe(0);
    const before = results(await journal('grow.jsonl'));
    const again = await cli([...args, '--trials', '5']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('storage grow.jsonl (resumed: 3 of 5 trials done)');
    const after = results(await journal('grow.jsonl'));
    expect(after.size).toBe(5);
    for (const [number, trial] of before) expect(after.get(number)).toEqual(trial);
    // The same trials again: nothing runs.
    const done = await cli([...args, '--trials', '5']);
    expect(done.stdout).toContain('no trial left to run');
    expect((await journal('grow.jsonl')).length).toBe((await journal('grow.jsonl')).length);
  });

  it('searches on the given scales with coarse-to-fine rounds that zoom in, in log and 1 − β space', async () => {
    const run = await cli([
      'tune',
      ...SMALL,
      '--optimizer',
      'momentum',
      '--search',
      'lr=log(1e-4,1)',
      '--search',
      'beta=oneMinusLog(0.9,0.999)',
      '--sampler',
      'coarse-to-fine',
      '--sampler.rounds',
      '2',
      '--sampler.trials-per-round',
      '4',
      '--sampler.top-k',
      '2',
      '--storage',
      'c2f.jsonl',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "study 'tune': coarse-to-fine search of 8 trials over lr log(0.0001, 1), beta oneMinusLog(0.9, 0.999)",
    );
    const records = await journal('c2f.jsonl');
    const boxes = (number: number, name: string) =>
      records.find(
        (record) =>
          record.type === 'trial-param' && record.number === number && record.name === name,
      )!.distribution!;
    expect(boxes(0, 'lr')).toEqual({ scale: 'log', low: 1e-4, high: 1 });
    const zoomed = boxes(4, 'lr');
    expect(Math.log10(zoomed.high! / zoomed.low!)).toBeLessThan(4);
    const beta = boxes(4, 'beta');
    expect(beta.scale).toBe('oneMinusLog');
    expect(beta.high! - beta.low!).toBeLessThan(0.099);
  });

  it('refuses bad search spaces with the key named (exit 2)', async () => {
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'lerning-rate=log(1e-4,1)']),
      2,
      "--search lerning-rate: unknown hyperparameter 'lerning-rate'",
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'lr=log(0,1)']),
      2,
      '--search lr: log(0, 1): a log scale needs a lower bound > 0, got 0',
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'lr=uniform(1,1)']),
      2,
      '--search lr: uniform(1, 1): the range is empty (low = high = 1)',
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'lr=log(1,0.1)']),
      2,
      '--search lr: log(1, 0.1): the range is inverted (0.1 < 1)',
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'beta=oneMinusLog(0.9,1)']),
      2,
      '--search beta: oneMinusLog(0.9, 1): a 1 − β scale needs 0 < low < high < 1',
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'batch-size=log(16,512)']),
      2,
      '--search batch-size: --batch-size takes integers: use int(a, b) or choice(…)',
    );
    expectCliError(
      await cli(['tune', ...SMALL, '--search', 'optimizer.bta2=uniform(0.9,0.99)']),
      2,
      "--search optimizer.bta2: 'optimizer.bta2': optimizer 'adam' has no option 'bta2'",
    );
  });

  it('refuses a storage file of another study or a corrupt one, and changes neither', async () => {
    expect((await cli(['tune', ...SMALL, '--trials', '2', '--storage', 'other.jsonl'])).code).toBe(
      0,
    );
    const before = await readFile(join(dir, 'other.jsonl'), 'utf8');
    expectCliError(
      await cli([
        'tune',
        ...SMALL,
        '--trials',
        '2',
        '--storage',
        'other.jsonl',
        '--study',
        'another',
      ]),
      2,
      'holds study \'tune\' with name "tune", but this run asks for name "another"',
    );
    expectCliError(
      await cli([
        'tune',
        '--dataset',
        'moons',
        '--layers',
        '8',
        '--epochs',
        '4',
        '--trials',
        '2',
        '--storage',
        'other.jsonl',
      ]),
      2,
      "holds study 'tune' with settings",
    );
    expect(await readFile(join(dir, 'other.jsonl'), 'utf8')).toBe(before);
    const corrupt = `${before.split('\n')[0]}\nnot json\n${before.split('\n').slice(1).join('\n')}`;
    await writeFile(join(dir, 'corrupt.jsonl'), corrupt);
    expectCliError(
      await cli(['tune', ...SMALL, '--trials', '2', '--storage', 'corrupt.jsonl']),
      1,
      `corrupt.jsonl line 2`,
    );
    expect(await readFile(join(dir, 'corrupt.jsonl'), 'utf8')).toBe(corrupt);
  });

  it('never overwrites a file it did not write with --best-config or --html', async () => {
    await writeFile(join(dir, 'mine.yaml'), 'epochs: 3\n');
    const run = await cli(['tune', ...SMALL, '--trials', '2', '--best-config', 'mine.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--best-config mine.yaml: the file exists and is not a best config written by deeptune tune; refusing to overwrite it',
    );
    expect(await readFile(join(dir, 'mine.yaml'), 'utf8')).toBe('epochs: 3\n');
    await writeFile(join(dir, 'page.html'), '<html>mine</html>');
    const report = await cli(['tune', 'report', 'first.jsonl', '--html', 'page.html']);
    expect(report.code).toBe(2);
    expect(await readFile(join(dir, 'page.html'), 'utf8')).toBe('<html>mine</html>');
  });

  it('prints a stored study with report and writes a self-contained HTML page', async () => {
    const run = await cli(['tune', 'report', 'first.jsonl', '--html', 'first.html']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/study 'tune': 6 trials \(6 complete/);
    expect(run.stdout).toMatch(
      /best: trial \d+; repeat it with:\n {2}deeptune train --dataset moons --data-seed 0 /,
    );
    const html = await readFile(join(dir, 'first.html'), 'utf8');
    expect(html).toContain('<meta name="generator" content="deeptune tune report">');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await cli(['tune', 'report', 'first.jsonl', '--html', 'first.html'])).code).toBe(0);
  });

  it('prints the study as JSON with --json (and nothing else on stdout)', async () => {
    const run = await cli(['tune', ...SMALL, '--trials', '3', '--json', '--seed', '9']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      study: string;
      sampler: { name: string };
      trials: { number: number; state: string; value: number; params: Record<string, unknown> }[];
      best: { number: number; value: number; command: string };
      testSetUsed: boolean;
    };
    expect(result.study).toBe('tune');
    expect(result.sampler.name).toBe('random');
    expect(result.trials.map((trial) => trial.state)).toEqual(['complete', 'complete', 'complete']);
    expect(result.best.value).toBe(Math.min(...result.trials.map((trial) => trial.value)));
    expect(result.best.command).toMatch(/^deeptune train --dataset moons --data-seed 9 /);
    expect(result.testSetUsed).toBe(false);
    const report = await cli(['tune', 'report', 'first.jsonl', '--json']);
    const parsed = JSON.parse(report.stdout) as { study: { name: string }; trials: unknown[] };
    expect(parsed.study.name).toBe('tune');
    expect(parsed.trials).toHaveLength(6);
    expectCliError(
      await cli(['tune', '--panda', ...SMALL, '--json']),
      2,
      '--json does not go with --panda',
    );
  });

  it('prunes with asha and records why', async () => {
    const run = await cli([
      'tune',
      '--dataset',
      'moons',
      '--layers',
      '16',
      '--epochs',
      '9',
      '--trials',
      '8',
      '--workers',
      '1',
      '--pruner',
      'asha',
      '--storage',
      'asha.jsonl',
    ]);
    expect(run.code).toBe(0);
    const records = await journal('asha.jsonl');
    const pruned = records.filter(
      (record) => record.type === 'trial-finish' && record.state === 'pruned',
    );
    expect(pruned.length).toBeGreaterThan(0);
    expect((pruned[0] as unknown as { reason: string }).reason).toMatch(/at rung epoch \d+ ranks/);
    expect(run.stdout).toMatch(/pruned at epoch \d+: value/);
  });
});

describe('deeptune tune after kill -9', () => {
  it('keeps every completed trial exactly once, re-runs the interrupted one, and finishes the study', async () => {
    // Trials long enough that one is running when the process is killed.
    const args = [
      'tune',
      '--dataset',
      'moons',
      '--examples',
      '3000',
      '--layers',
      '32',
      '--epochs',
      '30',
      '--trials',
      '6',
      '--workers',
      '2',
      '--storage',
      'crash.jsonl',
      '--seed',
      '5',
    ];
    // Once trial 0 has finished, kill as soon as the journal shows a trial started and not
    // finished (trials are a few hundred milliseconds each: a fixed moment could fall between
    // one trial's end and the next one's start).
    const killWhileATrialRuns = async (child: {
      kill(signal: 'SIGKILL'): unknown;
    }): Promise<void> => {
      for (;;) {
        // A record being appended may be cut short: read again.
        const records = await journal('crash.jsonl').catch((): JournalRecord[] => []);
        const finished = new Set(
          records.filter((r) => r.type === 'trial-finish').map((r) => r.number),
        );
        if (records.some((r) => r.type === 'trial-start' && !finished.has(r.number))) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      child.kill('SIGKILL');
    };
    const killed = await runCli(args, {
      cwd: dir,
      onOutput: { text: 'trial 0 ', action: (child) => void killWhileATrialRuns(child) },
    });
    expect(killed.code).toBeNull(); // killed by the signal
    const before = await journal('crash.jsonl');
    const completedBefore = before
      .filter((record) => record.type === 'trial-finish')
      .map((record) => record.number);
    const started = before
      .filter((record) => record.type === 'trial-start')
      .map((record) => record.number);
    const interrupted = started.filter((number) => !completedBefore.includes(number));
    expect(completedBefore.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeGreaterThanOrEqual(1);

    const rerun = await cli(args);
    expect(rerun.code).toBe(0);
    // The dead process's lock is taken over, with a note.
    expect(rerun.stderr).toMatch(
      /^deeptune: note: took over the lock of process \d+ \(since .*\), which is no longer running\n$/,
    );
    expect(rerun.stdout).toContain(`(resumed: ${completedBefore.length} of 6 trials done)`);
    const after = await journal('crash.jsonl');
    const finishes = after
      .filter((record) => record.type === 'trial-finish')
      .map((record) => record.number!);
    expect([...finishes].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]); // each exactly once
    // The completed trials' records are untouched at the start of the file.
    expect(after.slice(0, before.length)).toEqual(before);
    for (const number of interrupted) {
      const starts = after.filter(
        (record) => record.type === 'trial-start' && record.number === number,
      );
      expect(starts.map((record) => record.attempt)).toEqual([1, 2]);
    }
  });
});

describe('deeptune tune --panda', () => {
  it('babysits one model: adjusts the learning rate, reverts to a checkpoint, continues, stops', async () => {
    const run = await cli(
      ['tune', '--panda', '--dataset', 'moons', '--layers', '16', '--lr', '0.01', '--epochs', '2'],
      'lr 0.5\ncontinue 2\nrevert 2\ncontinue\nbeta2 0.95\nrevert 9\nfoo 1\nstop\n',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('panda: babysitting one model on moons');
    expect(run.stdout).toContain('learningRate = 0.5 from epoch 3 on');
    expect(run.stdout).toMatch(/epoch 4\/4 .*lr 5\.00e-1/);
    expect(run.stdout).toContain('back at the checkpoint after epoch 2 (learningRate 0.01');
    expect(run.stdout).toMatch(/epoch 3\/3 .*lr 1\.00e-2/);
    expect(run.stdout).toContain('beta2 = 0.95 from epoch 4 on');
    expect(run.stdout).toContain(
      'revert: no checkpoint for epoch 9; the checkpoints are epochs 0 to 3',
    );
    expect(run.stdout).toContain("unknown command 'foo'");
    expect(run.stdout).toContain('training cost ·, dev cost *');
    expect(run.stdout).toMatch(
      /panda: 3 epochs on the final line; 2 adjustments, 1 revert; lowest dev cost/,
    );
  });
});
