/**
 * `--config` files. Anything wrong with a config file is a mistake in the invocation: exit 2,
 * naming the file and the key. A config file never runs code: a `plugin` key is refused and
 * the module it names is never imported.
 */
import { Buffer } from 'node:buffer';
import { train } from '../fixtures.mjs';

/** `train --config <file>` with `content` written to `file` first. */
function configCase(id, file, content, options = {}) {
  const { exit = 2, says = [file], overrides = {}, setup, ...rest } = options;
  return {
    id: `config.${id}`,
    setup: (ctx) => {
      ctx.evil('evil.mjs');
      if (content !== undefined) ctx.write(file, content);
      setup?.(ctx);
    },
    args: train(overrides, ['--config', file]),
    exit,
    says,
    ...rest,
  };
}

const json = (id, content, options) => configCase(id, 'run.json', content, options);
const yaml = (id, content, options) => configCase(id, 'run.yaml', content, options);

/** YAML whose aliases expand to 9^9 strings when resolved naively. */
function yamlAliasBomb() {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(',');
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return `${lines.join('\n')}\n`;
}

export const configCases = [
  // Well-formed files that must be accepted.
  yaml('accept-yaml', 'layers: [4]\nepochs: 1\nlrDecay: exp:0.9\n', { exit: 0, says: [] }),
  json('accept-json-flag-spelling', '{ "batch-size": 16, "keep-prob": 0.9 }\n', {
    exit: 0,
    says: [],
  }),
  json('bom', '\uFEFF{ "epochs": 1 }\n', { exit: [0, 2] }),
  yaml('empty-yaml', '', { exit: [0, 2], allow: ['got null'] }),

  // Syntax.
  json('invalid-json', '{ "lr": }\n'),
  json('trailing-comma', '{ "lr": 0.1, }\n'),
  json('empty-json', ''),
  yaml('invalid-yaml', 'lr: [1, 2\nepochs: 1\n'),
  yaml('yaml-multi-document', 'epochs: 1\n---\nepochs: 2\n'),
  yaml('yaml-js-function-tag', 'lr: !!js/function "function () { return 1 }"\n', {
    says: ['run.yaml', 'lr'],
  }),
  json('not-utf8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  json('deep-nesting', `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
  yaml('yaml-deep-nesting', `lr: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
  yaml('yaml-alias-bomb', yamlAliasBomb()),
  configCase('extension-txt', 'run.txt', '{ "epochs": 1 }\n'),

  // Keys.
  json('duplicate-key', '{ "lr": 0.1, "lr": 0.2 }\n', { says: ['run.json', 'lr'] }),
  json('duplicate-key-two-spellings', '{ "batchSize": 8, "batch-size": 16 }\n', {
    says: ['run.json', 'batch'],
  }),
  yaml('yaml-duplicate-key', 'lr: 0.1\nlr: 0.2\n', { says: ['run.yaml', 'lr'] }),
  json('unknown-key', '{ "learningRate": 0.1 }\n', { says: ['run.json', 'learningRate'] }),
  json('proto-key', '{ "__proto__": { "lr": 5 } }\n', { says: ['run.json', '__proto__'] }),
  yaml('yaml-proto-key', '__proto__:\n  lr: 5\n', { says: ['run.yaml', '__proto__'] }),
  json('constructor-key', '{ "constructor": 1 }\n', { says: ['run.json', 'constructor'] }),
  json('config-key', '{ "config": "other.json" }\n', { says: ['run.json', 'config'] }),

  // Values.
  json('string-for-integer', '{ "epochs": "many" }\n', { says: ['run.json', 'epochs', 'many'] }),
  json('boolean-for-number', '{ "lr": true }\n', { says: ['run.json', 'lr'] }),
  json('object-for-list', '{ "layers": { "a": 1 } }\n', { says: ['run.json', 'layers'] }),
  json('array-for-number', '{ "lr": [0.1] }\n', { says: ['run.json', 'lr'] }),
  json('nested-list', '{ "layers": [[4]] }\n', { says: ['run.json', 'layers'] }),
  json('null-value', '{ "lr": null }\n', { says: ['run.json', 'lr'], allow: ['got null'] }),
  json('out-of-range', '{ "lr": -1 }\n', { says: ['run.json', 'lr', '-1'] }),
  json('layers-huge', '{ "layers": [100000, 100000] }\n', {
    says: ['run.json', 'layers'],
    overrides: { '--layers': null },
    beforeTraining: true,
  }),
  json('save-dot', '{ "save": "." }\n', {
    says: ['run.json', 'save'],
    setup: (ctx) => ctx.write('keep.txt', 'must survive\n'),
    beforeTraining: true,
  }),
  json('dataset-dev-zero', '{ "dataset": "csv:/dev/zero" }\n', {
    exit: 1,
    says: ['/dev/zero'],
    overrides: { '--dataset': null, '--examples': null },
  }),

  // Documents that are not a mapping.
  json('top-level-array', '[1, 2]\n'),
  json('top-level-number', '42\n'),
  json('top-level-null', 'null\n', { allow: ['got null'] }),
  yaml('top-level-string', 'just a sentence\n'),

  // Files that are not config files.
  configCase('missing', 'nope.json', undefined),
  configCase('directory', 'run.json', undefined, { setup: (ctx) => ctx.mkdir('run.json') }),
  configCase('fifo', 'run.json', undefined, { setup: (ctx) => ctx.fifo('run.json') }),
  configCase('dev-zero', '/dev/zero', undefined),
  configCase('symlink-dev-zero', 'zero.json', undefined, {
    setup: (ctx) => ctx.symlink('zero.json', '/dev/zero'),
  }),
  configCase('huge-50mb', 'run.json', undefined, {
    setup: (ctx) => ctx.huge('run.json', '{ "epochs": 1 ', '}\n'),
  }),

  // Code: a config file never loads a module.
  json('plugin-key-json', '{ "plugin": ["./evil.mjs"] }\n', { says: ['run.json', 'plugin'] }),
  yaml('plugin-key-yaml', 'plugin: [./evil.mjs]\n', { says: ['run.yaml', 'plugin'] }),
  yaml('plugins-key-yaml', 'plugins: ./evil.mjs\n', { says: ['run.yaml', 'plugins'] }),
  json('optimizer-module-path', '{ "optimizer": "./evil.mjs" }\n', {
    says: ['run.json', 'optimizer'],
  }),
];
