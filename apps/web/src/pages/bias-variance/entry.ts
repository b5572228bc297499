import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'bias-variance',
  title: 'Bias and variance',
  lesson:
    'Compare the training error with the dev error: a high training error is bias (fit better), a dev error far above it is variance (regularize or get more data).',
  order: 1,
  load: () => import('./page.js'),
} satisfies PageEntry;
