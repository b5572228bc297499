import { createRequire } from 'node:module';
import {
  closestMatch,
  DeeptuneError,
  getBackend,
  setLogger,
  useBackend,
  type BackendName,
  type WasmBackend,
  type Registry,
} from 'deeptune';
import { createDefaultNodeRegistry } from 'deeptune/node';
import { COMMON_FLAGS } from './args/common-flags.js';
import { configKey, type Flag, type FlagValue } from './args/flag.js';
import { commandHelp, mainHelp } from './args/help.js';
import { loadConfig } from './args/load-config.js';
import { parseArgv } from './args/parse-argv.js';
import type { PluginOptionInput } from './args/plugin-option-input.js';
import { UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/commands.js';
import { loadPlugins } from './setup/load-plugins.js';

/** Error codes of deeptune errors that mean "the configuration is wrong" (exit code 2). */
const USAGE_ERROR_CODES = new Set(['INVALID_CONFIG', 'INVALID_HYPERPARAMETER', 'UNKNOWN_PLUGIN']);

/** The version printed by `deeptune --version`: this package's, read from its package.json. */
function version(): string {
  // dist/cli.js and src/main.ts both sit one directory below package.json.
  const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
  return manifest.version;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command !== undefined) return command;
  const match = closestMatch(
    name,
    COMMANDS.map((candidate) => candidate.name),
  );
  throw new UsageError(
    `unknown command '${name}'.${match === undefined ? '' : ` Did you mean '${match}'?`} Commands: ${COMMANDS.map((candidate) => candidate.name).join(', ')}. See 'deeptune --help'.`,
  );
}

function checkPositionals(command: Command, positionals: readonly string[]): void {
  const required = command.positionals.filter((positional) => positional.required);
  if (positionals.length < required.length) {
    const missing = required[positionals.length]!;
    throw new UsageError(
      `deeptune ${command.name}: missing <${missing.name}> (${missing.description}). See 'deeptune ${command.name} --help'.`,
    );
  }
  if (positionals.length > command.positionals.length) {
    throw new UsageError(
      `deeptune ${command.name}: unexpected argument '${positionals[command.positionals.length]}'. See 'deeptune ${command.name} --help'.`,
    );
  }
}

/** Defaults, overridden by the config file, overridden by the command line. */
function mergeValues(
  flags: readonly Flag[],
  fromConfig: ReadonlyMap<string, FlagValue>,
  fromArgv: ReadonlyMap<string, FlagValue>,
): Map<string, FlagValue> {
  const values = new Map<string, FlagValue>();
  for (const flag of flags) {
    const value = fromArgv.get(flag.name) ?? fromConfig.get(flag.name) ?? flag.default;
    if (value !== undefined) values.set(flag.name, value);
  }
  values.set('plugin', (fromArgv.get('plugin') as readonly string[] | undefined) ?? []);
  return values;
}

/**
 * Plugin options from the config file and the command line, the command line winning per
 * option. When the command line chooses another plugin than the config file (`--optimizer sgd`
 * over `optimizer: { name: adam, beta2: 0.99 }`), the file's options of that choice belonged to
 * the other plugin and are dropped, with a note.
 */
function mergePluginOptions(
  flags: readonly Flag[],
  fromConfig: ReadonlyMap<string, PluginOptionInput>,
  fromArgv: ReadonlyMap<string, PluginOptionInput>,
  configValues: ReadonlyMap<string, FlagValue>,
  argvValues: ReadonlyMap<string, FlagValue>,
  note: (text: string) => void,
): Map<string, PluginOptionInput> {
  const merged = new Map(fromConfig);
  for (const flag of flags) {
    if (flag.plugin === undefined || flag.plugin.list === true) continue;
    const fromFile = configValues.get(flag.name);
    const chosen = argvValues.get(flag.name);
    if (chosen === undefined || fromFile === undefined || chosen === fromFile) continue;
    const dropped = [...merged.keys()].filter((path) => path.startsWith(`${flag.name}.`));
    for (const path of dropped) merged.delete(path);
    if (dropped.length > 0) {
      note(
        `deeptune: note: --${flag.name} ${String(chosen)} replaces '${String(fromFile)}' of the config file, so its options ${dropped.map((path) => `'${path}'`).join(', ')} are ignored\n`,
      );
    }
  }
  for (const [path, input] of fromArgv) merged.set(path, input);
  return merged;
}

/** The config keys (camelCase and flag spelling) of every command but `command`. */
function otherCommandKeys(command: Command, registry: Registry): Set<string> {
  const keys = new Set<string>();
  for (const other of COMMANDS) {
    if (other === command) continue;
    for (const flag of other.flags(registry)) {
      if (flag.configurable === false) continue;
      keys.add(flag.name);
      keys.add(configKey(flag));
    }
  }
  return keys;
}

/**
 * Installs the backend the flags ask for. Importing deeptune already installed the default
 * (wasm on every core where it runs, else cpu with a notice), so nothing is redone unless
 * --backend or --threads was given.
 */
