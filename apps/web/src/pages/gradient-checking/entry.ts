import type { PageEntry } from '../../app/page-list.js';

export default {
  id: 'gradient-checking',
  title: 'Gradient checking',
  lesson:
    "Compare backprop's gradient with the two-sided difference (J(θ+ε) − J(θ−ε)) / 2ε: a relative difference near 1e-7 is great, above 1e-3 there is a bug — and the parameter where it shows tells you which layer.",
  order: 6,
  load: () => import('./page.js'),
} satisfies PageEntry;
