#!/usr/bin/env node
/**
 * Hostile-input probe of the deeptune CLI: runs a catalogue of bad, careless and hostile
 * inputs (cases/*.mjs) against `node apps/cli/dist/cli.js` and reports, per case and in total,
 * whether each was handled cleanly:
 *
 *   - the expected exit code: 2 when the command line or a config file is wrong, 1 when a
 *     data or model file is wrong or the run failed, 0 where accepting is right;
 *   - on failure, one stderr line `deeptune: error: …` naming the flag, key or file (and value);
 *   - no stack trace, no raw Node/V8 error text (RangeError, EISDIR, [object Object], …);
 *   - no hang (per-case timeout), peak RSS below 300 MB;
 *   - nothing outside the case's own working folder created, changed or deleted.
 *
 *   pnpm probe                          (or: node scripts/probe/run.mjs)
 *   pnpm probe --only save.             run the cases whose id contains "save."
 *   pnpm probe --json probe.json        also write every result as JSON
 *
 * It is a measurement, not a test: it exits 0 however many cases fail, and 1 only when the
 * probe itself breaks. Run as root, it runs every case as the user `nobody`, so that a
 * hostile path can do no harm and permission cases mean something. Uses the built CLI as it
 * is: run `pnpm build` first if the sources changed.
 */
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import {
  chmodSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './cases/index.mjs';
import { clip, expectedCodes, judge, RSS_LIMIT_MB } from './checks.mjs';
import { CaseContext, train } from './fixtures.mjs';
import { hasGnuTime, killRunning, runCli } from './harness.mjs';
import { compareSnapshots, snapshot } from './snapshot.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Usage: node scripts/probe/run.mjs [options]

Options:
  --only <text>         run only the cases whose id contains <text> (repeatable)
  --json <file>         write every result to <file> as JSON
  --jobs <n>            cases run at the same time [default: 4]
  --timeout <s>         seconds before a case counts as hung and is killed [default: 120]
  --memory-cap <mb>     kill a case whose RSS grows beyond this [default: 1024]
  --cli <path>          the CLI to probe [default: apps/cli/dist/cli.js]
  --as-root             when run as root, run the cases as root too (skips the dangerous ones)
  --keep                keep the temporary folder of every case
  --list                list the case ids and exit
  --help                show this help`;

/** Parses the probe's own options. */
function parseOptions(argv) {
  const options = {
    only: [],
    json: undefined,
    jobs: 4,
    timeoutS: 120,
    memoryCapMb: 1024,
    cli: join(repoRoot, 'apps', 'cli', 'dist', 'cli.js'),
    asRoot: false,
    keep: false,
    list: false,
  };
  const value = (i, name) => {
    if (argv[i + 1] === undefined) throw new Error(`${name} needs a value`);
    return argv[i + 1];
  };
  const positive = (text, name) => {
    const number = Number(text);
    if (!(number > 0)) throw new Error(`${name} must be a number > 0, got '${text}'`);
    return number;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') options.only.push(value(i++, arg));
    else if (arg === '--json') options.json = resolve(value(i++, arg));
    else if (arg === '--jobs') options.jobs = Math.floor(positive(value(i++, arg), arg));
    else if (arg === '--timeout') options.timeoutS = positive(value(i++, arg), arg);
    else if (arg === '--memory-cap') options.memoryCapMb = positive(value(i++, arg), arg);
    else if (arg === '--cli') options.cli = resolve(value(i++, arg));
    else if (arg === '--as-root') options.asRoot = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option '${arg}'`);
  }
  return options;
}

/** The uid and gid of `nobody`, from /etc/passwd. */
function nobody() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return line === undefined ? { uid: 65534, gid: 65534 } : { uid: Number(uid), gid: Number(gid) };
}

/** Gives a whole tree to the user the cases run as (links themselves, not their targets). */
function chownTree(path, { uid, gid }) {
  lchownSync(path, uid, gid);
  if (!lstatSync(path).isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), { uid, gid });
}

