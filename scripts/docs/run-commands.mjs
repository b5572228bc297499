// Runs every `deeptune` command line of the READMEs and guides, so that the docs cannot drift
// from the CLI.
//
//   node scripts/docs/run-commands.mjs [--list] [--only <substring>]... [--timeout <s>] [--keep]
//
// What is a command line (see extractCommands):
//   - in a fenced block tagged sh, bash, shell, console or untagged, a line starting with
//     `deeptune `, `npx deeptune `, `pnpm deeptune `, `pnpm -w deeptune `,
//     `npx -y pnpm@<version> deeptune ` or `node apps/cli/dist/cli.js ` (a leading `$ ` prompt is
//     dropped — in a console block it is required, other lines there are output —, a trailing
//     `# comment` is dropped, a line ending with `\` continues on the next); `sh no-run`
//     blocks are skipped;
//   - in the prose, an inline code span holding such a command (`deeptune evaluate
//     models/mnist`), except in table rows and headings, where it names a command.
// A command holding a placeholder (`<model-dir>`, `[kind]`, `…`) is listed as skipped.
//
// How they run: in ONE scratch folder under os.tmpdir() (never in the repository), one at a
// time, in document order (README.md, apps/cli/README.md, packages/*/README.md,
// docs/guides/*.md), so that `train --save models/mnist` precedes `evaluate models/mnist`.
// Each runs verbatim, only the program replaced by `node apps/cli/dist/cli.js` (a line with a
// pipe, a redirection or a `$` runs through /bin/sh). Before the first one:
//   - every ```lang file=NAME block of the docs is written to NAME (the convention of
//     scripts/release-rehearsal/guide.mjs, whose extractGuide reads them);
//   - files the commands name but the docs do not contain get small generated stand-ins
//     (STAND_INS below), announced in the output;
//   - <scratch>/node_modules/deeptune and @deeptune/* are symlinks to the built packages, so
//     that a plugin (the guide's lion.mjs) imports the same copies as the CLI.
// A command gets --timeout seconds (default 300); then it is sent SIGINT (the CLI stops after
// the current step, saves when --save was given and exits 130). Exit 0 is "ok"; exit 130 after
// at least one `epoch` line is "ran, interrupted after N s"; anything else is a failure.
// `--only <substring>` (repeatable; `--only=--flag` for a substring starting with a dash) runs
// the matching commands, plus the earlier command that saved a model directory a selected
// `evaluate`/`predict` reads; other producers (a plugin run that needs an earlier command's
// output, say) must be selected too: the run order stays the document order. `--list` prints
// the commands and runs nothing; `--keep` keeps the scratch folder; `--no-inline` reads fenced
// blocks only. Exits 1 if a command failed, 2 on a usage error.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { extractGuide, flagValue, splitWords } from '../release-rehearsal/guide.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'apps', 'cli', 'dist', 'cli.js');

/** The ways the docs invoke the CLI; the match is replaced by `node apps/cli/dist/cli.js `. */
const PROGRAM =
  /^(?:npx\s+(?:-y\s+)?pnpm(?:@\S+)?\s+(?:-w\s+)?deeptune|npx\s+(?:-y\s+)?deeptune|pnpm\s+(?:-w\s+)?deeptune|deeptune|node\s+(?:\.\/)?apps\/cli\/dist\/cli\.js)(?=\s|$)/;

/** Block languages whose lines are shell commands. */
const SHELL_LANGUAGES = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'console', 'shell-session']);

/**
 * @typedef {object} DocCommand
 * @property {string} file - the document's path (as given to extractCommands).
 * @property {number} line - the 1-based line where the command starts.
 * @property {string} command - the command line as written (prompt and comment removed).
 * @property {string} args - what follows the program (`train --save models/mnist`).
 * @property {'block' | 'inline'} kind - in a fenced block or an inline code span.
 * @property {string} [skip] - why it is not run (a placeholder, a command name in a table).
 */

/**
 * @typedef {object} DocFile
 * @property {string} file - the document's path.
 * @property {number} line - the line of the opening fence.
 * @property {string} name - the relative path of `file=NAME`.
 * @property {string} content
 */

/**
 * The `deeptune` command lines of a Markdown document, and its `file=` blocks.
 *
 * @param {string} markdown
 * @param {string} [file] - the document's path, recorded in the results.
 * @param {{ inline?: boolean }} [options] - inline: also read inline code spans (default true).
 * @returns {{ commands: DocCommand[], files: DocFile[] }}
 */
