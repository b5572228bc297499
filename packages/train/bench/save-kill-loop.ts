/**
 * `pnpm --filter @deeptune/train run bench:kill [kills]`: the kill -9 loop of saveModel
 * (see `kill-loop.ts`), 200 kills by default. Prints the kills, the models found intact
 * after them, and the leftovers after the next saves; exits with 1 if any kill left a
 * broken model or leftovers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKillLoop } from './kill-loop.js';

const kills = Number(process.argv[2] ?? 200);
if (!Number.isSafeInteger(kills) || kills < 1) {
  process.stderr.write(`bench:kill: expected a number of kills ≥ 1, got ${process.argv[2]}\n`);
  process.exit(2);
}
const dir = await mkdtemp(join(tmpdir(), 'deeptune-kill-loop-'));
const started = performance.now();
try {
  const result = await runKillLoop({
    kills,
    dir,
    onKill: (index, outcome) => {
      if ((index + 1) % 20 === 0 || typeof outcome.loaded === 'string') {
        process.stdout.write(
          `  ${index + 1}/${kills} killed; loaded ${typeof outcome.loaded === 'number' ? `model ${outcome.loaded}` : `NOTHING: ${outcome.loaded}`}\n`,
        );
      }
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      `kill -9 loop of saveModel (${seconds} s)`,
      `  kills:                          ${result.kills}`,
      `  models intact after a kill:     ${result.intact}`,
      `  leftovers after the next save:  ${result.leftovers}`,
      `  saves completed by the victims: ${result.childSaves} (${result.killedDuringFirstSave} killed during their first save)`,
      ...result.failures.map((failure) => `  FAILURE ${failure}`),
      '',
    ].join('\n'),
  );
  if (result.intact !== result.kills || result.leftovers !== 0) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
