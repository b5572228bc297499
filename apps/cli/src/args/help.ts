import type { Command } from '../command.js';
import type { Flag, FlagValue } from './flag.js';

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

/** `deeptune <command> --help`, generated from the command's flags. */
export function commandHelp(command: Command, flags: readonly Flag[], columns: number): string {
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