export function extractCommands(markdown, file = '<markdown>', options = {}) {
  const inline = options.inline ?? true;
  const lines = markdown.split(/\r?\n/);
  /** @type {DocCommand[]} */
  const commands = [];
  /** @type {string[]} the prose between fences, its line numbers kept (fence lines blanked) */
  const prose = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (open === null || (open[2][0] === '`' && open[3].includes('`'))) {
      prose.push(lines[i]);
      continue;
    }
    const [, indent, fence, info] = open;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body = [];
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) {
      body.push(lines[end].replace(new RegExp(`^ {0,${indent.length}}`), ''));
      end++;
    }
    for (let k = i; k <= Math.min(end, lines.length - 1); k++) prose.push('');
    const [language = '', ...attributes] = info.trim().split(/\s+/);
    const isFile = attributes.some((attribute) => attribute.startsWith('file='));
    if (!isFile && SHELL_LANGUAGES.has(language.toLowerCase())) {
      const noRun = attributes.includes('no-run');
      for (const found of blockCommands(body, i + 2, language === 'console')) {
        commands.push(
          describe(found.text, file, found.line, 'block', noRun ? 'a no-run block' : undefined),
        );
      }
    }
    i = end;
  }
  if (inline) commands.push(...inlineCommands(prose, file));
  commands.sort((a, b) => a.line - b.line);
  const files = extractGuide(markdown).files.map(({ name, content, line }) => ({
    file,
    line,
    name,
    content,
  }));
  return { commands, files };
}

/** The command lines of a shell block whose first line is line `firstLine` of the document. */
function blockCommands(body, firstLine, promptRequired) {
  const found = [];
  let pending = '';
  let start = 0;
  body.forEach((raw, index) => {
    let text = raw.trim();
    if (pending === '') {
      const prompt = /^\$\s+/.exec(text);
      if (prompt !== null) text = text.slice(prompt[0].length);
      else if (promptRequired) return; // output of a console block
      start = firstLine + index;
    }
    text = stripComment(text);
    if (text.endsWith('\\')) {
      pending += `${text.slice(0, -1).trimEnd()} `;
      return;
    }
    const command = (pending + text).trim();
    pending = '';
    for (const part of listParts(command)) {
      if (PROGRAM.test(part)) found.push({ text: part, line: start });
    }
  });
  for (const part of listParts(pending.trim())) {
    if (PROGRAM.test(part)) found.push({ text: part, line: start });
  }
  return found;
}

/**
 * The commands of a shell list (`npm install && deeptune train`): the line split at `&&`,
 * `||` and `;` outside quotes. A pipeline stays one part.
 */
export function listParts(line) {
  const parts = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== '') {
      if (char === quote) quote = '';
      else if (char === '\\' && quote === '"') i++;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\\') i++;
    else if (char === ';' || ((char === '&' || char === '|') && line[i + 1] === char)) {
      parts.push(line.slice(start, i).trim());
      if (char !== ';') i++;
      start = i + 1;
    }
  }
  parts.push(line.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/** Inline code spans of the prose that hold a command (a span may wrap onto the next line). */
function inlineCommands(prose, file) {
  const text = prose.join('\n');
  const found = [];
  for (const match of text.matchAll(/(?<!`)`([^`\n]+(?:\n[^`\n]+)?)`(?!`)/g)) {
    const span = match[1].replace(/\s+/g, ' ').trim();
    // `deeptune` alone names the package or the command; a command line has arguments.
    if (!PROGRAM.test(span) || span.replace(PROGRAM, '').trim() === '') continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const lineText = prose[line - 1].trimStart();
    let skip;
    if (lineText.startsWith('|')) skip = 'a command name in a table';
    else if (lineText.startsWith('#')) skip = 'a command name in a heading';
    found.push(describe(span, file, line, 'inline', skip));
  }
  return found;
}

/** A DocCommand, with the reason to skip it when it holds a placeholder. */
function describe(command, file, line, kind, skip) {
  const args = command.replace(PROGRAM, '').trim();
  return { file, line, command, args, kind, skip: skip ?? placeholder(command) };
}

/** Why a command cannot run as written (a placeholder in it), or undefined. */
export function placeholder(command) {
  const angle = /<[A-Za-z][\w.:-]*(?:\s[\w.:-]+)*>/.exec(command);
  if (angle !== null) return `placeholder ${angle[0]}`;
  const square = /\[[A-Za-z][\w-]*(?:[ |=][^\]]*)?\]/.exec(command);
  if (square !== null && !/^\[[\d.,\s]+\]$/.test(square[0])) return `placeholder ${square[0]}`;
  if (/…|(?:^|\s)\.\.\.(?:\s|$)/.test(command)) return 'placeholder …';
  return undefined;
}

