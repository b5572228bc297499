/**
 * Model directories for `evaluate` and `predict`: a real model saved by `train --save`,
 * copied next to the working folder and corrupted one way per case. A model directory that
 * is wrong is a model error: exit 1, naming the file. Nothing in a model directory may make
 * the CLI import a module, read a data file the user did not confirm, hang or allocate
 * without bound. The peak RSS of every `evaluate` case is tabulated.
 */
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';

/** Where each case's copy of the model lives, relative to the working folder. */
const MODEL = '../model';
const ARCH = `${MODEL}/architecture.json`;
const WEIGHTS = `${MODEL}/weights.safetensors`;
const TRAINING = `${MODEL}/training.json`;
const STANDARDIZER = `${MODEL}/standardizer.json`;

/** Rows for `predict`, two features each. */
const POINTS = '0.5,0.25\n-1,0.75\n1.5,-0.5\n';

/**
 * A case on a corrupted copy of the model: `corrupt(ctx)` edits `../model`; the command is
 * `evaluate ../model` (tabulated), or `predict ../model points.csv`.
 */
function modelCase(id, corrupt, options = {}) {
  const { command = 'evaluate', exit = 1, says = [], flags = [], ...rest } = options;
  return {
    id: `${command}.${id}`,
    setup: (ctx) => {
      ctx.copyModel(MODEL);
      ctx.evil('evil.mjs');
      ctx.evil(`${MODEL}/evil.mjs`);
      ctx.write('points.csv', POINTS);
      corrupt(ctx);
    },
    args:
      command === 'evaluate'
        ? ['evaluate', MODEL, ...flags]
        : ['predict', MODEL, 'points.csv', ...flags],
    exit,
    says,
    rssTable: command === 'evaluate',
    ...rest,
  };
}

/** The same corruption under `evaluate` and under `predict`. */
function both(id, corrupt, options = {}) {
  return [
    modelCase(id, corrupt, options),
    modelCase(id, corrupt, { ...options, command: 'predict' }),
  ];
}

/** Edits the options of the first dense layer. */
const firstLayer = (edit) => (ctx) =>
  ctx.editJson(ARCH, (architecture) => {
    edit(architecture.layers[0]);
  });

/** Edits training.json. */
const training = (edit) => (ctx) => ctx.editJson(TRAINING, edit);

/** training.json of a model trained on `dataset` (a CSV file has no `examples`). */
const recordedDataset = (dataset) =>
  training((config) => {
    config.dataset = dataset;
    delete config.examples;
  });

/** Edits standardizer.json. */
const standardizer = (edit) => (ctx) => ctx.editJson(STANDARDIZER, edit);

/** Replaces one file of the model by a symbolic link to /dev/zero. */
const devZero = (file) => (ctx) => ctx.symlink(file, '/dev/zero');

/** A module URL that writes the marker when imported, without any file. */
const dataUrl = (ctx) =>
  `data:text/javascript,import('node:fs').then((fs)=>fs.writeFileSync(${JSON.stringify(ctx.marker)},'x'))`;

/**
 * One more tensor in the weights file, named `name`, with its own 4 bytes after the others
 * (so that the name is the only thing wrong with it).
 */
const extraTensor = (name) => (ctx) =>
  ctx.editWeights(MODEL, (header, data) => ({
    header: JSON.stringify(header).replace(
      '{',
      `{${JSON.stringify(name)}:{"dtype":"F32","shape":[1],"data_offsets":[${data.length},${data.length + 4}]},`,
    ),
    data: Buffer.concat([data, Buffer.alloc(4)]),
  }));

/** A JSON file of 50 MB: the model file's own content, padded with spaces. */
const padded = (file) => (ctx) => {
  const content = ctx.read(file).toString('utf8');
  ctx.huge(file, content.trimEnd(), '\n');
};

