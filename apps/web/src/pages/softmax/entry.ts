import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'softmax',
  title: 'Softmax',
  lesson:
    'Softmax turns the last layer’s C scores (logits) into probabilities that sum to 1, the cost is the cross-entropy −log p(true class), and the predicted class is the most probable one.',
  order: 13,
  load: () => import('./page.js'),
} satisfies PageEntry;