/** Removes a tree, making read-only folders in it writable first when needed. */
function removeTree(path) {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    const unlock = (dir) => {
      chmodSync(dir, 0o700);
      for (const name of readdirSync(dir)) {
        if (lstatSync(join(dir, name)).isDirectory()) unlock(join(dir, name));
      }
    };
    unlock(path);
    rmSync(path, { recursive: true, force: true });
  }
}

/** The id as a folder name. */
function folderName(index, id) {
  return `${String(index).padStart(3, '0')}-${id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}`;
}

/**
 * The settings every case shares: where it runs, as whom, with which limits.
 */
function makeSettings(options) {
  const dropToNobody = process.getuid?.() === 0 && !options.asRoot;
  const runAs = dropToNobody ? nobody() : undefined;
  const root = mkdtempSync(join(tmpdir(), 'deeptune-probe-'));
  chmodSync(root, 0o755);
  for (const dir of ['cases', 'fixtures', 'meta']) mkdirSync(join(root, dir), { mode: 0o755 });
  return {
    ...options,
    root,
    fixtures: join(root, 'fixtures'),
    runAs,
    caseUser: runAs?.uid ?? process.getuid?.(),
    gnuTime: hasGnuTime(),
    timeoutMs: options.timeoutS * 1000,
  };
}

/** Trains the model every model case copies; the probe cannot go on without it. */
async function buildFixtures(settings) {
  const run = await runCli({
    cli: settings.cli,
    args: train({ '--save': 'model' }),
    cwd: settings.fixtures,
    env: process.env,
    timeoutMs: settings.timeoutMs,
    memoryCapMb: settings.memoryCapMb,
  });
  if (run.exit !== 0 || !existsSync(join(settings.fixtures, 'model', 'architecture.json'))) {
    throw new Error(
      `could not train the fixture model (exit ${run.exit}): ${clip(run.stderr, 400)}`,
    );
  }
}

/** Which differences inside the case folder are the case's own business. */
function allowedInHome(testCase) {
  const mayChange = (testCase.mayChange ?? []).map((path) => `work/${path}`);
  return (kind, path) => {
    if (path === 'IMPORTED') return true; // reported on its own
    if (!path.startsWith('work/')) return false;
    if (kind === 'created') return true;
    return mayChange.some((allowed) => path === allowed || path.startsWith(`${allowed}/`));
  };
}

/** Everything the case may not touch, snapshotted. */
function watchedState(settings, ctx, testCase) {
  return {
    home: snapshot(ctx.home),
    fixtures: snapshot(settings.fixtures),
    extra: (testCase.watch ?? []).map((path) => snapshot(path, { shallow: true })),
  };
}

/** The differences between two watched states that count against the case. */
function changesBetween(before, after, testCase) {
  return [
    ...compareSnapshots(before.home, after.home, allowedInHome(testCase)),
    ...compareSnapshots(before.fixtures, after.fixtures).map((change) => `${change} (fixtures)`),
    ...before.extra.flatMap((was, i) =>
      compareSnapshots(was, after.extra[i]).map((change) => `${change} (in ${testCase.watch[i]})`),
    ),
  ];
}

/** The CLI's environment: ours, with HOME in the case folder and colours off. */
function caseEnvironment(home) {
  const env = { ...process.env, HOME: home, NO_COLOR: '1' };
  delete env.FORCE_COLOR; // any value, even '', turns colours on
  return env;
}

