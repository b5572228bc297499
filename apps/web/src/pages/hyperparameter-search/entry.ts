import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'hyperparameter-search',
  title: 'Hyperparameter search',
  lesson:
    'Sample hyperparameters at random rather than on a grid (each trial then tries a new value of the one that matters), on the right scale (log for α, log of 1 − β for β), and zoom in on the best region.',
  order: 11,
  load: () => import('./page.js'),
} satisfies PageEntry;
