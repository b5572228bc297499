import type { PageEntry } from '../../app/page-list.js';

/** The early-stopping page: stop at the lowest dev cost and keep that epoch's weights. */
export default {
  id: 'early-stopping',
  title: 'Early stopping',
  lesson:
    'Stop where the dev cost is lowest and keep the weights from that epoch: early stopping trades a slightly worse training fit for a better dev fit.',
  order: 3,
  load: () => import('./page.js'),
} satisfies PageEntry;
