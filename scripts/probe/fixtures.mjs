/**
 * What cases build their inputs from: argument builders, data generators, a safetensors
 * editor, and the per-case context whose helpers write files into the case folder.
 */
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A 50 MB payload for the "huge file" cases. */
export const HUGE_BYTES = 50 * 1024 * 1024;

/** The tiny, fast training run most cases start from. */
const TINY = { '--dataset': 'moons', '--examples': '200', '--layers': '4', '--epochs': '1' };

/**
 * `train` with the tiny run's flags, `overrides` replacing them (`null` drops a flag), and
 * `extra` arguments appended as they are.
 *
 * @param {Record<string, string | null>} [overrides]
 * @param {readonly string[]} [extra]
 */
export function train(overrides = {}, extra = []) {
  const flags = { ...TINY, ...overrides };
  const args = ['train'];
  for (const [flag, value] of Object.entries(flags)) if (value !== null) args.push(flag, value);
  return [...args, ...extra];
}

/** `train` on the case's CSV file `data.csv` (written by the case). */
export function trainCsv(extra = [], file = 'data.csv') {
  return train({ '--dataset': `csv:${file}`, '--examples': null }, extra);
}

/** Three well separated classes of two features: rows `[x1, x2, label]`, deterministic. */
export function blobRows(count = 60) {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return Array.from({ length: count }, (_, i) => {
    const label = i % 3;
    return [(label * 2 + next()).toFixed(4), (-label + next()).toFixed(4), String(label)];
  });
}

/** CSV text: a header line and rows joined by `eol`, with a final line break. */
export function csvText(header, rows, eol = '\n') {
  return [header, ...rows.map((row) => row.join(','))].join(eol) + eol;
}

/** The blob data with a `x1,x2,label` header, each row passed through `edit(row, i)`. */
export function blobCsv(edit = (row) => row, header = 'x1,x2,label') {
  return csvText(
    header,
    blobRows().map((row, i) => edit([...row], i)),
  );
}

/** Splits a safetensors file into its header object and its data bytes. */
export function readSafetensors(bytes) {
  const length = Number(Buffer.from(bytes).readBigUInt64LE(0));
  const header = JSON.parse(
    Buffer.from(bytes)
      .subarray(8, 8 + length)
      .toString('utf8'),
  );
  return { header, data: Buffer.from(bytes).subarray(8 + length) };
}

/** Joins a header object (serialised as given) and data bytes into a safetensors file. */
export function writeSafetensors(header, data) {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, data]);
}

/** The source of a module that proves it was imported by writing `marker`. */
export function evilModule(marker) {
  return [
    "import { writeFileSync } from 'node:fs';",
    `writeFileSync(${JSON.stringify(marker)}, 'imported by the deeptune CLI\\n');`,
    'export default {};',
    '',
  ].join('\n');
}

/**
 * The folder of one case and the helpers its `setup` uses. Relative paths are relative to the
 * working folder `work` (the CLI's cwd); `../x` lands next to it, in the case folder `home`,
 * where everything is watched.
 */
export class CaseContext {
  /**
   * @param {object} options
   * @param {string} options.home - the case folder (watched, except `work/`).
   * @param {string} options.fixtures - the shared fixtures (a trained model in `model/`).
   */
  constructor({ home, fixtures }) {
    this.home = home;
    this.work = resolve(home, 'work');
    this.fixtures = fixtures;
    /** Written by evil.mjs when something imports it; must never exist. */
    this.marker = resolve(home, 'IMPORTED');
  }

  /** An absolute path for a path relative to the working folder. */
  at(relative) {
    return resolve(this.work, relative);
  }

  /** Writes a file (creating its folder), returns its absolute path. */
  write(relative, content, mode) {
    const path = this.at(relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    if (mode !== undefined) chmodSync(path, mode);
    return path;
  }

  /** Writes `value` as pretty JSON. */
  json(relative, value) {
    return this.write(relative, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Reads a JSON file of the case, passes it through `edit` and writes the result back. */
  editJson(relative, edit) {
    const value = JSON.parse(readFileSync(this.at(relative), 'utf8'));
    const edited = edit(value);
    return this.json(relative, edited === undefined ? value : edited);
  }

  /** Reads a file of the case. */
  read(relative) {
    return readFileSync(this.at(relative));
  }

  /** Creates a folder (and its parents). */
  mkdir(relative, mode) {
    const path = this.at(relative);
    mkdirSync(path, { recursive: true });
    if (mode !== undefined) chmodSync(path, mode);
    return path;
  }

  /** Creates a FIFO (named pipe): opening it for reading blocks until a writer comes. */
  fifo(relative) {
    const path = this.at(relative);
    mkdirSync(dirname(path), { recursive: true });
    rmSync(path, { force: true, recursive: true });
    execFileSync('mkfifo', [path]);
    return path;
  }

  /** Replaces `relative` by a symbolic link to `target`. */
  symlink(relative, target) {
    const path = this.at(relative);
    mkdirSync(dirname(path), { recursive: true });
    rmSync(path, { force: true, recursive: true });
    symlinkSync(target, path);
    return path;
  }

  /** Replaces `relative` by a folder holding one file. */
  replaceByDirectory(relative) {
    rmSync(this.at(relative), { force: true, recursive: true });
    this.write(`${relative}/inside.txt`, 'not a file\n');
  }

  /** Deletes a file or folder of the case. */
  remove(relative) {
    rmSync(this.at(relative), { force: true, recursive: true });
  }

  /** A file of `HUGE_BYTES`: `head`, then padding (spaces by default), then `tail`. */
  huge(relative, head = '', tail = '', pad = ' ') {
    const body = Buffer.alloc(HUGE_BYTES, pad);
    return this.write(relative, Buffer.concat([Buffer.from(head), body, Buffer.from(tail)]));
  }

  /**
   * Copies the fixture model (moons, 2-4-2, float32) to `relative`, returns its path. The
   * model path is a link to its files; the copy holds the files themselves (`cp -rL`), so
   * each case corrupts its own copy.
   */
  copyModel(relative = '../model') {
    const path = this.at(relative);
    cpSync(resolve(this.fixtures, 'model'), path, { recursive: true, dereference: true });
    return path;
  }

  /** Writes a module that writes the marker file when imported; returns its path. */
  evil(relative = 'evil.mjs') {
    return this.write(relative, evilModule(this.marker));
  }

  /**
   * Edits the weights file of a model: `edit(header, data)` may mutate both or return
   * `{ header, data }` (a header given as a string is written as it is).
   */
  editWeights(model, edit) {
    const file = `${model}/weights.safetensors`;
    const { header, data } = readSafetensors(this.read(file));
    const result = edit(header, data) ?? { header, data };
    this.write(file, writeSafetensors(result.header, result.data));
  }

  /**
   * Changes the values of one float32 tensor in place, leaving every other byte of the
   * weights file (its header included) as it was.
   */
  patchTensor(model, name, edit) {
    const file = `${model}/weights.safetensors`;
    const bytes = Buffer.from(this.read(file));
    const { header } = readSafetensors(bytes);
    const [begin, end] = header[name].data_offsets;
    const start = 8 + Number(bytes.readBigUInt64LE(0)) + begin;
    const values = new Float32Array((end - begin) >> 2);
    Buffer.from(values.buffer).set(bytes.subarray(start, start + end - begin));
    edit(values);
    Buffer.from(values.buffer).copy(bytes, start);
    this.write(file, bytes);
  }
}
