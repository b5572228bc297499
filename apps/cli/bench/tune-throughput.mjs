// Caviar throughput: trials per minute of `deeptune tune` with 1 and 2 worker threads on the
// same study (MNIST's first 10,000 images, 3 epochs, 12 trials, a 784-64-10 network, α searched). Run after pnpm build:
// pnpm --filter @deeptune/cli bench
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'deeptune-tune-throughput-'));
const trials = 12;
const args = [
  'tune',
  '--examples',
  '10000',
  '--epochs',
  '3',
  '--layers',
  '64',
  // Only α varies, so every trial costs the same and the figure measures the parallelism, not
  // how unevenly sized trials happen to fall on the workers at the end of the study.
  '--search',
  'lr=log(1e-4,1)',
  '--trials',
  String(trials),
  '--seed',
  '0',
];
const results = {};
for (const workers of [1, 2]) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [cli, ...args, '--workers', String(workers), '--storage', join(dir, `w${workers}.jsonl`)],
    {
      encoding: 'utf8',
    },
  );
  const minutes = (performance.now() - started) / 60_000;
  if (run.status !== 0) throw new Error(`--workers ${workers} failed:\n${run.stderr}`);
  results[workers] = trials / minutes;
  console.log(
    `--workers ${workers}: ${trials} trials in ${(minutes * 60).toFixed(1)} s = ${results[workers].toFixed(1)} trials/min`,
  );
}
console.log(
  `speed-up with 2 workers: ${(results[2] / results[1]).toFixed(2)}× (this machine has ${availableParallelism()} cores)`,
);
rmSync(dir, { recursive: true, force: true });
