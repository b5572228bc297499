import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flag } from '../src/args/flag.js';
import { configKey } from '../src/args/flag.js';
import { formatFlags } from '../src/args/help.js';
import { loadConfig } from '../src/args/load-config.js';
import { parseArgv } from '../src/args/parse-argv.js';
import { UsageError } from '../src/cli-error.js';

const FLAGS: readonly Flag[] = [
  { name: 'lr', type: 'number', exclusiveMin: 0, description: 'Learning rate' },
  { name: 'epochs', type: 'integer', min: 1, default: 5, description: 'Epochs' },
  {
    name: 'keep-prob',
    type: 'numberList',
    exclusiveMin: 0,
    max: 1,
    default: [1],
    description: 'Keep',
  },
  { name: 'layers', type: 'numberList', integer: true, min: 1, description: 'Layers' },
  { name: 'batchnorm', type: 'boolean', default: false, description: 'BN' },
  {
    name: 'activation',
    type: 'string',
    choices: ['relu', 'tanh'],
    default: 'relu',
    description: 'Act',
  },
  { name: 'plugin', type: 'stringList', repeatable: true, description: 'Plugins' },
];

function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgv', () => {
  it('parses --name value, --name=value, booleans, --no-name, lists, repeatable flags and positionals', () => {
    const parsed = parseArgv(
      [
        'model',
        '--lr',
        '1e-3',
        '--epochs=7',
        '--batchnorm',
        '--keep-prob',
        '1,0.5,0.8',
        '--plugin',
        'a.mjs',
        '--plugin=b.mjs',
        '--',
        '--input',
      ],
      FLAGS,
      'deeptune x',
    );
    expect(parsed.positionals).toEqual(['model', '--input']);
    expect(Object.fromEntries(parsed.values)).toEqual({
      lr: 0.001,
      epochs: 7,
      batchnorm: true,
      'keep-prob': [1, 0.5, 0.8],
      plugin: ['a.mjs', 'b.mjs'],
    });
    expect(parseArgv(['--no-batchnorm'], FLAGS, 'x').values.get('batchnorm')).toBe(false);
    expect(parseArgv(['--layers', 'none'], FLAGS, 'x').values.get('layers')).toEqual([]);
  });

  it('rejects bad input with the flag, the value and what was expected', () => {
    expect(usageMessage(() => parseArgv(['--lr', '-1'], FLAGS, 'x'))).toBe(
      "--lr must be a number > 0, got '-1'",
    );
    expect(usageMessage(() => parseArgv(['--lr', '0x10'], FLAGS, 'x'))).toBe(
      "--lr must be a number > 0, got '0x10'",
    );
    expect(usageMessage(() => parseArgv(['--lr', ''], FLAGS, 'x'))).toBe(
      "--lr must be a number > 0, got ''",
    );
    expect(usageMessage(() => parseArgv(['--epochs', '0'], FLAGS, 'x'))).toBe(
      "--epochs must be an integer >= 1, got '0'",
    );
    expect(usageMessage(() => parseArgv(['--layers', '64,1.5'], FLAGS, 'x'))).toBe(
      "--layers (item 2) must be an integer >= 1, got '1.5'",
    );
    expect(usageMessage(() => parseArgv(['--batchnorm=yes'], FLAGS, 'x'))).toBe(
      "--batchnorm must be true or false, got 'yes'",
    );
    expect(usageMessage(() => parseArgv(['--activation', 'tahn'], FLAGS, 'x'))).toBe(
      "--activation: unknown value 'tahn'. Did you mean 'tanh'? Expected one of: relu, tanh",
    );
    expect(usageMessage(() => parseArgv(['--lr'], FLAGS, 'x'))).toBe(
      '--lr needs a value: a number > 0',
    );
    expect(usageMessage(() => parseArgv(['--lr', '--epochs', '3'], FLAGS, 'x'))).toBe(
      '--lr needs a value: a number > 0',
    );
    expect(usageMessage(() => parseArgv(['--lr', '1', '--lr', '2'], FLAGS, 'x'))).toBe(
      '--lr is given twice; give it once',
    );
    expect(usageMessage(() => parseArgv(['--epoch', '3'], FLAGS, 'deeptune train'))).toBe(
      "unknown flag --epoch for 'deeptune train'. Did you mean --epochs? See 'deeptune train --help'.",
    );
    expect(usageMessage(() => parseArgv(['-x'], FLAGS, 'deeptune train'))).toMatch(
      /^unknown flag -x for 'deeptune train'/,
    );
    expect(usageMessage(() => parseArgv(['--no-lr'], FLAGS, 'x'))).toMatch(/^unknown flag --no-lr/);
  });
});

