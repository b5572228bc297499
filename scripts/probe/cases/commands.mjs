/**
 * The command line itself: commands, flag syntax, the smaller commands (diagnose, gradcheck,
 * plugins) and --plugin modules.
 */
import { train } from '../fixtures.mjs';

const GRADCHECK = ['gradcheck', '--dataset', 'moons', '--examples', '200', '--layers', '4'];
const DIAGNOSE = ['diagnose', '--train-error', '0.1', '--dev-error', '0.12'];

export const commandCases = [
  // Baselines: the probe's tiny settings work.
  { id: 'cli.baseline-train', args: train(), exit: 0 },
  { id: 'cli.baseline-diagnose', args: DIAGNOSE, exit: 0 },
  { id: 'cli.baseline-gradcheck', args: GRADCHECK, exit: 0 },

  // Commands.
  { id: 'cli.command-misspelled', args: ['trian'], exit: 2, says: ['trian', 'train'] },
  { id: 'cli.command-empty', args: [''], exit: 2 },
  { id: 'cli.command-proto', args: ['__proto__'], exit: 2, says: ['__proto__'] },
  { id: 'cli.flag-before-command', args: ['--lr', '0.1', 'train'], exit: 2, says: ['--lr'] },

  // Flag syntax.
  { id: 'cli.flag-unknown', args: train({}, ['--lrr', '0.1']), exit: 2, says: ['--lrr', '--lr'] },
  { id: 'cli.flag-misspelled', args: train({}, ['--epoch', '2']), exit: 2, says: ['--epoch'] },
  { id: 'cli.flag-single-dash', args: train({}, ['-lr', '0.1']), exit: 2, says: ['-lr'] },
  {
    id: 'cli.flag-unicode-dash',
    args: train({}, ['\u2014lr', '0.1']),
    exit: 2,
    says: ['\u2014lr'],
  },
  { id: 'cli.flag-no-value-at-end', args: train({}, ['--lr']), exit: 2, says: ['--lr'] },
  {
    id: 'cli.flag-no-value-before-flag',
    args: train({}, ['--lr', '--seed', '1']),
    exit: 2,
    says: ['--lr'],
  },
  { id: 'cli.flag-twice', args: train({}, ['--epochs', '2']), exit: 2, says: ['--epochs'] },
  { id: 'cli.flag-equals-bad', args: train({}, ['--lr=abc']), exit: 2, says: ['--lr', 'abc'] },
  { id: 'cli.flag-equals-empty', args: train({}, ['--lr=']), exit: 2, says: ['--lr'] },
  {
    id: 'cli.flag-boolean-value',
    args: train({}, ['--batchnorm=maybe']),
    exit: 2,
    says: ['--batchnorm', 'maybe'],
  },
  { id: 'cli.flag-negated-value-flag', args: train({}, ['--no-lr']), exit: 2, says: ['--no-lr'] },
  { id: 'cli.flag-stray-positional', args: train({}, ['extra']), exit: 2, says: ['extra'] },
  { id: 'cli.flag-of-other-command', args: train({}, ['--set', 'dev']), exit: 2, says: ['--set'] },
  { id: 'cli.flag-name-100k-chars', args: train({}, [`--${'x'.repeat(100_000)}`]), exit: 2 },

  // diagnose.
  {
    id: 'diagnose.required-missing',
    args: ['diagnose', '--train-error', '0.1'],
    exit: 2,
    says: ['--dev-error'],
  },
  {
    id: 'diagnose.error-above-one',
    args: [...DIAGNOSE, '--base-error', '1.5'],
    exit: 2,
    says: ['--base-error', '1.5'],
  },
  {
    id: 'diagnose.error-negative',
    args: ['diagnose', '--train-error', '0.1', '--dev-error', '-0.1'],
    exit: 2,
    says: ['--dev-error', '-0.1'],
  },
  {
    id: 'diagnose.error-nan',
    args: ['diagnose', '--train-error', 'NaN', '--dev-error', '0.1'],
    exit: 2,
    says: ['--train-error', 'NaN'],
  },
  {
    id: 'diagnose.error-percent',
    args: ['diagnose', '--train-error', '15%', '--dev-error', '0.1'],
    exit: 2,
    says: ['--train-error', '15%'],
  },
  {
    id: 'diagnose.threshold-zero',
    args: [...DIAGNOSE, '--bias-threshold', '0'],
    exit: 2,
    says: ['--bias-threshold'],
  },

  // gradcheck.
  {
    id: 'gradcheck.sample-zero',
    args: [...GRADCHECK, '--sample', '0'],
    exit: 2,
    says: ['--sample'],
  },
  {
    id: 'gradcheck.sample-word',
    args: [...GRADCHECK, '--sample', 'most'],
    exit: 2,
    says: ['--sample', 'most'],
  },
  {
    id: 'gradcheck.check-batch-zero',
    args: [...GRADCHECK, '--check-batch', '0'],
    exit: 2,
    says: ['--check-batch'],
  },
  {
    id: 'gradcheck.after-negative',
    args: [...GRADCHECK, '--after', '-1'],
    exit: 2,
    says: ['--after', '-1'],
  },
  {
    id: 'gradcheck.dtype-float32',
    args: [...GRADCHECK, '--dtype', 'float32'],
    exit: 2,
    says: ['--dtype', 'float32'],
  },
  {
    id: 'gradcheck.train-only-flag',
    args: [...GRADCHECK, '--epochs', '3'],
    exit: 2,
    says: ['--epochs'],
  },
  {
    id: 'gradcheck.layers-huge',
    args: ['gradcheck', '--dataset', 'moons', '--examples', '200', '--layers', '100000,100000'],
    exit: 2,
    says: ['--layers'],
  },

  // plugins.
  {
    id: 'plugins.kind-misspelled',
    args: ['plugins', 'list', 'optimiser'],
    exit: 2,
    says: ['optimiser', 'optimizer'],
  },
  {
    id: 'plugins.kind-proto',
    args: ['plugins', 'list', '__proto__'],
    exit: 2,
    says: ['__proto__'],
  },
  { id: 'plugins.subcommand-misspelled', args: ['plugins', 'lsit'], exit: 2, says: ['lsit'] },
  { id: 'plugins.subcommand-missing', args: ['plugins'], exit: 2 },

  // --plugin: the user asks for code to be loaded; a module that is not one is refused cleanly.
  {
    id: 'plugin.module-missing',
    args: train({}, ['--plugin', './nope.mjs']),
    exit: 2,
    says: ['nope.mjs'],
  },
  {
    id: 'plugin.module-directory',
    setup: (ctx) => ctx.mkdir('pdir'),
    args: train({}, ['--plugin', './pdir']),
    exit: 2,
    says: ['pdir'],
  },
  {
    id: 'plugin.module-fifo',
    setup: (ctx) => ctx.fifo('pipe.mjs'),
    args: train({}, ['--plugin', './pipe.mjs']),
    exit: 2,
    says: ['pipe.mjs'],
  },
  {
    id: 'plugin.module-dev-zero',
    args: train({}, ['--plugin', '/dev/zero']),
    exit: 2,
    says: ['/dev/zero'],
  },
  {
    id: 'plugin.module-no-exports',
    setup: (ctx) => ctx.write('empty.mjs', 'export {};\n'),
    args: train({}, ['--plugin', './empty.mjs']),
    exit: 2,
    says: ['empty.mjs'],
  },
  {
    id: 'plugin.module-syntax-error',
    setup: (ctx) => ctx.write('broken.mjs', 'export const = ;\n'),
    args: train({}, ['--plugin', './broken.mjs']),
    exit: 2,
    says: ['broken.mjs'],
  },
  {
    id: 'plugin.module-throws',
    setup: (ctx) => ctx.write('boom.mjs', "throw new Error('boom at import');\n"),
    args: train({}, ['--plugin', './boom.mjs']),
    exit: [1, 2],
    says: ['boom.mjs'],
  },
  {
    id: 'plugin.module-is-csv',
    setup: (ctx) => ctx.write('data.csv', 'x1,x2,label\n1,2,0\n'),
    args: train({}, ['--plugin', './data.csv']),
    exit: 2,
    says: ['data.csv'],
  },
];
