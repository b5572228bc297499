import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'vanishing-exploding',
  title: 'Vanishing / exploding gradients',
  lesson:
    "In a deep network each layer multiplies the signal's scale; He (ReLU) and Xavier (tanh) initialisation keep it near 1, while weights slightly too large or too small make activations and gradients explode or vanish exponentially with depth.",
  order: 5,
  load: () => import('./page.js'),
} satisfies PageEntry;