/** Drops a `# comment` (a `#` after whitespace, outside quotes) from a shell line. */
export function stripComment(line) {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== '') {
      if (char === quote) quote = '';
      else if (char === '\\' && quote === '"') i++;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\\') i++;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

/** Whether a command needs a shell (pipe, redirection, variables, globs, lists). */
export function needsShell(command) {
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote === "'") {
      if (char === "'") quote = '';
    } else if (char === '$' || char === '`') return true;
    else if (quote === '"') {
      if (char === '"') quote = '';
      else if (char === '\\') i++;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\\') i++;
    else if (/[|&;<>()*?~{}]/.test(char)) return true;
  }
  return false;
}

/**
 * Commands to run for `--only`: the matching ones, plus, for an `evaluate`/`predict` among
 * them, the last earlier command that `--save`d the model directory it reads.
 *
 * @param {DocCommand[]} commands - in run order.
 * @param {string[]} only - substrings; empty selects everything.
 * @returns {Set<DocCommand>}
 */
export function selectCommands(commands, only) {
  if (only.length === 0) return new Set(commands);
  const selected = new Set(commands.filter((c) => only.some((s) => c.command.includes(s))));
  for (const [index, command] of commands.entries()) {
    if (!selected.has(command) || command.skip !== undefined) continue;
    const words = splitWords(command.args);
    if (words[0] !== 'evaluate' && words[0] !== 'predict') continue;
    const model = words.slice(1).find((word) => !word.startsWith('-'));
    if (model === undefined) continue;
    const producer = commands
      .slice(0, index)
      .findLast((c) => c.skip === undefined && flagValue(c.args, 'save') === model);
    if (producer !== undefined) selected.add(producer);
  }
  return selected;
}

// ---------------------------------------------------------------------------------------
// Stand-ins for files the docs name but do not contain.

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Known stand-ins: name → { why, make(docs) }. */
const STAND_INS = {
  'iris.csv': {
    why: 'iris-like CSV: 150 rows, 4 numeric features and a `species` column of class names (setosa, versicolor, virginica)',
    make() {
      const next = random(1);
      const centres = {
        setosa: [5.0, 3.4, 1.5, 0.2],
        versicolor: [5.9, 2.8, 4.3, 1.3],
        virginica: [6.6, 3.0, 5.6, 2.0],
      };
      const rows = ['sepal_length,sepal_width,petal_length,petal_width,species'];
      for (let i = 0; i < 150; i++) {
        const species = Object.keys(centres)[i % 3];
        const values = centres[species].map((c) => (c + (next() - 0.5) * 0.6).toFixed(1));
        rows.push(`${values.join(',')},${species}`);
      }
      return `${rows.join('\n')}\n`;
    },
  },
  'rows.csv': {
    why: 'MNIST-like CSV: 3 rows of 784 pixel values in [0, 1], no header',
    make() {
      const next = random(2);
      const rows = [];
      for (let r = 0; r < 3; r++) {
        rows.push(Array.from({ length: 784 }, () => (next() < 0.8 ? 0 : next()).toFixed(3)));
      }
      return `${rows.map((row) => row.join(',')).join('\n')}\n`;
    },
  },
  'run.yaml': {
    why: 'the untitled ```yaml config block of the document that mentions `--config run.yaml`',
    make(docs) {
      for (const { markdown } of docs) {
        if (!markdown.includes('run.yaml')) continue;
        const block = /^```ya?ml[ \t]*\n([\s\S]*?)^```[ \t]*$/m.exec(markdown);
        if (block !== null) return block[1];
      }
      return 'dataset: moons\nlayers: [16, 16]\nepochs: 2\n';
    },
  },
};

