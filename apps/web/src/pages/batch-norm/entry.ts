import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'batch-norm',
  title: 'Batch normalization',
  lesson:
    'Batch norm re-centres and re-scales each layer’s Z over the mini-batch, so the next layer sees a stable distribution: training tolerates much larger learning rates, and at test time running averages of μ and σ² replace the batch’s.',
  order: 12,
  load: () => import('./page.js'),
} satisfies PageEntry;
