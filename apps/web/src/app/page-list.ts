import type { PageModule } from './page.js';
import type { ParamSpecs } from './url-params.js';

/** A page of the demo as the navigation lists it; its code loads on first visit. */
export interface PageEntry {
  /** The URL id: `#/<id>`. */
  readonly id: string;
  /** The title in the navigation and the page's heading. */
  readonly title: string;
  /** The lesson of the page, in one sentence. */
  readonly lesson: string;
  /** Loads the page's module (its own chunk). */
  readonly load: () => Promise<{ readonly default: PageModule<ParamSpecs> }>;
}

/** Every page, in the course's order. */
export const PAGES: readonly PageEntry[] = [
  {
    id: 'bias-variance',
    title: 'Bias and variance',
    lesson:
      'Compare the training error with the dev error: a high training error is bias (fit better), a dev error far above it is variance (regularize or get more data).',
    load: () => import('../pages/bias-variance/page.js'),
  },
];

/** The page with this id, or `undefined`. */
export function findPage(id: string): PageEntry | undefined {
  return PAGES.find((page) => page.id === id);
}
