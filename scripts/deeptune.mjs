// `pnpm deeptune …` from anywhere in the repository: builds the CLI and what it depends on
// (cached by turbo), then runs `apps/cli/dist/cli.js` with the user's arguments.
//
// Two things make this more than `turbo run build && node apps/cli/dist/cli.js`:
// - stdout belongs to the command: turbo's banner and task summary would break
//   `--json | jq` and `predict … > out.csv`, so the build's output is kept and shown (on
//   stderr) only when the build fails;
// - paths resolve from where the user stands: pnpm runs root scripts in the repository root,
//   but sets INIT_CWD to the directory the command was typed in, so the CLI runs there.
//
// DEEPTUNE_SKIP_BUILD=1 skips the build; the CLI's tests set it because they run inside a
// turbo task that has already built everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps', 'cli', 'dist', 'cli.js');
const userDirectory = process.env.INIT_CWD ?? process.cwd();

if (!isDirectory(userDirectory)) {
  process.stderr.write(
    `deeptune: error: the directory the command was run in, ${userDirectory}, does not exist (any more); cd to an existing one.\n`,
  );
  process.exit(2);
}
if (process.env.DEEPTUNE_SKIP_BUILD !== '1') buildCli();

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: userDirectory,
  stdio: 'inherit',
});
// Ctrl-C reaches the CLI directly (same process group); this process only waits for it, so
// the CLI can finish its step, save and exit 130 on its own terms.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal);
  });
}
child.on('error', (error) => {
  // E.g. the directory the command was typed in no longer exists.
  process.stderr.write(
    `deeptune: error: cannot run the CLI in ${userDirectory}: ${error.message}\n`,
  );
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal); // die of the same signal, as a shell would report it
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});

/** Builds the CLI and its dependencies; prints turbo's output (on stderr) only on failure. */
function buildCli() {
  if (!existsSync(cli)) {
    process.stderr.write('deeptune: building the packages first (about a minute, once)…\n');
  }
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const build = spawnSync(
    turbo,
    ['run', 'build', '--filter=@deeptune/cli...', '--output-logs=errors-only'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (build.error === undefined && build.status === 0) return;
  process.stderr.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  const why = build.error === undefined ? `exit code ${build.status}` : build.error.message;
  process.stderr.write(`deeptune: error: building the CLI failed (${why}); see above.\n`);
  process.exit(1);
}

/** Whether `path` is an existing directory. */
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
