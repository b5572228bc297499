import { lstat, mkdir, open, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@deeptune/core';
import { isProcessAlive } from '@deeptune/data/node';
import type { Module } from '@deeptune/layers';
import { encodeSafetensors } from '../safetensors/encode-safetensors.js';
import { describeModel, type LayerDescriber } from '../serialization/describe-model.js';
import type { ModelArchitecture } from '../serialization/model-architecture.js';
import { inspectSaveTarget } from './check-save-target.js';
import { acquireModelLock } from './model-lock.js';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  MODEL_FILES,
  isGenerationLinkText,
  type ModelLayout,
} from './model-layout.js';

export { MODEL_FILES } from './model-layout.js';

/**
 * What {@link saveModel} writes.
 *
 * @category Save and load
 */
export interface SaveModelOptions {
  /** The model (a `Sequential`). */
  readonly model: Module;
  /** The architecture; derived from the model with `describeModel` when omitted. */
  readonly architecture?: ModelArchitecture;
  /** Describers for custom layer types, used when `architecture` is omitted. */
  readonly describers?: Readonly<Record<string, LayerDescriber>>;
  /** The input standardizer (`Standardizer` from `@deeptune/data`): saved as its `toJSON()`. */
  readonly standardizer?: {
    /** The standardizer's statistics as JSON data. */
    toJSON(): unknown;
  };
  /** The training configuration (JSON data: optimizer, epochs, seed, …) for `training.json`. */
  readonly trainingConfig?: Readonly<Record<string, unknown>>;
  /** Final metrics (JSON data, e.g. dev accuracy) for `metrics.json`. */
  readonly metrics?: Readonly<Record<string, unknown>>;
}

/** Writes a new file and flushes it to disk. */
async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a directory's entries to disk, so a rename in it survives a power cut. Platforms
 * that cannot open or flush a directory (Windows) skip this: it is durability, not safety.
 */
