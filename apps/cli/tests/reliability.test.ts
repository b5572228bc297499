import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { expectCliError } from './support/expect-cli-error.js';
import { memoryIo } from './support/memory-io.js';
import { CLI, runCli, type CliRun } from './support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-reliability-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh folder inside the test directory. */
async function folder(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  return path;
}

/** Small data and network; the batch is smaller than the 120 training examples (no warning). */
const TINY_NETWORK = [
  '--dataset',
  'moons',
  '--examples',
  '200',
  '--layers',
  '4',
  '--batch-size',
  '32',
];
/** A quick run. */
const TINY = [...TINY_NETWORK, '--epochs', '1'];

/** A module that leaves a marker file when imported: it must never be. */
const EVIL = `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./imported.marker', import.meta.url), 'ran');\nexport const plugin = { name: 'evil', entries: [] };\n`;

describe('--save never destroys what is not a deeptune model', () => {
  it('refuses the current directory before training', async () => {
    const cwd = await folder('save-dot');
    await writeFile(join(cwd, 'notes.txt'), 'mine');
    const run = await runCli(['train', ...TINY, '--save', '.'], { cwd });
    expectCliError(run, 2, '--save .:');
    expect(await readFile(join(cwd, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses an existing file and leaves it as it was', async () => {
    const cwd = await folder('save-file');
    await writeFile(join(cwd, 'notes.txt'), 'my notes');
    const run = await runCli(['train', ...TINY, '--save', 'notes.txt'], { cwd });
    expectCliError(run, 2, '--save notes.txt:');
    expect(await readFile(join(cwd, 'notes.txt'), 'utf8')).toBe('my notes');
  });

  it('refuses a directory of other things and leaves it as it was', async () => {
    const cwd = await folder('save-dir');
    await mkdir(join(cwd, 'results'));
    await writeFile(join(cwd, 'results', 'table.csv'), 'a,b\n');
    const run = await runCli(['train', ...TINY, '--save', 'results'], { cwd });
    expectCliError(run, 2, '--save results:');
    expect(await readdir(join(cwd, 'results'))).toEqual(['table.csv']);
  });

  it('replaces a model it saved before', async () => {
    const cwd = await folder('save-twice');
    const first = await runCli(['train', ...TINY, '--save', 'model'], { cwd });
    expect(first.stderr).toBe('');
    const second = await runCli(['train', ...TINY, '--seed', '1', '--save', 'model'], { cwd });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const evaluated = await runCli(['evaluate', 'model', '--json'], { cwd });
    expect(JSON.parse(evaluated.stdout).results.train.examples).toBeGreaterThan(0);
  });

  it('still saves when stdout is closed early (train --save m | head -1), without an EPIPE stack', async () => {
    const cwd = await folder('save-epipe');
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          [CLI, 'train', ...TINY_NETWORK, '--epochs', '30', '--save', 'm'],
          {
            cwd,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let errors = '';
        child.stdout.once('data', () => child.stdout.destroy());
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
        child.on('error', reject);
        child.on('close', (exit) => resolve({ code: exit, stderr: errors }));
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(cwd, 'm', 'weights.safetensors'))).toBe(true);
  });

  it('saves the model when Ctrl-C comes during the final evaluation, then exits 130', async () => {
    const cwd = await folder('save-interrupt');
    let handler: (() => void) | undefined;
    let triggered = false;
    const base = memoryIo({ cwd });
    const io = {
      ...base,
      onInterrupt: (listener: () => void) => {
        handler = listener;
        return () => (handler = undefined);
      },
      out: (text: string) => {
        base.out(text);
        // Early stopping's note is printed after training, before the final evaluation.
        if (text.startsWith('stopped:') && !triggered) {
          triggered = true;
          if (handler === undefined) throw new Error('Ctrl-C would kill the run here');
          handler();
        }
      },
    };
    // min-delta makes early stopping certain within a few epochs.
    const stopping = ['--early-stopping', 'patience=1,min-delta=0.5'];
    const args = ['train', ...TINY_NETWORK, '--epochs', '300', ...stopping];
    const code = await main([...args, '--save', 'm'], io);
    expect(triggered).toBe(true);
    expect(base.stderr()).toContain('deeptune: stopping after saving the model');
    expect(code).toBe(130);
    expect(base.stdout()).toContain(`model saved to ${join(cwd, 'm')}`);
  });
});

describe('code runs only when named on the command line', () => {
  it('refuses a plugin key in a config file without importing the module', async () => {
    const cwd = await folder('config-plugin');
    await writeFile(join(cwd, 'evil.mjs'), EVIL);
    await writeFile(join(cwd, 'run.yaml'), 'plugin: [./evil.mjs]\nepochs: 1\n');
    const run = await runCli(['train', ...TINY, '--config', 'run.yaml'], { cwd });
    expectCliError(
      run,
      2,
      "--config: run.yaml sets 'plugin', but plugins load only from --plugin on the command line",
    );
    expect(existsSync(join(cwd, 'imported.marker'))).toBe(false);
  });
});

describe('config files', () => {
  it('refuses a key given twice in a JSON file, with its position', async () => {
    const cwd = await folder('config-duplicate');
    await writeFile(join(cwd, 'run.json'), '{\n  "epochs": 1,\n  "lr": 0.1,\n  "epochs": 50\n}\n');
    expectCliError(
      await runCli(['train', ...TINY, '--config', 'run.json'], { cwd }),
      2,
      "--config: run.json sets 'epochs' twice (again at line 4, column 3)",
    );
  });

  it('refuses a key given twice in a YAML file', async () => {
    const cwd = await folder('config-duplicate-yaml');
    await writeFile(join(cwd, 'run.yaml'), 'epochs: 1\nepochs: 50\n');
    expectCliError(
      await runCli(['train', ...TINY, '--config', 'run.yaml'], { cwd }),
      2,
      'is not valid YAML (line 2, column 1)',
    );
  });

  it('reports Infinity as Infinity, not null', async () => {
    const cwd = await folder('config-infinity');
    await writeFile(join(cwd, 'run.yaml'), 'lr: .inf\n');
    expectCliError(
      await runCli(['train', ...TINY, '--config', 'run.yaml'], { cwd }),
      2,
      "key 'lr' in run.yaml must be a finite number, got Infinity",
    );
  });

  it('refuses a FIFO or a device as a config file at once, naming it', async () => {
    const cwd = await folder('config-fifo');
    execFileSync('mkfifo', [join(cwd, 'run.yaml')]);
    expectCliError(
      await runCli(['train', ...TINY, '--config', 'run.yaml'], { cwd }),
      2,
      `is a FIFO (named pipe); expected a regular file`,
    );
    expectCliError(
      await runCli(['train', ...TINY, '--config', '/dev/zero'], { cwd }),
      2,
      `the config file '/dev/zero' is a character device; expected a regular file`,
    );
  });
});

describe('flag values', () => {
  it('refuses an empty --layers instead of reading it as no hidden layers', async () => {
    expectCliError(
      await runCli(['train', ...TINY.slice(0, 4), '--layers', '']),
      2,
      "--layers is empty; give a comma-separated list, or 'none' for an empty one",
    );
  });

  it('refuses a seed that the number type would round', async () => {
    expectCliError(
      await runCli(['train', ...TINY, '--seed', '9007199254740993']),
      2,
      "--seed must be an integer in [0, 9007199254740991], got '9007199254740993'",
    );
  });

  it('refuses a setting given twice or a prototype key in --early-stopping', async () => {
    expectCliError(
      await runCli(['train', ...TINY, '--early-stopping', 'patience=3,patience=4']),
      2,
      "--early-stopping: patience is given twice in 'patience=3,patience=4'",
    );
    expectCliError(
      await runCli(['train', ...TINY, '--early-stopping', 'constructor=3']),
      2,
      "--early-stopping: unknown setting 'constructor'",
    );
  });

  it('refuses a network too large to allocate before allocating, naming --layers', async () => {
    expectCliError(
      await runCli(['train', '--layers', '100000,100000']),
      2,
      '--layers 100000,100000: layer 2 would hold a 100,000 × 100,000 weight matrix (1.00e+10 elements); a tensor holds at most 4,294,967,296',
    );
    expectCliError(
      await runCli(['train', ...TINY.slice(0, 4), '--layers', '50000,50000']),
      2,
      /--layers 50000,50000: training this network needs about [\d.]+ GiB .* but only [\d.]+ GiB of this machine's [\d.]+ GiB of memory is available/,
    );
    expectCliError(
      await runCli(['train', ...TINY.slice(0, 4), '--layers', '100000000']),
      2,
      "--batch-size 128 with --layers 100000000: a batch of layer 1's activations would hold 1.28e+10 elements",
    );
  });
});

describe('evaluate reads only what the user confirms from a model directory', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await folder('evaluate-csv');
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 60; i++) rows.push(`${(i % 7) / 7},${(i % 5) / 5},${i % 2}`);
    await writeFile(join(cwd, 'points.csv'), `${rows.join('\n')}\n`);
    const trained = await runCli(
      [
        'train',
        '--dataset',
        'csv:points.csv',
        '--layers',
        '4',
        '--epochs',
        '2',
        '--batch-size',
        '16',
        '--save',
        'model',
      ],
      { cwd },
    );
    expect(trained.stderr).toBe('');
  });

  /** Rewrites keys of the model's training.json. */
  async function editTraining(model: string, changes: Record<string, unknown>): Promise<void> {
    const path = join(cwd, model, 'training.json');
    const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...config, ...changes }));
  }

  async function copyModel(name: string): Promise<void> {
    const again = await runCli(
      [
        'train',
        '--dataset',
        'csv:points.csv',
        '--layers',
        '4',
        '--epochs',
        '2',
        '--batch-size',
        '16',
        '--save',
        name,
      ],
      { cwd },
    );
    expect(again.stderr).toBe('');
  }

  it('does not read the data path in training.json unless --recorded-data confirms it', async () => {
    const refused = await runCli(['evaluate', 'model'], { cwd });
    expectCliError(refused, 2, `says the model was trained on csv:${join(cwd, 'points.csv')}`);
    expect(refused.stderr).toContain('--recorded-data');
    const confirmed = await runCli(['evaluate', 'model', '--recorded-data', '--json'], { cwd });
    expect(confirmed.stderr).toBe('');
    expect(JSON.parse(confirmed.stdout).source).toBe('training.json');
  });

  it('records the data path relative to the model, so a moved project folder still evaluates', async () => {
    const training = JSON.parse(await readFile(join(cwd, 'model', 'training.json'), 'utf8'));
    expect(training.dataset).toBe('csv:../points.csv');
    const moved = `${cwd}-moved`;
    await cp(cwd, moved, { recursive: true, verbatimSymlinks: true });
    try {
      await rm(cwd, { recursive: true }); // the old folder is gone: only the relative path works
      const run = await runCli(['evaluate', 'model', '--recorded-data', '--json'], { cwd: moved });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).dataset).toBe(`csv:${join(moved, 'points.csv')}`);
    } finally {
      await cp(moved, cwd, { recursive: true, verbatimSymlinks: true });
      await rm(moved, { recursive: true, force: true });
    }
  });

  it('refuses a recorded path to a device even when confirmed, as a model-file error', async () => {
    await copyModel('hostile-zero');
    await editTraining('hostile-zero', { dataset: 'csv:/dev/zero' });
    expectCliError(
      await runCli(['evaluate', 'hostile-zero', '--recorded-data'], { cwd }),
      1,
      "'/dev/zero' is a character device; expected a regular file",
    );
  });

  it('blames training.json, not a flag, for a recorded value out of range', async () => {
    await copyModel('hostile-examples');
    await editTraining('hostile-examples', { dataset: 'moons', examples: 30_000_000 });
    expectCliError(
      await runCli(['evaluate', 'hostile-examples'], { cwd }),
      1,
      "key 'examples' in " + join(cwd, 'hostile-examples', 'training.json'),
    );
  });

  it('says a missing standardizer is missing, not that the data changed', async () => {
    await copyModel('no-standardizer');
    await rm(join(cwd, 'no-standardizer', 'standardizer.json'));
    const run = await runCli(['evaluate', 'no-standardizer', '--recorded-data'], { cwd });
    expectCliError(run, 1, 'standardizer.json');
    expect(run.stderr).toMatch(/missing|does not exist/);
    expect(run.stderr).not.toContain('the data changed');
  });
});

