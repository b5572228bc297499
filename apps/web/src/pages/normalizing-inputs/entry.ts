import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'normalizing-inputs',
  title: 'Normalizing inputs',
  lesson:
    'With features on very different scales the cost’s contours are long thin ellipses and gradient descent zig-zags with a tiny learning rate; normalized inputs give round contours and a direct path.',
  order: 4,
  load: () => import('./page.js'),
} satisfies PageEntry;
