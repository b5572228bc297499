import {
  closestMatch,
  describeSchema,
  isPluginKind,
  PLUGIN_KINDS,
  type OptionDescription,
  type PluginKind,
  type Registry,
} from 'deeptune';
import { configKey } from '../args/flag.js';
import { wrap } from '../args/help.js';
import { optionSummary } from '../render/option-summary.js';
import { choiceFlagOf } from '../setup/choice-flags.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';

/** The subcommands of `deeptune plugins`. */
const SUBCOMMANDS = ['list'] as const;

/** One registered plugin, as printed and as `--json` data. */
interface PluginListing {
  readonly name: string;
  readonly description: string;
  readonly apiVersion: number;
  readonly options: readonly OptionDescription[];
}

/** The plugins of one kind. */
interface KindListing {
  readonly kind: PluginKind;
  readonly plugins: readonly PluginListing[];
}

/** The kinds the command asks for: one, or all of them. */
function requestedKinds(kind: string | undefined): readonly PluginKind[] {
  if (kind === undefined) return PLUGIN_KINDS;
  if (isPluginKind(kind)) return [kind];
  const match = closestMatch(kind, PLUGIN_KINDS);
  throw new UsageError(
    `deeptune plugins list: unknown plugin kind '${kind}'.${match === undefined ? '' : ` Did you mean '${match}'?`} Kinds: ${PLUGIN_KINDS.join(', ')}`,
  );
}

function listKinds(registry: Registry, kinds: readonly PluginKind[]): KindListing[] {
  return kinds.map((kind) => ({
    kind,
    plugins: registry.list(kind).map((entry) => ({
      name: entry.name,
      description: entry.description,
      apiVersion: entry.apiVersion,
      options: describeSchema(entry.options),
    })),
  }));
}

/** A listing as JSON data: absent defaults, ranges and scales become `null`. */
function jsonListing(listing: KindListing): unknown {
  return {
    kind: listing.kind,
    plugins: listing.plugins.map((plugin) => ({
      ...plugin,
      options: plugin.options.map((option) => ({
        ...option,
        default: option.default ?? null,
        range: option.range ?? null,
        scale: option.scale ?? null,
      })),
    })),
  };
}

function formatKind(listing: KindListing, columns: number): string {
  if (listing.plugins.length === 0) return `${listing.kind}: none registered\n`;
  const count = listing.plugins.length;
  const lines = [`${listing.kind}: ${count} plugin${count === 1 ? '' : 's'}`];
  const choice = choiceFlagOf(listing.kind);
  if (choice !== undefined) {
    const { flag } = choice;
    const example =
      flag.plugin?.list === true ? `--${flag.name}.<name>.<option>` : `--${flag.name}.<option>`;
    lines.push(
      ...wrap(
        `(deeptune ${choice.command}: choose with --${flag.name} <name>; set options with ${example}, or ${configKey(flag)}: { name: <name>, <option>: <value> } in a config file)`,
        columns - 2,
      ).map((line) => `  ${line}`),
    );
  }
  for (const plugin of listing.plugins) {
    lines.push(
      '',
      `  ${plugin.name}`,
      ...wrap(plugin.description, columns - 4).map((line) => `    ${line}`),
    );
    const width = Math.max(...plugin.options.map((option) => option.name.length), 0) + 2;
    const indent = ' '.repeat(6 + width);
    for (const option of plugin.options) {
      const [first = '', ...rest] = wrap(optionSummary(option), columns - indent.length);
      lines.push(
        `      ${option.name.padEnd(width)}${first}`,
        ...rest.map((line) => indent + line),
      );
      lines.push(...wrap(option.description, columns - indent.length).map((line) => indent + line));
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run({ io, registry, positionals, values }: CommandContext): Promise<number> {
  const [subcommand, kind] = positionals as [string, string | undefined];
  if (!(SUBCOMMANDS as readonly string[]).includes(subcommand)) {
    const match = closestMatch(subcommand, SUBCOMMANDS);
    throw new UsageError(
      `deeptune plugins: unknown subcommand '${subcommand}'.${match === undefined ? '' : ` Did you mean '${match}'?`} Subcommands: ${SUBCOMMANDS.join(', ')}. See 'deeptune plugins --help'.`,
    );
  }
  const listings = listKinds(registry, requestedKinds(kind));
  if (values.get('json') === true) {
    io.out(`${JSON.stringify({ kinds: listings.map(jsonListing) }, null, 2)}\n`);
    return 0;
  }
  if (kind === undefined) {
    const total = listings.reduce((n, listing) => n + listing.plugins.length, 0);
    io.out(
      `${total} plugins of ${listings.length} kinds; 'deeptune plugins list <kind>' shows one kind\n\n`,
    );
  }
  io.out(listings.map((listing) => formatKind(listing, io.columns)).join('\n'));
  return 0;
}

/** `deeptune plugins`. */
export const pluginsCommand: Command = {
  name: 'plugins',
  summary: 'List the registered plugins of every kind with their options, defaults and ranges',
  description:
    'Lists the plugins in the registry — the built-in ones and those loaded with --plugin (give it after the command name) — by kind, each with its description and its options: type, accepted range, default, description. The same names and option names work in flags, config files and registry.create.',
  positionals: [
    { name: 'subcommand', description: 'list: show the registered plugins', required: true },
    {
      name: 'kind',
      description: `one plugin kind: ${PLUGIN_KINDS.join(', ')} (default: all)`,
      required: false,
    },
  ],
  flags: () => [],
  examples: [
    'deeptune plugins list',
    'deeptune plugins list optimizer',
    'deeptune plugins list optimizer --plugin ./lion.mjs',
    'deeptune plugins list dataset --json',
  ],
  run,
};
