import type { PageParams } from '../../app/page.js';
import type { MessageBox } from '../../ui/message-box.js';
import type { HYPERPARAMETER_SEARCH_PARAMS } from './hyperparameter-search-params.js';

/** What a section of the page receives. */
export interface SectionContext {
  /** The page's parameters (read from and written to the URL). */
  readonly params: PageParams<typeof HYPERPARAMETER_SEARCH_PARAMS>;
  /** Where problems are named. */
  readonly messages: MessageBox;
}

/** One figure of the page, with its controls. */
export interface SectionView {
  /** The section's controls, placed under the figure selector. */
  readonly controls: readonly HTMLElement[];
  /** The section's figures. */
  readonly figures: HTMLElement;
  /** Stops its workers and timers. */
  dispose(): void;
}
