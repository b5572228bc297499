import { constants } from 'node:fs';
import { access, lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { ConfigError, DeeptuneError, describeValue } from '@deeptune/core';
import {
  KNOWN_MODEL_FILES,
  MANIFEST_FORMAT,
  MAX_MANIFEST_BYTES,
  MODEL_FILES,
  ModelLayout,
  isGenerationLinkText,
} from './model-layout.js';
import { MAX_JSON_BYTES, parseJsonFile, readOptionalFile } from './read-json-file.js';

/**
 * What is at a save target, once it is known to be replaceable.
 * @internal
 */
export type SaveTargetState =
  /** Nothing: the first save. */
  | { readonly kind: 'absent' }
  /** A link to a generation directory, as `saveModel` writes (replaced atomically). */
  | { readonly kind: 'link' }
  /** A real directory: empty, or a model written by an earlier version (migrated once). */
  | { readonly kind: 'directory' };

/**
 * The checked save target.
 * @internal
 */
export interface InspectedSaveTarget {
  /** The names around the target. */
  readonly layout: ModelLayout;
  /** What is there. */
  readonly state: SaveTargetState;
  /** Whether directories above the target must be created first. */
  readonly missingParents: boolean;
}

/** Whether an error is a Node error with this code. */
function hasCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

const ADVICE = 'Choose another path or remove it yourself.';

/** Whether the JSON file `file` in `dir` (bounded by `maxBytes`) is an object of `format`. */
async function hasFormat(
  where: string,
  dir: string,
  file: string,
  maxBytes: number,
  format: string,
): Promise<boolean> {
  const path = join(dir, file);
  const bytes = await readOptionalFile(where, path, maxBytes, `the file ${file}`);
  const json = bytes === undefined ? undefined : parseJsonFile(where, path, bytes);
  return (
    typeof json === 'object' &&
    json !== null &&
    Object.hasOwn(json, 'format') &&
    (json as Record<string, unknown>)['format'] === format
  );
}

/**
 * Why `dir` is not a deeptune model directory whose content `saveModel` may delete, or
 * `undefined` when it is one: it holds a manifest (`deeptune-model.json`) or, as written by
 * earlier versions, an `architecture.json` of format `deeptune-sequential`, and nothing but
 * the files `saveModel` writes.
 */
async function notAModel(where: string, dir: string): Promise<string | undefined> {
  const entries = await readdir(dir);
  const foreign = entries.filter((entry) => !KNOWN_MODEL_FILES.has(entry));
  const isModel = entries.includes(MODEL_FILES.manifest)
    ? await hasFormat(where, dir, MODEL_FILES.manifest, MAX_MANIFEST_BYTES, MANIFEST_FORMAT)
    : entries.includes(MODEL_FILES.architecture) &&
      (await hasFormat(
        where,
        dir,
        MODEL_FILES.architecture,
        MAX_JSON_BYTES,
        'deeptune-sequential',
      ));
  if (!isModel) {
    return `is not a deeptune model (no ${MODEL_FILES.manifest}, and no ${MODEL_FILES.architecture} of format 'deeptune-sequential')`;
  }
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    return `is a deeptune model but also holds files saveModel did not write (${shown}), which saving would delete`;
  }
  return undefined;
}

/**
 * The checks of {@link checkSaveTarget}, returning what is there.
 * @internal
 */