async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) {
      return;
    }
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) {
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The generations that links other than the model path point to: `cp -r models/a models/b`
 * copies the link `a`, so `b` names `a`'s generation, which is then `b`'s model, not a
 * leftover of `a`.
 */
async function generationsLinkedByOthers(
  layout: ModelLayout,
  entries: readonly string[],
): Promise<Set<string>> {
  const linked = new Set<string>();
  for (const entry of entries) {
    if (entry === layout.name || layout.leftover(entry, () => true)) continue;
    const path = join(layout.parent, entry);
    const info = await lstat(path).catch(() => undefined);
    if (info?.isSymbolicLink() !== true) continue;
    const text = await readlink(path).catch(() => undefined);
    if (text !== undefined && isGenerationLinkText(text)) linked.add(text);
  }
  return linked;
}

/** Removes the leftovers of earlier saves to this path, except `keep`; returns what failed. */
async function removeLeftovers(layout: ModelLayout, keep: string): Promise<string[]> {
  const failed: string[] = [];
  const entries = await readdir(layout.parent);
  const linked = await generationsLinkedByOthers(layout, entries);
  for (const entry of entries) {
    if (entry === keep || linked.has(entry) || !layout.leftover(entry, isProcessAlive)) continue;
    try {
      await rm(join(layout.parent, entry), { recursive: true, force: true });
    } catch {
      failed.push(join(layout.parent, entry));
    }
  }
  return failed;
}

/**
 * Saves a model to a directory: `architecture.json` (layer plugin names and options),
 * `weights.safetensors` (every parameter and buffer, loadable by PyTorch), when given
 * `standardizer.json`, `training.json` and `metrics.json`, and the manifest
 * `deeptune-model.json` that marks the directory as a deeptune model. Node only
 * (`@deeptune/train/node`).
 *
 * **What may be replaced.** Only what {@link checkSaveTarget} accepts: nothing, an empty
 * directory, or a deeptune model (holding nothing but model files). A file, any other
 * directory, the current directory, `/` … are refused with a `ConfigError` before anything
 * is written; there is no option to force it.
 *
 * **On disk.** `dir` is a symbolic link (with a relative target) to a hidden sibling
 * directory that holds one complete save, its *generation*:
 *
 * ```text
 * models/mnist -> .mnist.deeptune-gen-<id>
 * models/.mnist.deeptune-gen-<id>/   deeptune-model.json, architecture.json, weights.safetensors, …
 * ```
 *
 * Read the files through the link as before (`models/mnist/weights.safetensors`). Copy a
 * model with `cp -rL` (which copies the content); do not copy the link alone.
 *
 * **Atomic, with no empty window.** A save takes a lock next to the path
 * (`.mnist.deeptune-lock`, holding its pid), writes and flushes a new generation, then
 * renames a new link over `dir` — a single atomic `rename(2)` — flushes the parent
 * directory, and only then removes the old generation. At every moment `dir` is the old
 * complete model or the new one; a crash or `kill -9` at any point leaves one of them, and
 * the next save to the same path removes the leftovers (unreferenced generations, temporary
 * links, a lock whose process is gone, and the `.staging-*`/`.previous-*` directories of
 * earlier versions) — never anything that does not belong to this path. A second save to the
 * same path while one runs fails with a `ConfigError` naming the running one.
 *
 * The one exception is the first save over a real directory (empty, or a model written by an
 * earlier version): a directory cannot be swapped for a link in one step, so it is renamed
 * aside and the link renamed in right after — two renames during which `dir` does not exist.
 * If the second fails, the old directory is renamed back; if the process is killed between
 * the two, the old model is in the hidden `.mnist.deeptune-gen-<id>` directory beside it.
 *
 * @param dir - the model directory (created, or replaced when it is a deeptune model).
 * @param options - the model and what to save with it.
 * @returns the absolute path of the directory.
 * @throws {@link @deeptune/core!ConfigError} when `dir` may not be replaced (see
 *   {@link checkSaveTarget}), another save to `dir` is running, the model cannot be
 *   described (see `describeModel`), or a JSON part is not serialisable.
 * @category Save and load
 *
 * @example
 * ```ts
 * import { saveModel } from '@deeptune/train/node';
 *
 * await saveModel('models/mnist', {
 *   model,
 *   standardizer,
 *   trainingConfig: { optimizer: 'adam', learningRate: 1e-3, epochs: 3, seed: 0 },
 *   metrics: { devAccuracy: 0.95 },
 * });
 * ```
 */
export async function saveModel(dir: string, options: SaveModelOptions): Promise<string> {
  const where = 'saveModel';
  // Everything that can fail without touching the disk comes first.
  const { layout } = await inspectSaveTarget(where, dir);
  const architecture =
    options.architecture ??
    describeModel(
      options.model,
      options.describers === undefined ? {} : { describers: options.describers },
    );
  const json = (name: string, value: unknown): string => {
    try {
      return `${JSON.stringify(value, null, 2)}\n`;
    } catch (error) {
      throw new ConfigError(
        `${where}: ${name} is not JSON-serialisable: ${(error as Error).message}.`,
        { cause: error },
      );
    }
  };
  const files: [string, Uint8Array | string][] = [
    [MODEL_FILES.weights, encodeSafetensors(options.model.stateDict(), { format: 'pt' })],
    [MODEL_FILES.architecture, json('architecture', architecture)],
  ];
  if (options.standardizer !== undefined) {
    files.push([MODEL_FILES.standardizer, json('standardizer', options.standardizer.toJSON())]);
  }
  if (options.trainingConfig !== undefined) {
    files.push([MODEL_FILES.training, json('trainingConfig', options.trainingConfig)]);
  }
  if (options.metrics !== undefined) {
    files.push([MODEL_FILES.metrics, json('metrics', options.metrics)]);
  }
  // The manifest comes last: a generation with a manifest is complete.
  files.push([
    MODEL_FILES.manifest,
    json('manifest', {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      files: files.map(([name]) => name),
    }),
  ]);

  await mkdir(layout.parent, { recursive: true });
  const lock = await acquireModelLock(where, layout);
  const generation = layout.newGeneration();
  const generationPath = join(layout.parent, generation);
  let linkPath: string | undefined;
  let committed = false;
  let failed: string[];
  try {
    // Check again under the lock: the path may have changed since.
    const { state } = await inspectSaveTarget(where, dir);
    await mkdir(generationPath);
    for (const [name, data] of files) await writeDurably(join(generationPath, name), data);
    await syncDirectory(generationPath);
    linkPath = join(layout.parent, layout.newLink());
    await symlink(generation, linkPath, 'dir');
    await lock.verify();
    if (state.kind === 'directory') {
      // One-time migration of a real directory: rename it aside (as a generation, so a crash
      // right here leaves it recoverable and the next save removes it), then the link in.
      const aside = join(layout.parent, layout.newGeneration());
      await rename(layout.target, aside);
      try {
        await rename(linkPath, layout.target);
      } catch (error) {
        await rename(aside, layout.target);
        throw error;
      }
    } else {
      await rename(linkPath, layout.target);
    }
    committed = true;
    linkPath = undefined;
    await syncDirectory(layout.parent);
    failed = await removeLeftovers(layout, generation);
  } catch (error) {
    if (!committed) {
      if (linkPath !== undefined) await rm(linkPath, { force: true }).catch(() => undefined);
      await rm(generationPath, { recursive: true, force: true }).catch(() => undefined);
    }
    throw error;
  } finally {
    await lock.release();
  }
  if (failed.length > 0) {
    throw new ConfigError(
      `${where}: the model was saved to ${layout.target}, but the leftovers of earlier saves could not be removed: ${failed.join(', ')}. Hint: check their permissions; the next save tries again.`,
    );
  }
  return layout.target;
}
