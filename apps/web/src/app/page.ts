import type { ParamSpecs, ParamValues } from './url-params.js';

/** Reads and writes a page's parameters; every change is written to the URL (shareable). */
export interface PageParams<S extends ParamSpecs> {
  /** The current values. */
  readonly values: Readonly<ParamValues<S>>;
  /** Sets one value and writes the URL (without adding a history entry). */
  set<K extends keyof S & string>(name: K, value: ParamValues<S>[K]): void;
}

/** What a page's `mount` receives. */
export interface PageContext<S extends ParamSpecs> {
  /** The element the page renders into (emptied before and after). */
  readonly root: HTMLElement;
  /** The page's parameters, read from and written to the URL. */
  readonly params: PageParams<S>;
}

/** A page of the demo: its URL parameters and how it mounts; returns its clean-up. */
export interface PageModule<S extends ParamSpecs = ParamSpecs> {
  /** The parameters the page keeps in the URL. */
  readonly params: S;
  /** Renders the page; the returned function stops its workers, timers and listeners. */
  mount(context: PageContext<S>): () => void;
}

/** Helps TypeScript infer a page's parameter types: `export default definePage({ … })`. */
export function definePage<S extends ParamSpecs>(page: PageModule<S>): PageModule<S> {
  return page;
}
