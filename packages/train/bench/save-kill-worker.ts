/**
 * The child of the kill loop (`kill-loop.ts`): prints `ready` once loaded and warmed up, waits for a line
 * on stdin, then saves the two kill-loop models to one path alternately, forever, printing
 * `saved` after each save, until it is killed.
 *
 * Usage: node --conditions=@deeptune/source --import tsx bench/save-kill-worker.ts <model path>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveModel } from '../src/node/save-model.js';
import { killLoopModels } from './save-kill-models.js';

const target = process.argv[2];
if (target === undefined) {
  process.stderr.write('usage: save-kill-worker.ts <model path>\n');
  process.exit(2);
}
const models = killLoopModels();
// Warm up elsewhere (the first saves of a process are slow), so kills land in ordinary saves.
const warmUp = await mkdtemp(join(tmpdir(), 'deeptune-kill-warm-up-'));
for (let i = 0; i < 4; i++) await saveModel(join(warmUp, 'model'), { model: models[i % 2]! });
await rm(warmUp, { recursive: true, force: true });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let i = 0; ; i++) {
  await saveModel(target, { model: models[i % 2]!, metrics: { model: i % 2 } });
  process.stdout.write('saved\n');
}