export async function inspectSaveTarget(where: string, dir: string): Promise<InspectedSaveTarget> {
  if (typeof dir !== 'string' || dir === '') {
    throw new ConfigError(`${where}: dir must be a directory path, got ${describeValue(dir)}.`);
  }
  const target = resolve(dir);
  const refuse = (why: string, hint = ADVICE): never => {
    throw new ConfigError(`${where}: ${target} ${why}; refusing to overwrite it. ${hint}`);
  };
  if (dirname(target) === target) refuse('is the root directory');
  const cwd = process.cwd();
  if (target === cwd || cwd.startsWith(target + sep)) {
    refuse(
      target === cwd ? 'is the current directory' : 'contains the current directory',
      'Choose another path.',
    );
  }
  const layout = new ModelLayout(target);

  // The nearest existing ancestor must be a writable directory.
  let ancestor = layout.parent;
  let missingParents = false;
  for (;;) {
    let info;
    try {
      info = await stat(ancestor);
    } catch (error) {
      if (hasCode(error, 'ENOENT', 'ENOTDIR') && dirname(ancestor) !== ancestor) {
        missingParents = true;
        ancestor = dirname(ancestor);
        continue;
      }
      throw new ConfigError(
        `${where}: cannot save to ${target}: its parent ${ancestor} cannot be examined (${(error as Error).message}). Choose another path.`,
        { cause: error },
      );
    }
    if (!info.isDirectory()) {
      throw new ConfigError(
        `${where}: cannot save to ${target}: ${ancestor} is not a directory. Choose another path.`,
      );
    }
    try {
      await access(ancestor, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw new ConfigError(
        `${where}: cannot save to ${target}: the directory ${ancestor} is not writable. Choose another path, or fix its permissions.`,
        { cause: error },
      );
    }
    break;
  }
  if (missingParents) return { layout, state: { kind: 'absent' }, missingParents };

  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return { layout, state: { kind: 'absent' }, missingParents };
    throw new ConfigError(
      `${where}: cannot save to ${target}: it cannot be examined (${(error as Error).message}).`,
      { cause: error },
    );
  }
  try {
    if (info.isSymbolicLink()) {
      const text = await readlink(target);
      if (!isGenerationLinkText(text)) {
        refuse(
          `exists and is not a deeptune model (a symbolic link to ${text}, not to a model generation written by saveModel)`,
        );
      }
      const generation = join(layout.parent, text);
      let generationInfo;
      try {
        generationInfo = await lstat(generation);
      } catch (error) {
        // A dangling link of ours (its generation was deleted by hand): nothing to lose.
        if (hasCode(error, 'ENOENT')) return { layout, state: { kind: 'link' }, missingParents };
        throw error;
      }
      if (!generationInfo.isDirectory()) {
        refuse(`exists and is not a deeptune model (${generation} is not a directory)`);
      }
      const why = await notAModel(where, generation);
      if (why !== undefined) refuse(`links to ${generation}, which ${why}`);
      return { layout, state: { kind: 'link' }, missingParents };
    }
    if (info.isDirectory()) {
      const real = await realpath(target);
      if (cwd === real || cwd.startsWith(real + sep)) {
        refuse('contains the current directory', 'Choose another path.');
      }
      const entries = await readdir(target);
      if (entries.length === 0) return { layout, state: { kind: 'directory' }, missingParents };
      const why = await notAModel(where, target);
      if (why !== undefined) refuse(`exists and ${why}`);
      return { layout, state: { kind: 'directory' }, missingParents };
    }
  } catch (error) {
    if (DeeptuneError.isInstance(error)) throw error;
    throw new ConfigError(
      `${where}: cannot save to ${target}: it cannot be examined (${(error as Error).message}).`,
      { cause: error },
    );
  }
  const kind = info.isFile()
    ? 'a regular file'
    : info.isFIFO()
      ? 'a FIFO'
      : info.isSocket()
        ? 'a socket'
        : 'a device';
  return refuse(
    `exists and is not a deeptune model (it is ${kind}, not a directory with ${MODEL_FILES.manifest})`,
  );
}

/**
 * Checks that `saveModel(dir, …)` may write to `dir`, without writing anything, so that a
 * program can refuse a bad path before it spends time training.
 *
 * A save target is accepted when it does not exist (missing parent directories are created
 * by the save, below a writable directory), is an empty directory, or is recognisably a
 * deeptune model: a link written by {@link saveModel}, or a directory holding a
 * `deeptune-model.json` manifest or, as earlier versions wrote, an `architecture.json` of
 * format `deeptune-sequential` — and nothing but the files a save writes. Everything else is
 * refused, since saving replaces what is there: a file, any other directory, a model
 * directory that also holds other files, a symbolic link that `saveModel` did not make, the
 * root directory, the current directory or one containing it, and a path whose nearest
 * existing parent is not a writable directory. There is no option to force it.
 *
 * @param dir - the model directory to be written.
 * @returns the absolute path of `dir`.
 * @throws {@link @deeptune/core!ConfigError} naming the path and why it is refused, in the
 *   words `saveModel` would use (`saveModel: /home/u/notes.txt exists and is not a deeptune
 *   model …; refusing to overwrite it. Choose another path or remove it yourself.`).
 * @category Save and load
 *
 * @example
 * ```ts
 * import { checkSaveTarget, saveModel } from '@deeptune/train/node';
 *
 * const target = await checkSaveTarget('models/mnist'); // fails now, not after training
 * const history = await fit(model, train, options);
 * await saveModel(target, { model });
 * ```
 */
export async function checkSaveTarget(dir: string): Promise<string> {
  // Its messages say `saveModel:`: they describe why that save would be refused.
  const { layout } = await inspectSaveTarget('saveModel', dir);
  return layout.target;
}
