import type { Flag } from '../args/flag.js';

/** `--sampler`: the search strategy. */
export const SAMPLER_FLAG: Flag = {
  name: 'sampler',
  type: 'string',
  group: 'Search',
  valueName: '<name>',
  default: 'random',
  plugin: { kind: 'searcher' },
  description:
    'random (the course: random, not grid), grid (to see why it loses), quasi-random (scrambled Halton), coarse-to-fine (rounds zooming in on the best trials), or a searcher plugin; options with --sampler.<option>, e.g. --sampler coarse-to-fine --sampler.rounds 3 --sampler.trials-per-round 10 --sampler.top-k 3',
};

/** `--pruner`: stops hopeless trials early. */
export const PRUNER_FLAG: Flag = {
  name: 'pruner',
  type: 'string',
  group: 'Search',
  valueName: '<name>',
  default: 'none',
  plugin: { kind: 'pruner', special: ['none'] },
  description:
    'Stop hopeless trials from their per-epoch dev values: median, asha (successive halving) or none; options with --pruner.<option>, e.g. --pruner asha --pruner.reduction-factor 3',
};
