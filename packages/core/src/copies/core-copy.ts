import { IncompatibleCopyError } from '../errors/incompatible-copy-error.js';

/**
 * Replaced at build time: tsup's `define` (packages/core/tsup.config.ts) writes the version
 * from package.json, and vitest defines it the same way for the sources.
 */
declare const __DEEPTUNE_CORE_VERSION__: string | undefined;

/**
 * The version of this copy of `@deeptune/core`, e.g. `'0.3.1'`.
 *
 * It is written into the build from package.json, so nothing reads package.json at run time
 * (bundlers and browsers need no JSON import). When the sources run without that build step
 * (e.g. through `tsx`), it is `'0.0.0-source'`.
 *
 * @category Copies
 */
export const CORE_VERSION: string =
  typeof __DEEPTUNE_CORE_VERSION__ === 'string' ? __DEEPTUNE_CORE_VERSION__ : '0.0.0-source';

/**
 * One loaded copy of `@deeptune/core`: its version and where it was loaded from.
 *
 * @category Copies
 */
export interface CoreCopy {
  /** The package version, e.g. `'0.3.1'`. */
  readonly version: string;
  /** The `import.meta.url` of the copy's module, e.g. `file:///app/node_modules/@deeptune/core/dist/….js`. */
  readonly url: string;
}

/**
 * This copy. Brands (see `defineBrand`) store this very object, so recognising a value of
 * this copy is one identity comparison.
 * @internal
 */
export const THIS_CORE_COPY: CoreCopy = Object.freeze({
  version: CORE_VERSION,
  url: import.meta.url,
});

const COPIES_KEY = Symbol.for('deeptune.core.copies');
const globalSlots = globalThis as unknown as Record<symbol, unknown>;
globalSlots[COPIES_KEY] ??= [];
const copies = globalSlots[COPIES_KEY];
if (Array.isArray(copies)) copies.push(THIS_CORE_COPY);

/**
 * Every copy of `@deeptune/core` loaded in this JavaScript realm so far, in load order
 * (each copy adds itself to a list under `Symbol.for('deeptune.core.copies')` when it is
 * loaded). More than one entry means that an app and a plugin, say, each have their own
 * install; that is fine while their versions are compatible (see
 * {@link IncompatibleCopyError}).
 *
 * @returns a snapshot of the list.
 * @category Copies
 *
 * @example
 * ```ts
 * const copies = loadedCoreCopies();
 * copies.length; // 1 unless a plugin brought its own install
 * copies.map((copy) => copy.version); // e.g. ['0.3.1']
 * ```
 */
export function loadedCoreCopies(): readonly CoreCopy[] {
  const list = globalSlots[COPIES_KEY];
  return Array.isArray(list) ? [...(list as CoreCopy[])] : [THIS_CORE_COPY];
}

const VERSION_PATTERN = /^(\d+)\.(\d+)\.\d+(?:[-+].*)?$/;

/**
 * The compatibility rule between two copies of `@deeptune/core`: the same major version,
 * and while the major version is 0 the same minor version, because deeptune's changesets
 * release anything breaking as a minor version during 0.x (npm's caret range `^0.3.0` means
 * the same). Patch versions and pre-release tags do not matter. A version that is not
 * `major.minor.patch` is compatible only with itself.
 * @internal
 */
export function areCoreVersionsCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const x = VERSION_PATTERN.exec(a);
  const y = VERSION_PATTERN.exec(b);
  if (x === null || y === null || x[1] !== y[1]) return false;
  return x[1] !== '0' || x[2] === y[2];
}

/** A copy's location for messages: the file path of a `file:` URL, otherwise the URL. */
function location(url: string): string {
  if (!url.startsWith('file:')) return url;
  const parsed = new URL(url);
  return decodeURIComponent(parsed.pathname) + parsed.search;
}

/** Foreign copies already found compatible: later checks of their values are one lookup. */
const acceptedCopies = new WeakSet<object>();

/**
 * Checks the copy record carried by a value of another copy of core.
 *
 * @param copy - the record found under a brand (normally another copy's `THIS_CORE_COPY`).
 * @param what - what the value is, for the message, e.g. `'a Tensor'`.
 * @returns true when the copies are compatible.
 * @throws {@link IncompatibleCopyError} naming both versions and both locations otherwise.
 * @internal
 */
export function assertCompatibleCopy(copy: unknown, what: string): true {
  if (typeof copy === 'object' && copy !== null && acceptedCopies.has(copy)) return true;
  const fields = (typeof copy === 'object' && copy !== null ? copy : {}) as Partial<CoreCopy>;
  const version = typeof fields.version === 'string' ? fields.version : undefined;
  if (version !== undefined && areCoreVersionsCompatible(version, CORE_VERSION)) {
    acceptedCopies.add(copy as object);
    return true;
  }
  const theirs =
    `@deeptune/core ${version ?? '(unknown version)'}` +
    (typeof fields.url === 'string' ? ` at ${location(fields.url)}` : '');
  throw new IncompatibleCopyError(
    `${what} made by ${theirs} reached @deeptune/core ${CORE_VERSION} at ${location(THIS_CORE_COPY.url)}, ` +
      'and these copies are incompatible: copies of @deeptune/core work together only with the same major version ' +
      '(and, during 0.x, the same minor version). Hint: use one release of the deeptune packages; a plugin lists ' +
      'them as peerDependencies so that it shares the copies of the app that loads it ' +
      '(`npm ls @deeptune/core` shows where each copy comes from).',
  );
}