/** Runs one case in a fresh folder and judges it. */
async function runCase(testCase, index, settings) {
  const base = {
    id: testCase.id,
    expectedExit: expectedCodes(testCase),
    rssTable: testCase.rssTable === true,
  };
  const skipReason = testCase.skip?.({ caseUser: settings.caseUser });
  if (skipReason !== undefined) return { ...base, status: 'SKIP', reasons: [skipReason] };

  const home = join(settings.root, 'cases', folderName(index, testCase.id));
  mkdirSync(join(home, 'work'), { recursive: true });
  // Sentinels around the working folder: a case that touches them is caught.
  mkdirSync(join(home, 'sentinel'));
  writeFileSync(join(home, 'sentinel', 'notes.txt'), 'a sentinel: must survive\n');
  writeFileSync(join(home, 'sentinel', 'data.bin'), Buffer.from([0, 1, 2, 3, 255]));
  writeFileSync(join(home, 'sentinel.txt'), 'a sentinel next to the working folder\n');
  const ctx = new CaseContext({ home, fixtures: settings.fixtures });
  try {
    await testCase.setup?.(ctx);
    const args = typeof testCase.args === 'function' ? testCase.args(ctx) : testCase.args;
    if (settings.runAs !== undefined) chownTree(home, settings.runAs);
    let timeFile;
    if (settings.gnuTime) {
      timeFile = join(settings.root, 'meta', `${folderName(index, testCase.id)}.time`);
      writeFileSync(timeFile, '');
      if (settings.runAs !== undefined)
        lchownSync(timeFile, settings.runAs.uid, settings.runAs.gid);
    }
    const before = watchedState(settings, ctx, testCase);
    const run = await runCli({
      cli: settings.cli,
      args,
      cwd: ctx.work,
      env: caseEnvironment(home),
      uid: settings.runAs?.uid,
      gid: settings.runAs?.gid,
      timeoutMs: settings.timeoutMs,
      memoryCapMb: settings.memoryCapMb,
      timeFile,
      closeStdout: testCase.closeStdout,
    });
    const fsChanges = changesBetween(before, watchedState(settings, ctx, testCase), testCase);
    const reasons = judge(testCase, run, {
      fsChanges,
      markerWritten: existsSync(ctx.marker),
      verify: testCase.verify?.(ctx, run),
      timeoutMs: settings.timeoutMs,
    });
    return {
      ...base,
      status: reasons.length === 0 ? 'PASS' : 'FAIL',
      args,
      exit: run.exit,
      signal: run.signal,
      timedOut: run.timedOut,
      peakRssMb: run.peakRssKb === undefined ? undefined : run.peakRssKb / 1024,
      seconds: run.ms / 1000,
      stderr: run.stderr.slice(0, 4000),
      stdoutHead: run.stdout.slice(0, 1000),
      reasons,
    };
  } catch (error) {
    return { ...base, status: 'ERROR', reasons: [`probe error: ${error.stack ?? error}`] };
  } finally {
    if (!settings.keep) removeTree(home);
  }
}

/** One report line per case. */
function formatLine(result) {
  const id = result.id.padEnd(52);
  if (result.status === 'SKIP' || result.status === 'ERROR') {
    return `${result.status.padEnd(4)}  ${id}  ${result.reasons[0]}`;
  }
  const exit = result.timedOut
    ? 'hung'
    : result.signal !== null
      ? `sig ${result.signal}`
      : result.exit;
  const rss =
    result.peakRssMb === undefined
      ? '   ? MB'
      : `${Math.round(result.peakRssMb).toString().padStart(4)} MB`;
  const parts = [
    `${result.status}  ${id}`,
    `exit ${String(exit).padEnd(4)}`,
    rss,
    `${result.seconds.toFixed(1).padStart(5)} s`,
    `stderr: ${clip(result.stderr, 160) || '(empty)'}`,
  ];
  if (result.reasons.length > 0) parts.push(`NOT HANDLED: ${result.reasons.join('; ')}`);
  return parts.join('  ');
}

/** Runs the cases `jobs` at a time, printing results in catalogue order as they complete. */
async function runAll(selected, settings) {
  const results = new Array(selected.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < results.length && results[printed] !== undefined) {
      console.log(formatLine(results[printed++]));
    }
  };
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      results[index] = await runCase(selected[index].testCase, selected[index].index, settings);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.jobs, selected.length) }, worker));
  return results;
}

