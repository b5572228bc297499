import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';

/** The file names of a model directory. @internal */
export const MODEL_FILES = Object.freeze({
  manifest: 'deeptune-model.json',
  architecture: 'architecture.json',
  weights: 'weights.safetensors',
  standardizer: 'standardizer.json',
  training: 'training.json',
  metrics: 'metrics.json',
});

/** The names `saveModel` may write in a model directory; nothing else is ever in one. */
export const KNOWN_MODEL_FILES: ReadonlySet<string> = new Set(Object.values(MODEL_FILES));

/** The manifest's `format` marker. @internal */
export const MANIFEST_FORMAT = 'deeptune-model';

/** The manifest version this code writes and reads. @internal */
export const MANIFEST_VERSION = 1;

/** The largest manifest accepted (it lists a few file names). @internal */
export const MAX_MANIFEST_BYTES = 64 * 1024;

/** Escapes a string for a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The unique part of generated names: time, pid and randomness, without dots. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const ID = '[0-9a-z]+-[0-9]+-[0-9a-f]+';

/**
 * The hidden siblings of one model path `dir/name`, all in `dir` and all starting with
 * `.name.`, with exact patterns so that they never match what belongs to another path
 * (other names never produce these exact shapes, since generated parts contain no dot):
 *
 * - `.name.deeptune-gen-<id>`: a generation, one complete model directory;
 * - `.name.deeptune-link-<id>`: a symbolic link being renamed over `name`;
 * - `.name.deeptune-lock`: the lock of a save in progress (its content names the pid);
 * - `.name.deeptune-lock-<pid>-<id>`: a lock being created (linked to the lock, then removed);
 * - `.name.staging-<pid>-<n>` and `.name.previous-<pid>-<n>`: leftovers of the save of
 *   earlier versions, which staged and swapped whole directories.
 *
 * @internal
 */
export class ModelLayout {
  /** The model path (absolute). */
  readonly target: string;
  /** Its parent directory. */
  readonly parent: string;
  /** Its last component. */
  readonly name: string;
  readonly #generation: RegExp;
  readonly #link: RegExp;
  readonly #lockTemporary: RegExp;
  readonly #legacy: RegExp;

  constructor(target: string) {
    this.target = target;
    this.parent = dirname(target);
    this.name = basename(target);
    const prefix = `^\\.${escape(this.name)}\\.`;
    this.#generation = new RegExp(`${prefix}deeptune-gen-${ID}$`);
    this.#link = new RegExp(`${prefix}deeptune-link-${ID}$`);
    this.#lockTemporary = new RegExp(`${prefix}deeptune-lock-(?<pid>[0-9]+)-[0-9a-f]+$`);
    this.#legacy = new RegExp(`${prefix}(?:staging|previous)-[0-9]+-[0-9]+$`);
  }

  /** A fresh generation directory name (a sibling of the target). */
  newGeneration(): string {
    return `.${this.name}.deeptune-gen-${uniqueId()}`;
  }

  /** A fresh temporary link name. */
  newLink(): string {
    return `.${this.name}.deeptune-link-${uniqueId()}`;
  }

  /** The lock file's name. */
  get lockName(): string {
    return `.${this.name}.deeptune-lock`;
  }

  /** A fresh name for a lock being created by this process. */
  newLockTemporary(): string {
    return `.${this.name}.deeptune-lock-${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** Whether `entry` (a name in the parent) is a generation of this model path. */
  isGeneration(entry: string): boolean {
    return this.#generation.test(entry);
  }

  /**
   * What `entry` (a name in the parent) is to this model path: a leftover that a save may
   * remove once it holds the lock, or `undefined` when it is not this path's. A lock being
   * created is a leftover only when its process is gone.
   */
  leftover(entry: string, isAlive: (pid: number) => boolean): boolean {
    if (this.#generation.test(entry) || this.#link.test(entry) || this.#legacy.test(entry)) {
      return true;
    }
    const lock = this.#lockTemporary.exec(entry);
    return lock !== null && !isAlive(Number(lock.groups!['pid']));
  }
}

/**
 * Whether a symbolic link's text names a generation directory next to the link: one path
 * component of the form `.<name>.deeptune-gen-<id>`.
 * @internal
 */
export function isGenerationLinkText(text: string): boolean {
  return new RegExp(`^\\.[^/\\\\]+\\.deeptune-gen-${ID}$`).test(text);
}