describe('data problems are told apart from divergence', () => {
  it('refuses a dataset with one class only', async () => {
    const cwd = await folder('one-class');
    await writeFile(join(cwd, 'one.csv'), 'x,label\n1,0\n2,0\n3,0\n4,0\n');
    const run = await runCli(['train', '--dataset', 'csv:one.csv', '--layers', '2'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^deeptune: error: .*one\.csv.*(class|label)/);
  });
});

describe('predict bounds and checks its input file', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await folder('predict-input');
    const trained = await runCli(['train', ...TINY, '--save', 'model'], { cwd });
    expect(trained.stderr).toBe('');
  });

  it('refuses a value that overflows the model dtype, naming the cell', async () => {
    await writeFile(join(cwd, 'rows.csv'), 'x1,x2\n0.5,0.5\n1e300,0\n');
    expectCliError(
      await runCli(['predict', 'model', 'rows.csv'], { cwd }),
      1,
      "rows.csv line 3, column 1 ('x1'): 1e+300 overflows float32",
    );
  });

  it('refuses a FIFO as input at once', async () => {
    execFileSync('mkfifo', [join(cwd, 'rows.fifo')]);
    expectCliError(
      await runCli(['predict', 'model', 'rows.fifo'], { cwd }),
      1,
      'is a FIFO (named pipe); expected a regular file',
    );
  });
});