/** Totals, the failures in brief, and the table of evaluate peak RSS. */
function printSummary(results, seconds) {
  const tried = results.filter((result) => result.status === 'PASS' || result.status === 'FAIL');
  const clean = tried.filter((result) => result.status === 'PASS');
  const skipped = results.filter((result) => result.status === 'SKIP');
  const errors = results.filter((result) => result.status === 'ERROR');
  const failed = tried.filter((result) => result.status === 'FAIL');

  if (failed.length > 0) {
    console.log(`\nnot handled cleanly (${failed.length}):`);
    for (const result of failed)
      console.log(`  ${result.id.padEnd(52)}  ${result.reasons.join('; ')}`);
  }

  const table = tried.filter((result) => result.rssTable);
  if (table.length > 0) {
    console.log(`\npeak RSS of evaluate per hostile model directory (limit ${RSS_LIMIT_MB} MB):`);
    console.log(`  ${'case'.padEnd(52)}  ${'exit'.padEnd(11)}  peak RSS`);
    for (const result of [...table].sort((a, b) => (b.peakRssMb ?? 0) - (a.peakRssMb ?? 0))) {
      const exit = result.timedOut ? 'hung' : String(result.exit ?? `sig ${result.signal}`);
      const rss = result.peakRssMb === undefined ? '?' : `${result.peakRssMb.toFixed(1)} MB`;
      console.log(`  ${result.id.padEnd(52)}  ${exit.padEnd(11)}  ${rss.padStart(9)}`);
    }
  }

  console.log(
    `\nprobe: ${tried.length} tried, ${clean.length} handled cleanly, ${failed.length} not` +
      (skipped.length > 0 ? ` (${skipped.length} skipped)` : '') +
      (errors.length > 0 ? ` — ${errors.length} probe errors` : '') +
      ` — ${seconds.toFixed(0)} s`,
  );
  return {
    tried: tried.length,
    clean: clean.length,
    notClean: failed.length,
    skipped: skipped.length,
    errors: errors.length,
  };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`probe: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const ids = new Set();
  for (const testCase of cases) {
    if (ids.has(testCase.id)) throw new Error(`two cases are named '${testCase.id}'`);
    ids.add(testCase.id);
  }
  const selected = cases
    .map((testCase, index) => ({ testCase, index }))
    .filter(
      ({ testCase }) =>
        options.only.length === 0 || options.only.some((text) => testCase.id.includes(text)),
    );
  if (options.list) {
    for (const { testCase } of selected) console.log(testCase.id);
    return 0;
  }
  if (!existsSync(options.cli)) {
    console.error(`probe: no CLI at ${options.cli}; build it first (pnpm build)`);
    return 1;
  }

  const settings = makeSettings(options);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      killRunning();
      if (!options.keep) removeTree(settings.root);
      process.exit(130);
    });
  }
  const started = performance.now();
  console.log(
    `probe: ${selected.length} cases against ${options.cli}, ${settings.jobs} at a time, ` +
      `timeout ${options.timeoutS} s, peak RSS from ${settings.gnuTime ? '/usr/bin/time' : '/proc polling'}` +
      `${settings.runAs === undefined ? '' : `, running as uid ${settings.runAs.uid} (nobody)`}\n`,
  );
  try {
    await buildFixtures(settings);
    const results = await runAll(selected, settings);
    const totals = printSummary(results, (performance.now() - started) / 1000);
    if (options.json !== undefined) {
      const report = {
        cli: options.cli,
        node: process.version,
        caseUser: settings.caseUser,
        timeoutSeconds: options.timeoutS,
        rssLimitMb: RSS_LIMIT_MB,
        totals,
        results,
      };
      writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`probe: results written to ${options.json}`);
    }
    return totals.errors > 0 ? 1 : 0;
  } finally {
    if (options.keep) console.log(`probe: case folders kept in ${settings.root}`);
    else removeTree(settings.root);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`probe: the probe itself failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  },
);
