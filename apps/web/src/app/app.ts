import { h, present } from '../ui/dom.js';
import type { PageParams } from './page.js';
import { PAGES, findPage, type PageEntry } from './page-list.js';
import { formatRoute, parseRoute } from './route.js';
import { readParams, writeParams, type ParamSpecs, type ParamValues } from './url-params.js';

/**
 * The demo's shell: a navigation of every page and a main area where the page named by the
 * location hash is mounted. Switching pages unmounts the previous one (its workers stop).
 */
export class App {
  readonly #main: HTMLElement;
  readonly #nav: HTMLElement;
  #unmount: (() => void) | null = null;
  #mountedId: string | null = null;
  #navigation = 0;

  constructor(root: HTMLElement) {
    this.#nav = h(
      'nav',
      { className: 'site-nav', attrs: { 'aria-label': 'Experiments' } },
      h(
        'ol',
        {},
        ...PAGES.map((page) =>
          h(
            'li',
            {},
            h('a', { text: page.title, attrs: { href: `#/${page.id}`, 'data-page': page.id } }),
          ),
        ),
      ),
    );
    this.#main = h('main', { className: 'page', attrs: { id: 'main', tabindex: '-1' } });
    root.replaceChildren(
      h(
        'header',
        { className: 'site-header' },
        h('a', { className: 'brand', text: 'deeptune', attrs: { href: '#/' } }),
        h('span', {
          className: 'tagline',
          text: 'improving deep neural networks, live in your browser',
        }),
      ),
      h('div', { className: 'layout' }, this.#nav, this.#main),
      // The training workers' compute backend, filled in by the first snapshot (JobClient).
      h('footer', {
        className: 'compute-status',
        attrs: { id: 'compute-status', role: 'status' },
      }),
    );
    window.addEventListener('hashchange', () => void this.route());
  }

  /** Mounts the page of the current location hash (again only when the page changed). */
  async route(): Promise<void> {
    const { pageId, search } = parseRoute(window.location.hash);
    if (pageId === this.#mountedId && this.#unmount !== null) return;
    const navigation = ++this.#navigation;
    this.#unmount?.();
    this.#unmount = null;
    this.#mountedId = pageId;
    for (const link of this.#nav.querySelectorAll('a')) {
      if (link.dataset['page'] === pageId) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (pageId === '') {
      this.#renderHome();
      return;
    }
    const entry = findPage(pageId);
    if (entry === undefined) {
      this.#main.replaceChildren(
        h('h1', { text: 'No such page' }),
        h('p', { attrs: { role: 'alert' }, text: `There is no experiment called "${pageId}".` }),
        h('p', {}, h('a', { text: 'See every experiment', attrs: { href: '#/' } })),
      );
      return;
    }
    this.#main.replaceChildren(h('p', { className: 'loading', text: `Loading ${entry.title}…` }));
    const module = await entry.load();
    if (navigation !== this.#navigation) return;
    this.#mountPage(
      entry,
      module.default.params,
      module.default.mount.bind(module.default),
      search,
    );
  }

  #mountPage(
    entry: PageEntry,
    specs: ParamSpecs,
    mount: (context: { root: HTMLElement; params: PageParams<ParamSpecs> }) => () => void,
    search: URLSearchParams,
  ): void {
    const { values, problems } = readParams(specs, search);
    const current: ParamValues<ParamSpecs> = { ...values };
    const params: PageParams<ParamSpecs> = {
      values: current,
      set(name, value) {
        current[name] = value;
        const hash = formatRoute(entry.id, writeParams(specs, current));
        window.history.replaceState(null, '', hash);
      },
    };
    const content = h('div', { className: 'page-content' });
    this.#main.replaceChildren(
      ...present(
        h('h1', { text: entry.title }),
        h('p', { className: 'lesson', text: entry.lesson }),
        problems.length > 0
          ? h(
              'div',
              { className: 'notice', attrs: { role: 'status' } },
              ...problems.map((problem) => h('p', { text: problem })),
            )
          : null,
        content,
      ),
    );
    document.title = `${entry.title} — deeptune`;
    this.#unmount = mount({ root: content, params });
  }

  #renderHome(): void {
    document.title = 'deeptune — improving deep neural networks, live';
    this.#main.replaceChildren(
      h('h1', { text: 'Improving deep neural networks, live' }),
      h('p', {
        className: 'lesson',
        text: 'Each experiment runs deeptune itself in your browser (training in a Web Worker) and shows one idea of the course. Every setting is in the link, so a link reproduces what you see.',
      }),
      h(
        'ol',
        { className: 'home-list' },
        ...PAGES.map((page) =>
          h(
            'li',
            {},
            h('a', { text: page.title, attrs: { href: `#/${page.id}` } }),
            h('p', { text: page.lesson }),
          ),
        ),
      ),
    );
  }
}
