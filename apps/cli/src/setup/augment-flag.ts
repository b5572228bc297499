import type { Flag } from '../args/flag.js';

/** `--augment`: augmentation plugins, or presets of them. */
export const AUGMENT_FLAG: Flag = {
  name: 'augment',
  type: 'stringList',
  group: 'Regularization',
  valueName: '<a,b,…>',
  default: [],
  plugin: {
    kind: 'augmentation',
    list: true,
    presets: {
      flip: { plugin: 'horizontal-flip', options: {} },
      shift: { plugin: 'random-shift', options: { maxShift: 2 } },
      rotate: { plugin: 'random-rotation', options: { maxDegrees: 10 } },
      noise: { plugin: 'gaussian-noise', options: { std: 0.1 } },
    },
  },
  description:
    'Data augmentation of training batches: flip, shift (±2 px), rotate (±10°), noise (σ 0.1) or augmentation plugins; set options with --augment.<name>.<option>, e.g. --augment.shift.max-shift 3',
};
