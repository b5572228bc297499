import type { PageEntry } from '../../app/page-list.js';

/** The regularization page: the same overfitting network without and with L2 and dropout. */
export default {
  id: 'regularization',
  title: 'Regularization: L2 and dropout',
  lesson:
    'A network that overfits (training error far below the dev error) is tamed by L2 (weight decay shrinks the weights) or dropout (units cannot rely on each other): the dev error drops, while the training error rises a little.',
  order: 2,
  load: () => import('./page.js'),
} satisfies PageEntry;