export const modelCases = [
  // Baselines: the model as saved works.
  ...both('accept.as-saved', () => {}, { exit: 0 }),
  modelCase('accept.other-dataset', () => {}, {
    flags: ['--dataset', 'moons', '--examples', '100'],
    exit: 0,
  }),
  modelCase('accept.extra-file', (ctx) => ctx.write(`${MODEL}/README.txt`, 'notes\n'), {
    exit: 0,
  }),
  modelCase('accept.no-training-json-with-dataset', (ctx) => ctx.remove(TRAINING), {
    flags: ['--dataset', 'moons', '--examples', '100'],
    exit: 0,
  }),

  // The directory itself.
  {
    id: 'evaluate.dir-missing',
    args: ['evaluate', '../nodir'],
    exit: 2,
    says: ['nodir'],
    rssTable: true,
  },
  {
    id: 'evaluate.dir-is-file',
    setup: (ctx) => ctx.write('../model.txt', 'not a model\n'),
    args: ['evaluate', '../model.txt'],
    exit: 1,
    says: ['model.txt'],
    rssTable: true,
  },
  {
    id: 'evaluate.dir-empty',
    setup: (ctx) => ctx.mkdir('../emptymodel'),
    args: ['evaluate', '../emptymodel'],
    exit: 1,
    says: ['emptymodel'],
    rssTable: true,
  },
  {
    id: 'evaluate.dir-is-fifo',
    setup: (ctx) => ctx.fifo('../pipemodel'),
    args: ['evaluate', '../pipemodel'],
    exit: 1,
    says: ['pipemodel'],
    rssTable: true,
  },
  {
    id: 'evaluate.dir-is-dev-zero',
    setup: (ctx) => ctx.symlink('../zeromodel', '/dev/zero'),
    args: ['evaluate', '../zeromodel'],
    exit: 1,
    says: ['zeromodel'],
    rssTable: true,
  },

  // architecture.json: not a readable JSON file.
  ...both('arch.fifo', (ctx) => ctx.fifo(ARCH), { says: ['architecture.json'] }),
  modelCase('arch.dev-zero', devZero(ARCH), { says: ['architecture.json'] }),
  modelCase('arch.directory', (ctx) => ctx.replaceByDirectory(ARCH), {
    says: ['architecture.json'],
  }),
  modelCase('arch.missing', (ctx) => ctx.remove(ARCH), { says: ['architecture.json'] }),
  modelCase('arch.empty', (ctx) => ctx.write(ARCH, ''), { says: ['architecture.json'] }),
  modelCase('arch.invalid-json', (ctx) => ctx.write(ARCH, '{ "format": '), {
    says: ['architecture.json'],
  }),
  modelCase('arch.huge-50mb', padded(ARCH), { says: ['architecture.json'] }),
  modelCase(
    'arch.deep-nesting',
    (ctx) => ctx.write(ARCH, `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    {
      says: ['architecture.json'],
    },
  ),
  modelCase('arch.top-level-array', (ctx) => ctx.write(ARCH, '[]'), {
    says: ['architecture.json'],
  }),

  // architecture.json: valid JSON, wrong model.
  modelCase('arch.format-other', (ctx) => ctx.editJson(ARCH, (a) => void (a.format = 'keras')), {
    says: ['architecture.json', 'keras'],
  }),
  modelCase('arch.version-99', (ctx) => ctx.editJson(ARCH, (a) => void (a.version = 99)), {
    says: ['architecture.json', '99'],
  }),
  modelCase('arch.layers-empty', (ctx) => ctx.editJson(ARCH, (a) => void (a.layers = [])), {
    says: ['architecture.json'],
  }),
  modelCase(
    'arch.layers-not-array',
    (ctx) => ctx.editJson(ARCH, (a) => void (a.layers = 'dense')),
    { says: ['architecture.json', 'layers'] },
  ),
  ...both(
    'arch.units-1e9',
    firstLayer((layer) => void (layer.options.units = 1e9)),
    { says: ['architecture.json', 'units'] },
  ),
  modelCase(
    'arch.units-negative',
    firstLayer((layer) => void (layer.options.units = -4)),
    {
      says: ['architecture.json', 'units'],
    },
  ),
  modelCase(
    'arch.units-fraction',
    firstLayer((layer) => void (layer.options.units = 2.5)),
    {
      says: ['architecture.json', 'units'],
    },
  ),
  modelCase(
    'arch.units-string',
    firstLayer((layer) => void (layer.options.units = '4')),
    {
      says: ['architecture.json', 'units'],
    },
  ),
  modelCase(
    'arch.inputs-mismatch',
    firstLayer((layer) => void (layer.options.inputs = 3)),
    {
      says: ['inputs'],
    },
  ),
  modelCase(
    'arch.dtype-float16',
    firstLayer((layer) => void (layer.options.dtype = 'float16')),
    {
      says: ['architecture.json', 'float16'],
    },
  ),
  modelCase(
    'arch.activation-unknown',
    firstLayer((layer) => void (layer.options.activation = 'swish9')),
    { says: ['architecture.json', 'swish9'] },
  ),
  modelCase(
    'arch.activation-module-path',
    firstLayer((layer) => void (layer.options.activation = './evil.mjs')),
    { says: ['architecture.json'] },
  ),
  modelCase(
    'arch.options-proto',
    (ctx) => {
      const text = ctx.read(ARCH).toString('utf8');
      ctx.write(ARCH, text.replace('"options": {', '"options": { "__proto__": { "units": 1e9 },'));
    },
    { says: ['architecture.json', '__proto__'] },
  ),
  modelCase(
    'arch.layer-named-proto',
    firstLayer((layer) => void (layer.name = '__proto__')),
    {
      says: ['__proto__'],
    },
  ),
  modelCase(
    'arch.layer-named-proto-consistently',
    (ctx) => {
      firstLayer((layer) => void (layer.name = '__proto__'))(ctx);
      ctx.editWeights(MODEL, (header, data) => ({
        header: JSON.stringify(header).replaceAll('"dense1.', '"__proto__.'),
        data,
      }));
    },
    { exit: [0, 1] },
  ),
  modelCase(
    'arch.duplicate-layer-names',
    (ctx) => ctx.editJson(ARCH, (a) => void (a.layers[1].name = 'dense1')),
    { says: ['dense1'] },
  ),

  // architecture.json: plugin names that are not registered layer plugins.
  modelCase(
    'arch.plugin-proto',
    firstLayer((layer) => void (layer.plugin = '__proto__')),
    {
      says: ['architecture.json', '__proto__'],
    },
  ),
  modelCase(
    'arch.plugin-constructor',
    firstLayer((layer) => void (layer.plugin = 'constructor')),
    { says: ['architecture.json', 'constructor'] },
  ),
  modelCase(
    'arch.plugin-unknown',
    firstLayer((layer) => void (layer.plugin = 'conv2d')),
    {
      says: ['architecture.json', 'conv2d'],
    },
  ),
  ...both(
    'arch.plugin-relative-path',
    firstLayer((layer) => void (layer.plugin = './evil.mjs')),
    { says: ['architecture.json', 'evil.mjs'] },
  ),
  modelCase(
    'arch.plugin-absolute-path',
    (ctx) => firstLayer((layer) => void (layer.plugin = ctx.at('evil.mjs')))(ctx),
    { says: ['architecture.json', 'evil.mjs'] },
  ),
  modelCase(
    'arch.plugin-file-url',
    (ctx) =>
      firstLayer((layer) => void (layer.plugin = pathToFileURL(ctx.at('evil.mjs')).href))(ctx),
    { says: ['architecture.json', 'evil.mjs'] },
  ),
  modelCase(
    'arch.plugin-data-url',
    (ctx) => firstLayer((layer) => void (layer.plugin = dataUrl(ctx)))(ctx),
    { says: ['architecture.json'] },
  ),

  // weights.safetensors: not a readable file.
  modelCase('weights.dev-zero', devZero(WEIGHTS), { says: ['weights.safetensors'] }),
  modelCase('weights.fifo', (ctx) => ctx.fifo(WEIGHTS), { says: ['weights.safetensors'] }),
  modelCase('weights.directory', (ctx) => ctx.replaceByDirectory(WEIGHTS), {
    says: ['weights.safetensors'],
  }),
  modelCase('weights.missing', (ctx) => ctx.remove(WEIGHTS), { says: ['weights.safetensors'] }),
  modelCase('weights.empty', (ctx) => ctx.write(WEIGHTS, ''), { says: ['weights.safetensors'] }),
  ...both(
    'weights.truncated',
    (ctx) => {
      const bytes = ctx.read(WEIGHTS);
      ctx.write(WEIGHTS, bytes.subarray(0, bytes.length - 20));
    },
    { says: ['weights.safetensors'] },
  ),

  // weights.safetensors: the header.
  modelCase(
    'weights.header-length-2e18',
    (ctx) => {
      const bytes = Buffer.from(ctx.read(WEIGHTS));
      bytes.writeBigUInt64LE(2n ** 61n, 0);
      ctx.write(WEIGHTS, bytes);
    },
    { says: ['weights.safetensors'] },
  ),
  modelCase(
    'weights.header-length-past-end',
    (ctx) => {
      const bytes = Buffer.from(ctx.read(WEIGHTS));
      bytes.writeBigUInt64LE(BigInt(bytes.length + 100), 0);
      ctx.write(WEIGHTS, bytes);
    },
    { says: ['weights.safetensors'] },
  ),
  modelCase(
    'weights.header-invalid-json',
    (ctx) => ctx.editWeights(MODEL, (header, data) => ({ header: '{"dense1.bias": {', data })),
    { says: ['weights.safetensors'] },
  ),
  modelCase('weights.header-proto-entry', extraTensor('__proto__'), {
    says: ['weights.safetensors', '__proto__'],
  }),
  modelCase('weights.header-constructor-entry', extraTensor('constructor'), {
    says: ['weights.safetensors', 'constructor'],
  }),
  modelCase(
    'weights.metadata-proto',
    (ctx) =>
      ctx.editWeights(MODEL, (header, data) => ({
        header: JSON.stringify(header).replace(
          '"__metadata__":{',
          '"__metadata__":{"__proto__":{"polluted":"yes"},',
        ),
        data,
      })),
    { exit: [0, 1] },
  ),
  modelCase(
    'weights.tensor-missing',
    (ctx) =>
      ctx.editWeights(MODEL, (header, data) => {
        const [begin] = header['dense2.weight'].data_offsets;
        delete header['dense2.weight'];
        return { header, data: data.subarray(0, begin) };
      }),
    { says: ['weights.safetensors', 'dense2.weight'] },
  ),
  modelCase(
    'weights.dtype-f64',
    (ctx) => ctx.editWeights(MODEL, (header) => void (header['dense1.weight'].dtype = 'F64')),
    { says: ['weights.safetensors', 'dense1.weight'] },
  ),
  modelCase(
    'weights.dtype-bogus',
    (ctx) => ctx.editWeights(MODEL, (header) => void (header['dense1.weight'].dtype = 'Q4')),
    { says: ['weights.safetensors', 'Q4'] },
  ),
  modelCase(
    'weights.shape-mismatch',
    (ctx) => ctx.editWeights(MODEL, (header) => void (header['dense1.weight'].shape = [4, 2])),
    { says: ['weights.safetensors', 'dense1.weight'] },
  ),
  modelCase(
    'weights.shape-huge',
    (ctx) =>
      ctx.editWeights(MODEL, (header) => void (header['dense1.weight'].shape = [100000, 100000])),
    { says: ['weights.safetensors', 'dense1.weight'] },
  ),
  modelCase(
    'weights.offsets-out-of-range',
    (ctx) =>
      ctx.editWeights(MODEL, (header) => void (header['dense2.weight'].data_offsets = [56, 4000])),
    { says: ['weights.safetensors', 'dense2.weight'] },
  ),
  modelCase(
    'weights.offsets-negative',
    (ctx) =>
      ctx.editWeights(MODEL, (header) => void (header['dense1.bias'].data_offsets = [-16, 0])),
    { says: ['weights.safetensors', 'dense1.bias'] },
  ),
  modelCase(
    'weights.offsets-overlap',
    (ctx) =>
      ctx.editWeights(MODEL, (header) => void (header['dense1.weight'].data_offsets = [8, 40])),
    { says: ['weights.safetensors'] },
  ),

  // weights.safetensors: values that are not finite (header and every other byte intact).
  ...both(
    'weights.nan',
    (ctx) => ctx.patchTensor(MODEL, 'dense1.weight', (values) => void (values[0] = NaN)),
    { says: ['weights.safetensors', 'dense1.weight'] },
  ),
  modelCase(
    'weights.infinity',
    (ctx) => ctx.patchTensor(MODEL, 'dense2.bias', (values) => void (values[1] = -Infinity)),
    { says: ['weights.safetensors', 'dense2.bias'] },
  ),

  // training.json: not a readable JSON object.
  modelCase('training.dev-zero', devZero(TRAINING), { says: ['training.json'] }),
  modelCase('training.fifo', (ctx) => ctx.fifo(TRAINING), { says: ['training.json'] }),
  modelCase('training.invalid-json', (ctx) => ctx.write(TRAINING, '{ "dataset": "moons", '), {
    says: ['training.json'],
  }),
  modelCase('training.huge-50mb', padded(TRAINING), { says: ['training.json'] }),
  modelCase('training.top-level-array', (ctx) => ctx.write(TRAINING, '[1, 2]\n'), {
    says: ['training.json'],
  }),
  modelCase('training.top-level-null', (ctx) => ctx.write(TRAINING, 'null\n'), {
    says: ['training.json'],
    allow: ['got null'],
  }),
  modelCase('training.missing', (ctx) => ctx.remove(TRAINING), {
    exit: [1, 2],
    says: ['training.json'],
  }),

  // training.json: what it names is never loaded without the user's say.
  modelCase(
    'training.plugin-key',
    training((config) => void (config.plugin = ['./evil.mjs'])),
    { exit: [0, 1] },
  ),
  modelCase('training.dataset-csv-dev-zero', recordedDataset('csv:/dev/zero'), {
    exit: 2,
    says: ['training.json', '/dev/zero'],
  }),
  modelCase('training.dataset-csv-etc-passwd', recordedDataset('csv:/etc/passwd'), {
    exit: 2,
    says: ['training.json', '/etc/passwd'],
  }),
  modelCase(
    'training.dataset-mnist-dir',
    training((config) => void (config.dataset = 'mnist:/tmp')),
    { exit: 2, says: ['training.json', '/tmp'] },
  ),
  modelCase('training.dataset-csv-dev-zero-confirmed', recordedDataset('csv:/dev/zero'), {
    exit: 1,
    says: ['/dev/zero'],
    flags: ['--recorded-data'],
  }),
  modelCase(
    'training.dataset-module-path',
    training((config) => void (config.dataset = './evil.mjs')),
    { says: ['training.json', 'evil.mjs'] },
  ),
  modelCase(
    'training.dataset-proto',
    training((config) => void (config.dataset = '__proto__')),
    { says: ['training.json', '__proto__'] },
  ),
  modelCase(
    'training.examples-3e7',
    training((config) => void (config.examples = 3e7)),
    {
      exit: [1, 2],
      says: ['training.json'],
    },
  ),
  modelCase(
    'training.examples-negative',
    training((config) => void (config.examples = -5)),
    {
      says: ['training.json', 'examples'],
    },
  ),
  modelCase(
    'training.seed-string',
    training((config) => void (config.seed = 'abc')),
    {
      says: ['training.json', 'seed'],
    },
  ),
  modelCase(
    'training.split-ratios-bogus',
    training((config) => void (config.splitRatios = [2, -1, 0])),
    { says: ['training.json', 'split'] },
  ),

  // standardizer.json.
  modelCase('standardizer.dev-zero', devZero(STANDARDIZER), { says: ['standardizer.json'] }),
  ...both('standardizer.missing', (ctx) => ctx.remove(STANDARDIZER), {
    says: ['standardizer.json'],
  }),
  modelCase('standardizer.invalid-json', (ctx) => ctx.write(STANDARDIZER, '{"mean": [1,'), {
    says: ['standardizer.json'],
  }),
  modelCase('standardizer.huge-50mb', padded(STANDARDIZER), { says: ['standardizer.json'] }),
  modelCase(
    'standardizer.variance-negative',
    standardizer((s) => void (s.variance = [-1, 0.5])),
    { says: ['standardizer.json', 'variance'] },
  ),
  modelCase(
    'standardizer.mean-null',
    standardizer((s) => void (s.mean = [null, 0.5])),
    {
      says: ['standardizer.json', 'mean'],
      allow: ['got null'],
    },
  ),
  modelCase(
    'standardizer.mean-strings',
    standardizer((s) => void (s.mean = ['a', 'b'])),
    {
      says: ['standardizer.json', 'mean'],
    },
  ),
  modelCase(
    'standardizer.length-mismatch',
    standardizer((s) => void (s.mean = [0, 0, 0])),
    { says: ['standardizer.json'] },
  ),
  modelCase(
    'standardizer.feature-shape-huge',
    standardizer((s) => void (s.featureShape = [1e9])),
    { says: ['standardizer.json'] },
  ),
];
