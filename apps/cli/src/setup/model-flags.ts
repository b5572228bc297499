import type { Flag } from '../args/flag.js';

/** `--dataset` and the flags that shape the data. Shared by `train`, `gradcheck` and `evaluate`. */
export const DATA_FLAGS: readonly Flag[] = [
  {
    name: 'dataset',
    type: 'string',
    group: 'Data',
    valueName: '<name>',
    default: 'mnist',
    plugin: { kind: 'dataset' },
    description:
      'mnist (60k/10k handwritten digits), mnist:<dir> (MNIST from your IDX files), csv:<path>, circles, moons, spirals, xor, blobs, or a dataset plugin; set its options with --dataset.<option>, e.g. --dataset.noise 0.3',
  },
  {
    name: 'examples',
    type: 'integer',
    group: 'Data',
    valueName: '<m>',
    defaultText: "the dataset's: all of MNIST, 1000 synthetic",
    description:
      'Examples to load: m for synthetic data, the first m training images of MNIST (alias of --dataset.m or --dataset.subset)',
  },
  {
    name: 'label-column',
    type: 'string',
    group: 'Data',
    valueName: '<name>',
    defaultText: 'label',
    description: 'CSV: the column holding the class',
  },
  {
    name: 'label-type',
    type: 'string',
    group: 'Data',
    valueName: 'class-index|class-name',
    defaultText: 'class-index',
    description: 'CSV: whether labels are class indices 0..k-1 or names',
  },
  {
    name: 'split',
    type: 'numberList',
    group: 'Data',
    valueName: '<train,dev,test>',
    min: 0,
    max: 1,
    defaultText:
      'the course rule: 10,000 dev and test examples, at most 20 % each; train,dev only for MNIST, whose test set is fixed',
    description: 'Fractions of the examples for the train, dev and test sets (stratified)',
  },
  {
    name: 'normalize',
    type: 'string',
    group: 'Data',
    choices: ['auto', 'standardize', 'none'],
    default: 'auto',
    description:
      'Input normalization with μ and σ² from the training set only; auto standardizes all but MNIST (pixels already in [0, 1])',
  },
  {
    name: 'data-seed',
    type: 'integer',
    group: 'Data',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    defaultText: 'the --seed',
    description:
      'Seed of the train/dev/test split and of synthetic datasets, when it should differ from --seed (deeptune tune trains every trial with its own --seed on the same data)',
  },
];

/** The network's shape and initialization. Shared by `train` and `gradcheck`. */
export const NETWORK_FLAGS: readonly Flag[] = [
  {
    name: 'layers',
    type: 'numberList',
    group: 'Model',
    valueName: '<n1,n2,…>',
    integer: true,
    min: 1,
    default: [256, 128],
    description: "Hidden layer sizes ('none' for softmax regression)",
  },
  {
    name: 'activation',
    type: 'string',
    group: 'Model',
    valueName: '<name>',
    plugin: { kind: 'activation' },
    default: 'relu',
    description:
      'Activation of the hidden layers: relu, leaky-relu, tanh, sigmoid, or an activation plugin; set its options with --activation.<option>, e.g. --activation leaky-relu --activation.alpha 0.1',
  },
  {
    name: 'init',
    type: 'string',
    group: 'Model',
    valueName: '<name>',
    default: 'auto',
    plugin: { kind: 'initializer', special: ['auto'] },
    description:
      'Weight initializer: auto (he-normal for relu/leaky-relu, xavier-normal otherwise), he-normal, he-uniform, xavier-normal, xavier-uniform, lecun-normal, … or an initializer plugin',
  },
  {
    name: 'batchnorm',
    type: 'boolean',
    group: 'Model',
    default: false,
    description:
      'Batch normalization before each hidden activation (running averages for inference)',
  },
  {
    name: 'dtype',
    type: 'string',
    group: 'Model',
    choices: ['float32', 'float64'],
    default: 'float32',
    description: 'Tensor precision',
  },
  {
    name: 'keep-prob',
    type: 'numberList',
    group: 'Regularization',
    valueName: '<p | p0,p1,…>',
    exclusiveMin: 0,
    max: 1,
    default: [1],
    description:
      "Inverted dropout's keep probability: one value for every hidden layer, or one per layer input (inputs, hidden 1, hidden 2, …); 1 = no dropout",
  },
  {
    name: 'l2',
    type: 'number',
    group: 'Regularization',
    valueName: '<λ>',
    default: 0,
    description: 'L2 regularization strength λ: adds λ/(2m)·Σ‖W‖²',
  },
  {
    name: 'l1',
    type: 'number',
    group: 'Regularization',
    valueName: '<λ>',
    default: 0,
    description: 'L1 regularization strength λ: adds λ/m·Σ|W|',
  },
  {
    name: 'regularizer',
    type: 'stringList',
    group: 'Regularization',
    valueName: '<a,b,…>',
    default: [],
    plugin: { kind: 'regularizer', list: true },
    description:
      'Penalties added to the cost: l2, l1 or regularizer plugins; set their options with --regularizer.<name>.<option>, e.g. --regularizer l2 --regularizer.l2.lambda 0.01 (the same as --l2 0.01)',
  },
  {
    name: 'seed',
    type: 'integer',
    group: 'Training',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: 'Seed of initialization, splits, shuffling, dropout and augmentation',
  },
];