async function chooseBackend(
  values: ReadonlyMap<string, FlagValue>,
  explicit: ReadonlySet<string>,
): Promise<void> {
  if (explicit.has('backend') || explicit.has('threads')) {
    const backend = values.get('backend') as BackendName | undefined;
    const threads = values.get('threads') as number | undefined;
    await useBackend({
      ...(backend === undefined ? {} : { backend }),
      ...(threads === undefined ? {} : { threads }),
    });
    return;
  }
  // The import's wasm backend starts its worker threads in the background: wait for them, so
  // that the run (and what `train` prints about it) has every thread from the first step.
  const active = getBackend() as Partial<WasmBackend>;
  await active.whenThreadsReady?.();
}

async function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  const registry: Registry = createDefaultNodeRegistry();
  const commandName = `deeptune ${command.name}`;
  // First pass with the static flags of every command: finds --plugin, --config and --help.
  const staticFlags = [...command.flags(registry), ...COMMON_FLAGS];
  const argv = parseArgv(args, staticFlags, commandName);
  const configPath = argv.values.get('config') as string | undefined;
  const config =
    configPath === undefined
      ? {
          values: new Map<string, FlagValue>(),
          ignored: [],
          pluginOptions: new Map<string, PluginOptionInput>(),
        }
      : await loadConfig(configPath, staticFlags, io.cwd, otherCommandKeys(command, registry));
  if (config.ignored.length > 0) {
    io.err(
      `deeptune: note: ${configPath} sets ${config.ignored.join(', ')}, which 'deeptune ${command.name}' does not take; ignored\n`,
    );
  }
  const values = mergeValues(staticFlags, config.values, argv.values);
  const pluginOptions = mergePluginOptions(
    staticFlags,
    config.pluginOptions,
    argv.pluginOptions,
    config.values,
    argv.values,
    (text) => io.err(text),
  );
  const explicit = new Set([...config.values.keys(), ...argv.values.keys()]);
  await loadPlugins(values.get('plugin') as readonly string[], registry, io.cwd);
  // Flags may list plugin names (choices): rebuild them with the user's plugins registered.
  const flags = [...command.flags(registry), ...COMMON_FLAGS];
  if (values.get('help') === true) {
    io.out(commandHelp(command, flags, io.columns, { registry, values, pluginOptions, explicit }));
    return 0;
  }
  checkPositionals(command, argv.positionals);
  await chooseBackend(values, explicit);
  try {
    return await command.run({
      io,
      registry,
      positionals: argv.positionals,
      values,
      pluginOptions,
      explicit,
      describeFlag: (flag) => {
        const text = argv.texts.get(flag);
        return text === undefined ? undefined : `--${flag} ${text}`;
      },
    });
  } catch (error) {
    throw blameConfig(error, configPath, config.values, argv.values, flags);
  }
}

/**
 * An error that names a flag (`--layers …: …`) whose value came from the config file, not
 * from the command line, with the file and key added, so the user knows where to fix it.
 */
function blameConfig(
  error: unknown,
  configPath: string | undefined,
  fromConfig: ReadonlyMap<string, FlagValue>,
  fromArgv: ReadonlyMap<string, FlagValue>,
  flags: readonly Flag[],
): unknown {
  if (configPath === undefined || !(error instanceof Error)) return error;
  const named = /^--([a-z0-9-]+)/.exec(error.message)?.[1];
  const flag = flags.find((candidate) => candidate.name === named);
  if (flag === undefined || fromArgv.has(flag.name) || !fromConfig.has(flag.name)) return error;
  const message = `${error.message.replace(/\.$/, '')} (--${flag.name} is set by key '${configKey(flag)}' in ${configPath})`;
  if (error instanceof UsageError) return new UsageError(message);
  error.message = message;
  return error;
}

function report(error: unknown, io: CliIo, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  io.err(`deeptune: error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.err(`${error.stack}\n`);
  if (error instanceof UsageError) return error.exitCode;
  if (DeeptuneError.isInstance(error) && USAGE_ERROR_CODES.has(error.code)) return 2;
  return 1;
}

/**
 * Runs the `deeptune` command line.
 *
 * Exit codes: 0 success; 1 a failure while running (unreadable data, divergence, a failed
 * gradient check); 2 an invalid invocation (unknown command, flag, config key or plugin, an
 * invalid value); 130 training interrupted with Ctrl-C (after saving, when `--save` was given).
 *
 * @param args - the arguments after `deeptune`.
 * @param io - output streams and terminal facts.
 * @returns the exit code.
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const debug = args.includes('--debug');
  // Library warnings (e.g. class indices that never occur) go to stderr, marked as ours.
  const previousLogger = setLogger({
    warn: (message) => io.err(`deeptune: warning: ${message}\n`),
  });
  try {
    const [first, ...rest] = args;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      if (first === 'help' && rest[0] !== undefined) {
        return await runCommand(findCommand(rest[0]), ['--help'], io);
      }
      io.out(mainHelp(COMMANDS));
      return first === undefined ? 2 : 0;
    }
    if (first === '--version' || first === '-v') {
      io.out(`deeptune ${version()}\n`);
      return 0;
    }
    if (first.startsWith('-')) {
      throw new UsageError(`expected a command before '${first}'. See 'deeptune --help'.`);
    }
    return await runCommand(findCommand(first), rest, io);
  } catch (error) {
    return report(error, io, debug);
  } finally {
    setLogger(previousLogger);
  }
}
