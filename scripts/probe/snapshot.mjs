/**
 * File-system snapshots, to tell whether a case created, changed or deleted anything outside
 * its own working folder. Entries are read with lstat and never opened unless they are regular
 * files, so a FIFO or a symbolic link to /dev/zero in a case folder cannot hang the probe.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** One entry's identity: its kind, permissions and content (or link target). */
function signature(path, stats, withContent) {
  const mode = (stats.mode & 0o7777).toString(8);
  if (stats.isSymbolicLink()) return `link ${mode} -> ${readlinkSync(path)}`;
  if (stats.isDirectory()) return `dir ${mode}`;
  if (!stats.isFile()) return `special ${mode}`;
  if (!withContent) return `file ${mode} ${stats.size} ${stats.mtimeMs}`;
  let digest;
  try {
    digest = createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch (error) {
    digest = `unreadable (${error.code})`;
  }
  return `file ${mode} ${stats.size} ${digest}`;
}

/**
 * Every entry under `root` (the root itself as `.`), by relative path.
 *
 * @param {string} root
 * @param {{ shallow?: boolean }} [options] - shallow: the root's own entries only, files
 *   identified by size and mtime instead of a hash (for directories such as `/`).
 * @returns {Map<string, string>}
 */
export function snapshot(root, { shallow = false } = {}) {
  const entries = new Map();
  const visit = (path, relative, depth) => {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      return;
    }
    entries.set(relative, signature(path, stats, !shallow));
    if (!stats.isDirectory() || (shallow && depth > 0)) return;
    let names;
    try {
      names = readdirSync(path).sort();
    } catch {
      return;
    }
    for (const name of names) {
      visit(join(path, name), relative === '.' ? name : `${relative}/${name}`, depth + 1);
    }
  };
  visit(root, '.', 0);
  return entries;
}

/**
 * The differences between two snapshots of one tree, as `created x`, `deleted y`,
 * `changed z`, minus those `allowed(kind, path)` accepts.
 *
 * @param {Map<string, string>} before
 * @param {Map<string, string>} after
 * @param {(kind: 'created' | 'deleted' | 'changed', path: string) => boolean} [allowed]
 * @returns {string[]}
 */
export function compareSnapshots(before, after, allowed = () => false) {
  const differences = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    const kind = now === undefined ? 'deleted' : now !== was ? 'changed' : undefined;
    if (kind !== undefined && !allowed(kind, path)) differences.push(`${kind} ${path}`);
  }
  for (const path of after.keys()) {
    if (!before.has(path) && !allowed('created', path)) differences.push(`created ${path}`);
  }
  return differences;
}