describe('loadConfig', () => {
  it('reads camelCase or flag-name keys from YAML and JSON, with the same checks as flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-config-'));
    try {
      await writeFile(
        join(dir, 'a.yml'),
        'lr: 1e-3\nkeepProb: [1, 0.5]\nbatchnorm: true\nlayers: 64,32\n',
      );
      const loaded = await loadConfig('a.yml', FLAGS, dir);
      expect(Object.fromEntries(loaded.values)).toEqual({
        lr: 0.001,
        'keep-prob': [1, 0.5],
        batchnorm: true,
        layers: [64, 32],
      });
      expect(loaded.ignored).toEqual([]);
      // Keys of other commands are skipped and reported; unknown keys still fail.
      await writeFile(join(dir, 'shared.yml'), 'lr: 0.1\nepochs: 3\nsave: models/x\n');
      const shared = await loadConfig(
        'shared.yml',
        FLAGS.slice(0, 1),
        dir,
        new Set(['epochs', 'save']),
      );
      expect(Object.fromEntries(shared.values)).toEqual({ lr: 0.1 });
      expect(shared.ignored).toEqual(['epochs', 'save']);
      await expect(
        loadConfig('shared.yml', FLAGS.slice(0, 1), dir, new Set(['epochs'])),
      ).rejects.toThrow("unknown key 'save' in shared.yml");
      await writeFile(join(dir, 'b.json'), JSON.stringify({ 'keep-prob': [0.5, 2] }));
      await expect(loadConfig('b.json', FLAGS, dir)).rejects.toThrow(
        "key 'keep-prob' in b.json (item 2) must be a number in (0, 1], got 2",
      );
      await writeFile(join(dir, 'c.json'), JSON.stringify([1, 2]));
      await expect(loadConfig('c.json', FLAGS, dir)).rejects.toThrow(
        'c.json must hold a mapping of options',
      );
      await writeFile(join(dir, 'd.json'), JSON.stringify({ epochs: true }));
      await expect(loadConfig('d.json', FLAGS, dir)).rejects.toThrow(
        "key 'epochs' in d.json must be an integer >= 1, got true",
      );
      await writeFile(join(dir, 'e.toml'), 'epochs = 3');
      await expect(loadConfig('e.toml', FLAGS, dir)).rejects.toThrow(
        "has extension '.toml'; expected .json, .yaml or .yml",
      );
      await writeFile(join(dir, 'f.json'), JSON.stringify({ keepProb: [1], 'keep-prob': [1] }));
      await expect(loadConfig('f.json', FLAGS, dir)).rejects.toThrow(
        "f.json sets 'keepProb' twice",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('derives config keys from flag names', () => {
    expect(configKey(FLAGS[2]!)).toBe('keepProb');
    expect(configKey({ name: 'beta1', type: 'number', description: '' })).toBe('beta1');
  });
});

describe('help', () => {
  it('lists every flag with its placeholder, choices and default', () => {
    const text = formatFlags(FLAGS, 100);
    // --lr is an alias of an optimizer option; help says which.
    expect(text).toMatch(
      /^ {2}--lr <number> +Learning rate \(= --optimizer\.learning-rate\) \[default: none\]$/m,
    );
    expect(text).toMatch(/^ {2}--epochs <n> +Epochs \[default: 5\]$/m);
    expect(text).toMatch(/^ {2}--keep-prob <a,b,…> +Keep \[default: 1\]$/m);
    expect(text).toMatch(/^ {2}--activation relu\|tanh +Act \[default: relu\]$/m);
    expect(text).toMatch(/^ {2}--batchnorm +BN \[default: false\]$/m);
  });
});
