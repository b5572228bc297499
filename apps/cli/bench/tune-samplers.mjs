// Grid vs random vs coarse-to-fine on real data, the same budget of trials each: the table of
// docs/guides/hyperparameter-search.md. MNIST's first 5,000 training images (dev carved from
// them), 3 epochs per trial, momentum in PyTorch's form (FORM=course for the course's), over α
// log [1e-4, 1], β oneMinusLog [0.9, 0.999] and hidden units int [32, 256]; 27 trials per study
// (a 3×3×3 grid; 3 coarse-to-fine rounds of 9, top 3), 3 study seeds (SEEDS=0,1,2; TRIALS=27;
// KEEP=1 keeps the journals). Run: pnpm --filter @deeptune/cli bench:samplers (after pnpm build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'deeptune-tune-samplers-'));
const seeds = (process.env.SEEDS ?? '0,1,2').split(',').map(Number);
const trials = Number(process.env.TRIALS ?? 27);
const base = [
  'tune',
  '--examples',
  '5000',
  '--epochs',
  '3',
  '--layers',
  '64',
  '--optimizer',
  process.env.OPTIMIZER ?? 'momentum',
  '--optimizer.form',
  process.env.FORM ?? 'pytorch',
  '--search',
  'lr=log(1e-4,1)',
  '--search',
  'beta=oneMinusLog(0.9,0.999)',
  '--search',
  'hidden-units=int(32,256)',
];
const samplers = {
  grid: ['--sampler', 'grid', '--trials', String(trials)],
  random: ['--sampler', 'random', '--trials', String(trials)],
  'coarse-to-fine': [
    '--sampler',
    'coarse-to-fine',
    '--sampler.rounds',
    '3',
    '--sampler.trials-per-round',
    String(trials / 3),
    '--sampler.top-k',
    '3',
  ],
};

function study(path) {
  const trialsByNumber = new Map();
  for (const line of readFileSync(path, 'utf8').trimEnd().split('\n')) {
    const record = JSON.parse(line);
    if (record.type === 'trial-start') trialsByNumber.set(record.number, { params: {} });
    if (record.type === 'trial-param')
      trialsByNumber.get(record.number).params[record.name] = record.value;
    if (record.type === 'trial-finish') Object.assign(trialsByNumber.get(record.number), record);
  }
  return [...trialsByNumber.values()];
}

const rows = [];
for (const [name, args] of Object.entries(samplers)) {
  const bests = [];
  const distinct = { lr: [], beta: [], 'hidden-units': [] };
  let seconds = 0;
  for (const seed of seeds) {
    const storage = join(dir, `${name}-${seed}.jsonl`);
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [cli, ...base, ...args, '--seed', String(seed), '--storage', storage],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    seconds += (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`${name} seed ${seed} failed:\n${run.stderr}`);
    const trialsRun = study(storage);
    const complete = trialsRun.filter((trial) => trial.state === 'complete');
    bests.push(Math.min(...complete.map((trial) => trial.value)));
    for (const key of Object.keys(distinct))
      distinct[key].push(new Set(trialsRun.map((trial) => trial.params[key])).size);
    console.error(
      `${name} seed ${seed}: best dev error ${(bests.at(-1) * 100).toFixed(2)} % (${complete.length} complete)`,
    );
  }
  const mean = bests.reduce((a, b) => a + b, 0) / bests.length;
  rows.push({ name, bests, mean, distinct, seconds });
}
const percent = (value) => `${(value * 100).toFixed(2)} %`;
console.log(
  `| sampler (${trials} trials) | ${seeds.map((seed) => `seed ${seed}`).join(' | ')} | mean best dev error | distinct α / β / units per study | wall time |`,
);
console.log(`|---|${seeds.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const row of rows) {
  const mean = (values) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  console.log(
    `| ${row.name} | ${row.bests.map(percent).join(' | ')} | ${percent(row.mean)} | ${mean(row.distinct.lr)} / ${mean(row.distinct.beta)} / ${mean(row.distinct['hidden-units'])} | ${Math.round(row.seconds)} s |`,
  );
}
if (process.env.KEEP === undefined) rmSync(dir, { recursive: true, force: true });
else console.error(`journals kept in ${dir}`);
