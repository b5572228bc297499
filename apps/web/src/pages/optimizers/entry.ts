import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'optimizers',
  title: 'Optimizers on contours',
  lesson:
    'Momentum averages away the zig-zag across a narrow valley, RMSprop rescales each direction by its recent gradient size, and Adam does both — on an elongated bowl they reach the minimum in far fewer steps than plain gradient descent.',
  order: 9,
  load: () => import('./page.js'),
} satisfies PageEntry;