describe('data files with non-finite numbers or degenerate labels are refused at load', () => {
  /** Trains on a CSV written from `text`; returns the run. */
  async function trainOn(name: string, text: string): Promise<CliRun> {
    const cwd = await folder(`csv-${name}`);
    await writeFile(join(cwd, 'data.csv'), text);
    return runCli(['train', '--dataset', 'csv:data.csv', '--layers', '2', '--epochs', '1'], {
      cwd,
    });
  }
  const rows = (label: (i: number) => string): string =>
    ['x1,x2,label', ...Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${label(i)}`)].join(
      '\n',
    );

  it('a cell of 1e400 (Infinity) names the file, row and column', async () => {
    const text = rows((i) => String(i % 2)).replace('\n3,0,1', '\n1e400,0,1');
    const run = await trainOn('infinite', text);
    expectCliError(run, 1, "row 5, column 'x1'");
    expect(run.stderr).toContain('data.csv');
  });

  it('one stray label 1000000 is refused instead of building a million-class network', async () => {
    const run = await trainOn(
      'sparse',
      rows((i) => (i === 7 ? '1000000' : String(i % 2))),
    );
    expectCliError(run, 1, '1000000');
  });

  it('a header given twice is refused, naming the column', async () => {
    const run = await trainOn('duplicate-header', rows((i) => String(i % 2)).replace('x2', 'x1'));
    expectCliError(run, 1, "'x1'");
  });
});

describe('evaluate refuses a hostile model directory before allocating or predicting', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await folder('hostile-models');
    const trained = await runCli(['train', ...TINY, '--save', 'model'], { cwd });
    expect(trained.stderr).toBe('');
  });

  /** A copy of the trained model's files (not of its link) at `name`. */
  async function copy(name: string): Promise<string> {
    const target = join(cwd, name);
    await cp(join(cwd, 'model'), target, { recursive: true, dereference: true });
    return target;
  }

  it('NaN weights: refused naming the file and the tensor', async () => {
    const model = await copy('nan-weights');
    const path = join(model, 'weights.safetensors');
    const bytes = await readFile(path);
    const dataStart = 8 + Number(bytes.readBigUInt64LE(0));
    bytes.writeFloatLE(Number.NaN, dataStart);
    await writeFile(path, bytes);
    const run = await runCli(['evaluate', 'nan-weights', '--json'], { cwd });
    expectCliError(run, 1, 'weights.safetensors');
    expect(run.stderr).toMatch(/NaN .*expected finite weights/);
  });

  it('units: 1e9 in architecture.json: refused against the weights, nothing allocated', async () => {
    const model = await copy('huge-units');
    const path = join(model, 'architecture.json');
    const architecture = JSON.parse(await readFile(path, 'utf8')) as {
      layers: { options: Record<string, unknown> }[];
    };
    const dense = architecture.layers.find((layer) => 'units' in layer.options)!;
    dense.options.units = 1e9;
    await writeFile(path, JSON.stringify(architecture));
    const run = await runCli(['evaluate', 'huge-units', '--json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^deeptune: error: .*architecture\.json.*1000000000/);
  });

  it('weights that are a directory: the file is named (no bare EISDIR)', async () => {
    const model = await copy('weights-dir');
    await rm(join(model, 'weights.safetensors'));
    await mkdir(join(model, 'weights.safetensors'));
    expectCliError(
      await runCli(['evaluate', 'weights-dir'], { cwd }),
      1,
      `${join(model, 'weights.safetensors')}' is a directory; expected a regular file`,
    );
  });
});

