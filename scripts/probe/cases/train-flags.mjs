/**
 * `deeptune train` flag values: wrong types, out-of-range numbers, malformed specs and plugin
 * names that are not plugin names. All are mistakes on the command line: exit 2, naming the
 * flag and, where there is one, the value.
 */
import { pathToFileURL } from 'node:url';
import { train } from '../fixtures.mjs';

/** A readable id part for a value: `''` is `empty`, anything else keeps its characters. */
function slug(value) {
  if (value === '') return 'empty';
  return value.replace(/[^A-Za-z0-9.+-]+/g, '_');
}

/**
 * One refused value per case: `train --<flag> <value>` exits 2 before training and names the
 * flag and the value. A value may be given as `[value, ...parts]` when the message should name
 * only those parts of it (the offending item of a list, say).
 */
function refused(flag, values, { overrides = {}, names } = {}) {
  return values.map((entry) => {
    const [value, ...parts] = Array.isArray(entry) ? entry : [entry];
    const named = Array.isArray(entry) ? parts : (names?.(value) ?? (value === '' ? [] : [value]));
    return {
      id: `train.${flag}.${slug(value)}`,
      args: train({ ...overrides, [`--${flag}`]: value }),
      exit: 2,
      says: [`--${flag}`, ...named],
      beforeTraining: true,
    };
  });
}

/** The key of an `--early-stopping` setting, which the message should name. */
const settingKey = (value) => {
  const key = value.split(',').at(-1).split('=')[0];
  return key === '' ? [] : [key];
};

/** Names that point at a module instead of a registered plugin: nothing may import them. */
function pluginPathCases(flag) {
  const forms = {
    relative: () => './evil.mjs',
    absolute: (ctx) => ctx.at('evil.mjs'),
    'file-url': (ctx) => pathToFileURL(ctx.at('evil.mjs')).href,
  };
  return Object.entries(forms).map(([form, name]) => ({
    id: `train.${flag}.module-path-${form}`,
    setup: (ctx) => ctx.evil('evil.mjs'),
    args: (ctx) => train({ [`--${flag}`]: name(ctx) }),
    exit: 2,
    says: [`--${flag}`, 'evil.mjs'],
  }));
}

export const trainFlagCases = [
  // Values the run must accept.
  { id: 'train.accept.layers-none', args: train({ '--layers': 'none' }), exit: 0 },
  { id: 'train.accept.batch-size-above-m', args: train({ '--batch-size': '100000' }), exit: 0 },
  { id: 'train.accept.equals-syntax', args: train({}, ['--lr=0.01']), exit: 0 },
  { id: 'train.accept.early-stopping-number', args: train({ '--early-stopping': '3' }), exit: 0 },
  // Patience 0 stops at the first epoch without improvement (Keras allows it too), and a
  // --lr-decay form without values takes the schedule's defaults.
  { id: 'train.accept.early-stopping-zero', args: train({ '--early-stopping': '0' }), exit: 0 },
  { id: 'train.accept.lr-decay-defaults', args: train({ '--lr-decay': 'exp' }), exit: 0 },
  // An empty list of augmentations may mean none, or be refused.
  {
    id: 'train.augment.empty',
    args: train({ '--augment': '' }),
    exit: [0, 2],
    says: ['--augment'],
  },
  // A run that diverges is a failed run.
  {
    id: 'train.diverging-run',
    args: train({ '--optimizer': 'sgd', '--lr': '1e12', '--epochs': '3', '--layers': '16,16' }),
    exit: 1,
  },

  ...refused('lr', ['-1', '0', 'Infinity', '-Infinity', 'NaN', 'abc', '', '1e400', '1e-400']),
  ...refused('lr', ['0.1,0.2']),
  ...refused('keep-prob', ['0', '1.5', '-0.1', 'NaN', '1,0.5,0.5', ['0.5,']]),
  ...refused('epochs', ['2.5', '0', '-1', 'abc', '1e400']),
  ...refused('layers', ['', '0', '100000,100000', '-3', ['4,,4'], '4.5', 'abc', ['4,0', '0']]),
  // On MNIST (784 inputs) a 1e7-unit layer is more than one tensor holds: refused before
  // the data loads. (On a 2-feature toy set it is 4e7 parameters, a run the machine can do.)
  ...refused('layers', [['1e7', '784 × 10,000,000']], {
    overrides: { '--dataset': null, '--examples': null },
  }),
  ...refused('seed', ['9007199254740993', '-1', '1.5', 'abc', '1e21']),
  ...refused('batch-size', ['0', '-1', '1.5', 'abc']),
  ...refused('examples', ['0', '-5', '2.5', '1e12']),
  ...refused('l2', ['-1']),
  ...refused('l1', ['NaN']),
  ...refused('beta', ['1.5'], { overrides: { '--optimizer': 'momentum' } }),
  ...refused('beta1', ['1']),
  ...refused('beta2', ['-0.1']),
  ...refused('eps', ['0']),
  ...refused('weight-decay', ['-1']),
  ...refused('clip-norm', ['0', '-1']),
  ...refused('base-error', ['2']),
  ...refused(
    'early-stopping',
    [
      'patience=3,patience=4',
      'constructor=3',
      '__proto__=1',
      'toString=1',
      'hasOwnProperty=1',
      'patience=-1',
      'patience=1.5',
      'patience=abc',
      'patience=',
      '=3',
      'monitor=evil',
      'restore=maybe',
      'min-delta=NaN',
      '',
    ],
    { names: settingKey },
  ),
  ...refused('lr-decay', [
    'exp:',
    'exp:abc',
    'exp:-1',
    'exp:0',
    'time:-1',
    'time:Infinity',
    'step:0',
    'step:2.5',
    'step:2:0',
    'plateau:0.5:-1',
    'plateau:2',
    'sqrt:NaN',
    ['bogus:1', 'bogus'],
    'exp:0.9:1',
    '',
    '__proto__',
    ['constructor:1', 'constructor'],
  ]),
  ...refused('split', ['0.5,0.5,0.5', '0.8,0.1', ['-0.2,0.6,0.6', '-0.2'], ['NaN,0.5,0.5', 'NaN']]),
  ...refused('split', ['0.8,0.1,0.1,0', ['a,b,c', 'a']]),
  ...refused('optimizer', ['adamm', '', '__proto__', 'constructor', 'toString']),
  ...refused('activation', ['__proto__', 'relu6', '']),
  ...refused('init', ['hasOwnProperty']),
  ...refused('dtype', ['float16', '__proto__']),
  ...refused('normalize', ['maybe']),
  ...refused('label-type', ['bogus']),
  ...refused('augment', ['flip', 'bogus']),
  ...refused('dataset', ['mnst', '', 'csv:', 'mnist:', '__proto__', 'constructor']),
  ...pluginPathCases('optimizer'),
  ...pluginPathCases('init'),
  ...pluginPathCases('dataset'),
];
