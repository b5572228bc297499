import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'lr-decay',
  title: 'Learning-rate decay',
  lesson:
    'With a constant learning rate mini-batch gradient descent keeps wandering around the minimum; shrinking α over the epochs (1/(1 + decay·epoch), exponential, staircase, …) lets it settle.',
  order: 10,
  load: () => import('./page.js'),
} satisfies PageEntry;