describe('an error about a value from a config file names the file and key', () => {
  it('names run.json when --layers came from it', async () => {
    const cwd = await folder('config-blame');
    await writeFile(join(cwd, 'run.json'), '{ "layers": [100000, 100000] }');
    expectCliError(
      await runCli(['train', '--config', 'run.json'], { cwd }),
      2,
      "(--layers is set by key 'layers' in run.json)",
    );
  });

  it('refuses --layers 1e7 on MNIST before loading it', async () => {
    expectCliError(
      await runCli(['train', '--layers', '1e7']),
      2,
      '--layers 10000000: layer 1 would hold a 784 × 10,000,000 weight matrix',
    );
  });
});

describe('predict quotes what it cannot read', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await folder('predict-quotes');
    const trained = await runCli(['train', ...TINY, '--save', 'model'], { cwd });
    expect(trained.stderr).toBe('');
  });

  it('quotes a number too large for float64 as written', async () => {
    await writeFile(join(cwd, 'big.csv'), '0.5,0.5\n1e400,0\n');
    expectCliError(
      await runCli(['predict', 'model', 'big.csv'], { cwd }),
      1,
      "big.csv line 2, column 1: expected a finite number, got '1e400'",
    );
  });

  it('refuses a line far too long for a row of the model before splitting it', async () => {
    await writeFile(join(cwd, 'long.csv'), `0.5,0.5\n${'1'.repeat(100_000)}\n`);
    expectCliError(
      await runCli(['predict', 'model', 'long.csv'], { cwd }),
      1,
      'long.csv line 2 has 100000 characters; a row of 2 numbers needs at most 1216',
    );
  });
});

describe('--plugin and --examples are bounded before anything is read', () => {
  it('refuses a --plugin that is a FIFO instead of hanging on the import', async () => {
    const cwd = await folder('plugin-fifo');
    execFileSync('mkfifo', [join(cwd, 'plugin.mjs')]);
    expectCliError(
      await runCli(['plugins', 'list', '--plugin', './plugin.mjs'], { cwd }),
      2,
      `--plugin ./plugin.mjs: ${join(cwd, 'plugin.mjs')} is not a regular file`,
    );
  });

  it('refuses more --examples than MNIST has, naming the flag', async () => {
    expectCliError(
      await runCli(['train', '--examples', '70000']),
      2,
      "--examples 70000: dataset 'mnist': option 'subset' must be an integer in [1, 60000], got 70000",
    );
  });
});
