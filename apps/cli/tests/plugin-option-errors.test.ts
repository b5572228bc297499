import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badOptionValues, validOptionValue } from '@deeptune/core/testing';
import type { OptionSpec, PluginKind } from 'deeptune';
import { createDefaultNodeRegistry } from 'deeptune/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKey } from '../src/args/flag.js';
import { main } from '../src/main.js';
import { CHOICE_FLAGS } from '../src/setup/choice-flags.js';
import { memoryIo } from './support/memory-io.js';

/**
 * The same bad value gives the same error class and message through the factory, the registry
 * and the CLI. The library half is `packages/deeptune/tests/schema-errors.test.ts`; this is
 * the CLI half, generated from the registry the CLI uses: for every plugin a flag chooses and
 * every option a user can set, each bad value derived from the option's schema is given in a
 * config file (which keeps its type: NaN, -1, a string for a number…) and the CLI must print
 * the registry's own message after the key that set it, with exit code 2.
 */

/**
 * Options the CLI sets itself: the schedule's α₀ comes from --lr, a dataset's path from
 * --dataset, an image augmentation's size from the dataset.
 */
const SET_BY_THE_CLI: Readonly<Record<string, readonly string[]>> = {
  schedule: ['initialLearningRate'],
  dataset: ['path', 'directory'],
  augmentation: ['height', 'width'],
};

/** A YAML scalar for a value, NaN and infinities included; JSON for the rest. */
function yaml(value: unknown): string {
  if (typeof value === 'number' && Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Array.isArray(value)) return `[${value.map(yaml).join(', ')}]`;
  return JSON.stringify(value);
}

interface Case {
  readonly title: string;
  /** The command whose flag chooses the plugin: `train`, or `tune` for searchers and pruners. */
  readonly command: string;
  readonly kind: PluginKind;
  readonly plugin: string;
  readonly key: string;
  readonly yaml: string;
  readonly expected: { readonly name: string; readonly code: string; readonly message: string };
}

function cases(): Case[] {
  const registry = createDefaultNodeRegistry();
  const result: Case[] = [];
  for (const { command, flag } of CHOICE_FLAGS) {
    const kind = flag.plugin!.kind;
    const list = flag.plugin!.list === true;
    for (const entry of registry.list(kind)) {
      const schema = entry.options as Readonly<Record<string, OptionSpec>>;
      const skip = new Set(SET_BY_THE_CLI[kind] ?? []);
      const settable = Object.keys(schema).filter(
        (name) => schema[name]!.type !== 'custom' && !skip.has(name),
      );
      // Required options the user must give, with valid values.
      const required: Record<string, unknown> = {};
      for (const name of settable) {
        const spec = schema[name]!;
        if (spec.default === undefined && spec.optional !== true) {
          required[name] = validOptionValue(spec);
        }
      }
      // What the CLI fills in, so that the registry sees what the CLI passes.
      const filled: Record<string, unknown> = {};
      if (kind === 'schedule' && 'initialLearningRate' in schema)
        filled.initialLearningRate = 0.001;
      if (entry.name === 'csv') filled.path = '/nonexistent.csv';
      for (const option of settable) {
        for (const bad of badOptionValues(schema[option]!)) {
          const options = { ...filled, ...required, [option]: bad.value };
          let expected: Case['expected'] | undefined;
          try {
            registry.create(kind, entry.name, options as never);
          } catch (error) {
            const { name, message } = error as Error;
            expected = { name, code: (error as { code: string }).code, message };
          }
          if (expected === undefined) {
            throw new Error(`${kind} '${entry.name}' accepted ${option}: ${bad.description}`);
          }
          // A CSV file is named with its path, as on the command line: csv:<path>.
          const written = entry.name === 'csv' ? `csv:${filled.path as string}` : entry.name;
          const mapping = [
            `name: ${JSON.stringify(written)}`,
            ...Object.entries({ ...required, [option]: bad.value }).map(
              ([name, value]) => `${name}: ${yaml(value)}`,
            ),
          ];
          const key = list
            ? `${configKey(flag)}.${entry.name}.${option}`
            : `${configKey(flag)}.${option}`;
          result.push({
            title: `${kind} '${entry.name}' ${option}: ${bad.description}`,
            command,
            kind,
            plugin: entry.name,
            key,
            yaml: list
              ? `${configKey(flag)}:\n  - ${mapping.join('\n    ')}\n`
              : `${configKey(flag)}:\n  ${mapping.join('\n  ')}\n`,
            expected,
          });
        }
      }
    }
  }
  return result;
}

const CASES = cases();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-option-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('every bad plugin option from a config file gets the registry’s message', () => {
  it('covers every kind the CLI chooses by flag, with hundreds of cases', () => {
    const kinds = new Set(CASES.map((each) => each.kind));
    expect([...kinds].sort()).toEqual(
      [...new Set(CHOICE_FLAGS.map(({ flag }) => flag.plugin!.kind))]
        .filter((kind) => CASES.some((each) => each.kind === kind))
        .sort(),
    );
    expect(CASES.length).toBeGreaterThan(100);
  });

  it.each(CASES.map((each, index) => [each.title, index] as const))('%s', async (_, index) => {
    const each = CASES[index]!;
    const file = join(dir, `case-${index}.yaml`);
    await writeFile(file, each.yaml);
    // Tiny everything else, so that nothing is trained if the value were wrongly accepted.
    const others = [
      ...(each.kind === 'dataset'
        ? []
        : ['--dataset', each.kind === 'augmentation' ? 'mnist' : 'moons']),
      '--layers',
      '2',
      '--epochs',
      '1',
    ];
    const io = memoryIo({ cwd: dir });
    const code = await main([each.command, '--config', file, ...others], io);
    expect(io.stderr()).toBe(
      `deeptune: error: key '${each.key}' in ${file}: ${each.expected.message.replace(/\s*\n\s*/g, ' ')}\n`,
    );
    expect(code).toBe(2);
    expect(io.stdout()).toBe('');
  });
});
