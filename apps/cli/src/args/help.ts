import { describeSchema, type OptionsSchema, type PluginKind } from 'deeptune';
import type { Command } from '../command.js';
import { optionSummary } from '../render/option-summary.js';
import { aliasFor, OPTION_ALIASES } from './option-aliases.js';
import type { ChoiceSource } from './plugin-choice.js';
import type { Flag, FlagValue } from './flag.js';
import { kebabCase } from './plugin-option-input.js';

function placeholder(flag: Flag): string {
  if (flag.type === 'boolean') return '';
  if (flag.valueName !== undefined) return ` ${flag.valueName}`;
  switch (flag.type) {
    case 'number':
      return ' <number>';
    case 'integer':
      return ' <n>';
    case 'numberList':
      return ' <a,b,…>';
    case 'stringList':
      return ' <a,b,…>';
    case 'string':
      return flag.choices !== undefined && flag.choices.length <= 4
        ? ` ${flag.choices.join('|')}`
        : ' <value>';
  }
}

function showDefault(value: FlagValue): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  return String(value);
}

/** Wraps `text` into lines of at most `width` characters (at least 30). */
export function wrap(text: string, width: number): string[] {
  const limit = Math.max(30, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The flag table of a help text: one entry per flag with its placeholder, description,
 * choices and default, grouped by `flag.group`.
 */
export function formatFlags(flags: readonly Flag[], columns: number): string {
  const heads = flags.map((flag) => `  --${flag.name}${placeholder(flag)}`);
  const width = Math.min(34, Math.max(...heads.map((head) => head.length)) + 2);
  const groups = new Map<string, string[]>();
  flags.forEach((flag, index) => {
    const head = heads[index]!;
    let text = flag.description;
    if (flag.choices !== undefined && placeholder(flag) !== ` ${flag.choices.join('|')}`) {
      text += ` (one of: ${flag.choices.join(', ')})`;
    }
    const shownDefault =
      flag.defaultText ?? (flag.default === undefined ? 'none' : showDefault(flag.default));
    const alias = OPTION_ALIASES.find((candidate) => candidate.flag === flag.name);
    if (alias !== undefined) {
      const target = alias.plugin === undefined ? alias.choice : `${alias.choice}.${alias.plugin}`;
      text += ` (= ${alias.options.map((option) => `--${target}.${kebabCase(option)}`).join(' or ')})`;
    }
    if (flag.required === true) text += ' [required]';
    else if (flag.name !== 'help') text += ` [default: ${shownDefault}]`;
    const body = wrap(text, columns - width - 1);
    const lines =
      head.length + 1 > width
        ? [head, ...body.map((line) => `${' '.repeat(width)}${line}`)]
        : body.map((line, i) => (i === 0 ? head.padEnd(width) : ' '.repeat(width)) + line);
    const group = flag.group ?? 'Options';
    groups.set(group, [...(groups.get(group) ?? []), ...lines]);
  });
  return [...groups].map(([group, lines]) => `${group}:\n${lines.join('\n')}`).join('\n\n');
}

/** The registered name a choice value stands for, or `undefined` (unknown, `none`, `auto`). */
function registeredName(
  source: ChoiceSource,
  kind: PluginKind,
  written: string,
): string | undefined {
  const names = source.registry.names(kind);
  if (names.includes(written)) return written;
  const namespaced = names.filter((name) => name.endsWith(`:${written}`));
  return namespaced.length === 1 ? namespaced[0] : undefined;
}

/** One chosen plugin's options as help rows: `--optimizer.beta2 <number>  … default 0.999; …`. */
function pluginRows(
  prefix: string,
  choice: string,
  written: string | undefined,
  schema: OptionsSchema,
  columns: number,
): string[] {
  const names = Object.keys(schema);
  const settable = describeSchema(schema).filter(
    // Custom options (functions, parameter groups) cannot be typed; the learning rate, a
    // number or a schedule, is shown because its alias --lr sets it.
    (option) =>
      schema[option.name]!.type !== 'custom' || aliasFor(choice, option.name, names) !== undefined,
  );
  const rows = settable.map((option) => {
    const alias =
      aliasFor(choice, option.name, names) ??
      OPTION_ALIASES.find(
        (candidate) =>
          candidate.choice === choice &&
          candidate.plugin !== undefined &&
          candidate.plugin === written &&
          candidate.options.includes(option.name),
      )?.flag;
    const spec = schema[option.name]!;
    const placeholder =
      spec.type === 'enum'
        ? spec.values.join('|')
        : spec.type === 'custom'
          ? '<number>'
          : spec.type === 'boolean'
            ? '[true|false]'
            : `<${option.type}>`;
    const head = `    --${prefix}.${kebabCase(option.name)} ${placeholder}`;
    const aliasText =
      alias === undefined ? '' : ` (alias ${alias.startsWith('--') ? alias : `--${alias}`})`;
    return { head, text: `${option.description} [${optionSummary(option)}]${aliasText}` };
  });
  if (rows.length === 0) return ['    (no options)'];
  const width = Math.min(40, Math.max(...rows.map((row) => row.head.length)) + 2);
  return rows.flatMap(({ head, text }) => {
    const body = wrap(text, columns - width - 1);
    return head.length + 1 > width
      ? [head, ...body.map((line) => `${' '.repeat(width)}${line}`)]
      : body.map((line, i) => (i === 0 ? head.padEnd(width) : ' '.repeat(width)) + line);
  });
}

/**
 * The options of the plugins the flags choose (the defaults, or those named on the command
 * line), from their schemas: `--optimizer.beta2 <number>  … [default 0.999; number in [0, 1)]`.
 */
export function formatPluginOptions(
  flags: readonly Flag[],
  source: ChoiceSource,
  columns: number,
): string | undefined {
  const sections: string[] = [];
  for (const flag of flags) {
    if (flag.plugin === undefined) continue;
    const { kind } = flag.plugin;
    const value = source.values.get(flag.name);
    const items =
      flag.plugin.list === true
        ? ((value as readonly string[] | undefined) ?? [])
        : [value as string];
    for (const item of items) {
      if (item === undefined) continue;
      const preset = flag.plugin.presets?.[item];
      const name = registeredName(source, kind, preset?.plugin ?? item);
      if (name === undefined) continue;
      const entry = source.registry.get(kind, name);
      const prefix = flag.plugin.list === true ? `${flag.name}.${item}` : flag.name;
      sections.push(
        `  --${flag.name} ${item}${name === item ? '' : ` (${name})`}: ${entry.description}`,
        ...pluginRows(prefix, flag.name, item, entry.options, columns),
      );
    }
  }
  if (sections.length === 0) return undefined;
  return [
    'Options of the chosen plugins (from their schemas; choose another plugin to see its options):',
    ...wrap(
      'Set them with --<flag>.<option> on the command line, or as <flag>: { name: <plugin>, <option>: <value> } in a config file.',
      columns - 2,
    ).map((line) => `  ${line}`),
    ...sections,
  ].join('\n');
}

/** `deeptune <command> --help`, generated from the command's flags and the chosen plugins' schemas. */
export function commandHelp(
  command: Command,
  flags: readonly Flag[],
  columns: number,
  source?: ChoiceSource,
): string {
  const positionals = command.positionals
    .map((positional) => (positional.required ? ` <${positional.name}>` : ` [${positional.name}]`))
    .join('');
  const parts = [
    `Usage: deeptune ${command.name}${positionals} [flags]`,
    wrap(command.description, columns).join('\n'),
  ];
  if (command.positionals.length > 0) {
    const width = Math.max(...command.positionals.map((p) => p.name.length)) + 6;
    parts.push(
      `Arguments:\n${command.positionals.map((p) => `  ${p.name.padEnd(width - 2)}${p.description}`).join('\n')}`,
    );
  }
  parts.push(formatFlags(flags, columns));
  const pluginOptions =
    source === undefined ? undefined : formatPluginOptions(flags, source, columns);
  if (pluginOptions !== undefined) parts.push(pluginOptions);
  if (command.examples.length > 0) {
    parts.push(`Examples:\n${command.examples.map((example) => `  ${example}`).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

/** `deeptune --help`: the commands and where to read more. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 4;
  return (
    [
      'Usage: deeptune <command> [flags]',
      'Train, evaluate, gradient-check and diagnose neural networks with deeptune.',
      `Commands:\n${commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join('\n')}`,
      "Run 'deeptune <command> --help' for a command's flags and their defaults.",
    ].join('\n\n') + '\n'
  );
}
