import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'ewma',
  title: 'Exponentially weighted averages',
  lesson:
    'v_t = β·v_(t−1) + (1 − β)·θ_t averages roughly the last 1/(1 − β) values; the first values start too low (v_0 = 0) unless divided by 1 − β^t: bias correction.',
  order: 8,
  load: () => import('./page.js'),
} satisfies PageEntry;
