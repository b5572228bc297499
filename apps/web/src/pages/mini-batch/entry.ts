import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'mini-batch',
  title: 'Mini-batch size',
  lesson:
    'Batch gradient descent takes one smooth but slow step per pass over the data, stochastic descent (batch size 1) takes m noisy steps, and a mini-batch in between (64–512) gets most of both.',
  order: 7,
  load: () => import('./page.js'),
} satisfies PageEntry;