/** The names of STAND_INS that the commands to run mention (as a word or a word's suffix). */
function neededStandIns(commands, provided) {
  const needed = new Set();
  for (const command of commands) {
    for (const word of splitWords(command.args)) {
      for (const name of Object.keys(STAND_INS)) {
        if (provided.has(name)) continue;
        const plain = word.replace(/^(?:csv:|--[\w-]+=)/, '').replace(/^\.\//, '');
        if (plain === name) needed.add(name);
      }
    }
  }
  return needed;
}

// ---------------------------------------------------------------------------------------
// Running.

/** The documents, in run order. */
function documents() {
  const list = ['README.md', 'apps/cli/README.md'];
  for (const folder of ['packages', 'docs/guides']) {
    const entries = readdirSync(join(ROOT, folder), { withFileTypes: true })
      .map((entry) => entry.name)
      .sort();
    for (const name of entries) {
      const path = folder === 'packages' ? join(folder, name, 'README.md') : join(folder, name);
      if (path.endsWith('.md') && existsSync(join(ROOT, path))) list.push(path);
    }
  }
  return list.filter((path) => existsSync(join(ROOT, path)));
}

/** Symlinks the built workspace packages into `<folder>/node_modules`. */
async function linkPackages(folder) {
  for (const name of readdirSync(join(ROOT, 'packages')).sort()) {
    const manifest = join(ROOT, 'packages', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name: packageName } = JSON.parse(await readFile(manifest, 'utf8'));
    const target = join(folder, 'node_modules', ...packageName.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await symlink(join(ROOT, 'packages', name), target, 'dir');
  }
}

let current = null; // the running child, for Ctrl-C
let stopping = false;

/**
 * Runs one command in `folder` with a time budget.
 *
 * @returns {Promise<{ code: number | null, signal: string | null, seconds: number,
 *   interruptedAt: number | null, stdout: string, stderr: string }>}
 */
function runOne(command, folder, timeoutSeconds) {
  const shell = needsShell(command.command);
  const program = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`;
  // Through a shell, `trap : INT` keeps the shell waiting for the CLI when SIGINT reaches the
  // process group (a caught signal is reset to the default in the commands it starts), and
  // bash's pipefail makes `deeptune train | head -1` report the CLI's exit code.
  const script = `trap : INT; ${command.command.replace(PROGRAM, program)}`;
  const [file, argv] = !shell
    ? [process.execPath, [CLI, ...splitWords(command.args)]]
    : existsSync('/bin/bash')
      ? ['/bin/bash', ['-o', 'pipefail', '-c', script]]
      : ['/bin/sh', ['-c', script]];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: SIGINT reaches the CLI (and a pipeline) only
      env: { ...process.env, INIT_CWD: folder },
    });
    current = child;
    let stdout = '';
    let stderr = '';
    const keep = (text, chunk) => (text + chunk).slice(-256 * 1024);
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout = keep(stdout, chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr = keep(stderr, chunk)));
    let interruptedAt = null;
    let hard = null;
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    const budget = setTimeout(() => {
      interruptedAt = (Date.now() - started) / 1000;
      signal('SIGINT');
      // The CLI stops after the current step and saves; give it a while, then insist.
      hard = setTimeout(() => signal('SIGKILL'), 120_000);
    }, timeoutSeconds * 1000);
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
    });
    child.on('close', (code, sig) => {
      clearTimeout(budget);
      if (hard !== null) clearTimeout(hard);
      current = null;
      resolve({
        code,
        signal: sig,
        seconds: (Date.now() - started) / 1000,
        interruptedAt,
        stdout,
        stderr,
      });
    });
  });
}

/** "ok", "interrupted" or "failed", and the text of the result column. */
function verdict(run) {
  if (run.code === 0 && run.interruptedAt === null) return ['ok', 'ok'];
  const epochs = /^epoch\s+\d+/m.test(run.stdout) || /^epoch\s+\d+/m.test(run.stderr);
  if (run.interruptedAt !== null && run.code === 130 && epochs) {
    return ['interrupted', `ran, interrupted after ${Math.round(run.interruptedAt)} s`];
  }
  const last =
    run.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? '';
  const how = run.code !== null ? `exit ${run.code}` : `killed by ${run.signal}`;
  const budget =
    run.interruptedAt !== null
      ? ` (sent SIGINT after ${Math.round(run.interruptedAt)} s${epochs ? '' : ', no epoch line'})`
      : '';
  return ['failed', `FAILED ${how}${budget}${last === '' ? '' : `: ${last}`}`];
}

/** Prints rows as an aligned text table. */
function printTable(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const { values } = parseArgs({
    options: {
      list: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: '300' },
      keep: { type: 'boolean', default: false },
      'no-inline': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: node scripts/docs/run-commands.mjs [--list] [--only <substring>]... [--timeout <s>] [--keep] [--no-inline]\n' +
        '  --list       print the extracted commands (and skipped ones, with the reason); run nothing\n' +
        '  --only <s>   run the commands containing <s> (repeatable; --only=--x for a dash), plus the\n' +
        '               earlier --save command of a model directory a selected evaluate/predict reads\n' +
        '  --timeout <s> seconds per command before SIGINT (default 300)\n' +
        '  --keep       keep the scratch folder\n' +
        '  --no-inline  only fenced code blocks, not inline code spans in the prose',
    );
    return 0;
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new Error(`--timeout must be a positive number of seconds`);

  const docs = [];
  for (const path of documents()) {
    const markdown = await readFile(join(ROOT, path), 'utf8');
    docs.push({
      path,
      markdown,
      ...extractCommands(markdown, path, { inline: !values['no-inline'] }),
    });
  }
  const commands = docs.flatMap((doc) => doc.commands);
  const files = docs.flatMap((doc) => doc.files);

  if (values.list) {
    printTable(
      ['file:line', 'kind', 'command', 'note'],
      commands.map((c) => [
        `${c.file}:${c.line}`,
        c.kind,
        c.command,
        c.skip === undefined ? '' : `skipped: ${c.skip}`,
      ]),
    );
    console.log('');
    for (const doc of docs) {
      if (doc.commands.length === 0 && doc.files.length === 0) continue;
      const skipped = doc.commands.filter((c) => c.skip !== undefined).length;
      console.log(
        `${doc.path}: ${doc.commands.length} commands (${skipped} skipped)` +
          (doc.files.length > 0 ? `, files ${doc.files.map((f) => f.name).join(', ')}` : ''),
      );
    }
    console.log(`${commands.length} commands, ${commands.filter((c) => !c.skip).length} to run`);
    return 0;
  }

  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: build first (pnpm build)`);
  const selected = selectCommands(commands, values.only);
  const folder = await mkdtemp(join(tmpdir(), 'deeptune-doc-commands-'));
  console.log(`scratch folder: ${folder}`);
  let failed = 0;
  try {
    const provided = new Set();
    for (const file of files) {
      if (provided.has(file.name)) {
        console.log(
          `note: ${file.file}:${file.line} file=${file.name} given again; kept the first`,
        );
        continue;
      }
      provided.add(file.name);
      await mkdir(dirname(join(folder, file.name)), { recursive: true });
      await writeFile(join(folder, file.name), file.content);
      console.log(`wrote ${file.name} from ${file.file}:${file.line}`);
    }
    const toRun = commands.filter((c) => selected.has(c) && c.skip === undefined);
    for (const name of neededStandIns(toRun, provided)) {
      await writeFile(join(folder, name), STAND_INS[name].make(docs));
      console.log(`generated stand-in ${name}: ${STAND_INS[name].why}`);
    }
    await linkPackages(folder);
    console.log(
      `linked node_modules/deeptune and @deeptune/* to ${relative(process.cwd(), join(ROOT, 'packages')) || '.'}/*`,
    );
    console.log('');

    const rows = [];
    const counts = { ok: 0, interrupted: 0, failed: 0, skipped: 0 };
    const chosen = commands.filter((c) => selected.has(c));
    for (const [index, command] of chosen.entries()) {
      const where = `${command.file}:${command.line}`;
      if (command.skip !== undefined || stopping) {
        const reason = command.skip ?? 'stopped by Ctrl-C';
        counts.skipped++;
        rows.push([where, command.command, `skipped: ${reason}`, '']);
        continue;
      }
      process.stderr.write(`[${index + 1}/${chosen.length}] ${where}  ${command.command}\n`);
      const run = await runOne(command, folder, timeout);
      const [kind, text] = verdict(run);
      counts[kind]++;
      process.stderr.write(`  -> ${text} (${run.seconds.toFixed(1)} s)\n`);
      if (kind === 'failed') {
        // The end of its output, to see the failure without re-running it.
        const tail = `${run.stdout}\n${run.stderr}`.trimEnd().split('\n').slice(-8);
        process.stderr.write(`${tail.map((line) => `     | ${line}`).join('\n')}\n`);
      }
      rows.push([where, command.command, text, run.seconds.toFixed(1)]);
    }
    failed = counts.failed;
    console.log('');
    printTable(['file:line', 'command', 'result', 'seconds'], rows);
    console.log('');
    console.log(
      `${rows.length} commands: ${counts.ok} ok, ${counts.interrupted} interrupted while running, ` +
        `${counts.failed} failed, ${counts.skipped} skipped`,
    );
  } finally {
    if (values.keep) console.log(`kept the scratch folder ${folder}`);
    else {
      await rm(folder, { recursive: true, force: true });
      console.log(`removed the scratch folder ${folder}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.on('SIGINT', () => {
    // Ctrl-C: pass it to the running command (it saves and exits 130), then stop.
    stopping = true;
    if (current !== null) {
      try {
        process.kill(-current.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  });
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`run-commands: error: ${error.message}`);
      process.exit(2);
    },
  );
}
