/** A parsed location hash: `#/<page>?<params>`. */
export interface Route {
  /** The page id; `''` for the home page. */
  readonly pageId: string;
  /** The page's parameters. */
  readonly search: URLSearchParams;
}

/** Parses a location hash such as `#/regularization?lambda=0.1`. */
export function parseRoute(hash: string): Route {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const path = body.startsWith('/') ? body.slice(1) : body;
  const question = path.indexOf('?');
  const pageId = question === -1 ? path : path.slice(0, question);
  const search = new URLSearchParams(question === -1 ? '' : path.slice(question + 1));
  return { pageId: decodeURIComponent(pageId), search };
}

/** The hash of a page with parameters: `#/<page>` or `#/<page>?<params>`. */
export function formatRoute(pageId: string, search: URLSearchParams): string {
  const query = search.toString();
  return `#/${pageId}${query === '' ? '' : `?${query}`}`;
}
