import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'mnist',
  title: 'MNIST in the browser',
  lesson:
    'A network trained with the techniques of this course reads handwritten digits: draw one and watch the softmax probabilities; the confusion matrix shows which digits it mixes up.',
  order: 14,
  load: () => import('./page.js'),
} satisfies PageEntry;
