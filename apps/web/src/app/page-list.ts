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
  /** Its place in the navigation: the number of the course topic (1 = bias and variance). */
  readonly order: number;
  /** Loads the page's module (its own chunk). */
  readonly load: () => Promise<{ readonly default: PageModule<ParamSpecs> }>;
}

/** A page folder's `entry.ts`: its {@link PageEntry} and its place in the course's order. */
interface PageEntryModule {
  readonly default: PageEntry;
}

/**
 * Every page, in the course's order: each `src/pages/<id>/entry.ts` is collected at build
 * time, so adding a page is adding its folder.
 */
export const PAGES: readonly PageEntry[] = Object.values(
  import.meta.glob<PageEntryModule>('../pages/*/entry.ts', { eager: true }),
)
  .map((module) => module.default)
  .sort((a, b) => a.order - b.order);

/** The page with this id, or `undefined`. */
export function findPage(id: string): PageEntry | undefined {
  return PAGES.find((page) => page.id === id);
}
