/**
 * The kill -9 loop of `saveModel`: child processes save two different models to one path
 * alternately and are SIGKILLed at random moments; after each kill the path must load as one
 * of the two complete models (bit-identical weights), and the next save must leave nothing
 * behind but the path and its one generation (no staging directories, no old generations, no
 * temporary links, no lock). Used by `bench/save-kill-loop.ts` (200 kills) and by a short
 * test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, createRegistry } from '@deeptune/core';
import { plugin as layersPlugin } from '@deeptune/layers';
import { loadModel, saveModel } from '../src/node/index.js';
import { sameState } from '../tests/node/model-fixtures.js';
import { killLoopModels } from './save-kill-models.js';

/** Options of {@link runKillLoop}. */
export interface KillLoopOptions {
  /** How many children to kill. */
  readonly kills: number;
  /** An empty directory to work in. */
  readonly dir: string;
  /** The longest wait between starting a child's saves and killing it, in ms. @defaultValue 100 */
  readonly maxDelayMs?: number;
  /** How many children are started ahead, so their start-up overlaps. @defaultValue 3 */
  readonly ahead?: number;
  /** The seed of the random delays. @defaultValue 0 */
  readonly seed?: number;
  /** Called after each kill. */
  readonly onKill?: (index: number, outcome: KillOutcome) => void;
}

/** What one kill left. */
export interface KillOutcome {
  /** Which model the path loaded as (0 or 1), or the error when it loaded as neither. */
  readonly loaded: 0 | 1 | string;
  /** How many saves the child completed before it was killed. */
  readonly savesBeforeKill: number;
  /** What the next save left besides the path and its generation. */
  readonly leftovers: readonly string[];
}

/** The figures of a run. */
export interface KillLoopResult {
  /** Children killed. */
  readonly kills: number;
  /** Kills after which the path loaded as one of the two complete models. */
  readonly intact: number;
  /** Entries left over after the saves that followed the kills (should be 0). */
  readonly leftovers: number;
  /** Saves the children completed in all, before they were killed. */
  readonly childSaves: number;
  /** Kills that landed before the child's first save completed. */
  readonly killedDuringFirstSave: number;
  /** Descriptions of what went wrong. */
  readonly failures: readonly string[];
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const worker = fileURLToPath(new URL('./save-kill-worker.ts', import.meta.url));

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  saves: number;
}

function startChild(target: string): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=@deeptune/source', '--import', 'tsx', worker, target],
    { cwd: packageRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const state: Child = {
    process: child,
    saves: 0,
    ready: new Promise((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line === 'ready') resolve();
          else if (line === 'saved') state.saves += 1;
        }
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the worker exited (${code ?? signal}) before it was ready: ${stderr}`)),
      );
    }),
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  state.ready.catch(() => undefined);
  return state;
}

/**
 * Runs the kill loop in `options.dir` (the model path is `dir/model`).
 *
 * @returns the figures: kills, intact models, leftovers after the next saves.
 */
export async function runKillLoop(options: KillLoopOptions): Promise<KillLoopResult> {
  const { kills, dir } = options;
  const maxDelayMs = options.maxDelayMs ?? 100;
  const ahead = Math.max(1, options.ahead ?? 3);
  const rng = new Rng(options.seed ?? 0);
  const registry = createRegistry({ plugins: [layersPlugin] });
  const target = join(dir, 'model');
  const models = killLoopModels();
  const expected = models.map((model) => model.stateDict());
  await saveModel(target, { model: models[1] });

  const failures: string[] = [];
  let intact = 0;
  let leftovers = 0;
  let childSaves = 0;
  let killedDuringFirstSave = 0;
  const pool: Child[] = [];
  for (let i = 0; i < Math.min(ahead, kills); i++) pool.push(startChild(target));
  try {
    for (let index = 0; index < kills; index++) {
      const child = pool.shift()!;
      if (index + pool.length + 1 < kills) pool.push(startChild(target));
      await child.ready;
      child.process.stdin.write('go\n');
      await new Promise((resolve) => setTimeout(resolve, rng.uniform(0, maxDelayMs)));
      child.process.kill('SIGKILL');
      await child.exited;
      childSaves += child.saves;
      if (child.saves === 0) killedDuringFirstSave += 1;

      let loaded: 0 | 1 | string;
      try {
        const { model } = await loadModel(target, { registry });
        const state = model.stateDict();
        const which = expected.findIndex((candidate) => sameState(state, candidate));
        loaded = which === 0 || which === 1 ? which : 'the weights match neither model';
      } catch (error) {
        loaded = (error as Error).message;
      }
      if (typeof loaded === 'number') intact += 1;
      else failures.push(`kill ${index + 1}: ${loaded}`);

      await saveModel(target, { model: models[index % 2]! });
      const generation = await readlink(target).catch(() => undefined); // not a link: an old layout
      const left = (await readdir(dir)).filter(
        (entry) => entry !== 'model' && entry !== generation,
      );
      leftovers += left.length;
      if (left.length > 0) failures.push(`kill ${index + 1}: left ${left.join(', ')}`);
      options.onKill?.(index, { loaded, savesBeforeKill: child.saves, leftovers: left });
    }
  } finally {
    for (const child of pool) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  }
  return { kills, intact, leftovers, childSaves, killedDuringFirstSave, failures };
}
