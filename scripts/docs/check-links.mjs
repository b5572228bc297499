// Checks every internal link of a generated static site (by default docs/api, the typedoc
// site of `pnpm run docs`): each href/src of every HTML page, and the page paths in
// typedoc's sidebar (assets/navigation.js) and search index (assets/search.js).
//
//   node scripts/docs/check-links.mjs [site-dir]
//
// A link is internal when it has no scheme and no host: it is resolved against the page,
// must stay inside the site, and must name an existing file (a directory needs an
// index.html). A #fragment must match an id (or an <a name>) of the target page or SVG.
// External links (http:, https:, //host) are counted, never fetched; other schemes (mailto:,
// data:, javascript:) are ignored. Prints `checked N pages, M internal links, K broken`,
// lists the broken ones, and exits 1 when K > 0 (2 when the site does not exist).
import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML character references of an attribute value. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** The markup of a page without comments, scripts and styles (whose text is not links). */
function markupOnly(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, (tag) => tag.replace(/>[\s\S]*</, '><'))
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '<style></style>');
}

const TAG = /<[a-zA-Z][^\s/>]*(?:\s[^>]*)?>/g;
const ATTRIBUTE =
  /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every (name, value) attribute pair of every tag of `html`. */
function* attributes(html) {
  for (const [tag] of markupOnly(html).matchAll(TAG)) {
    for (const match of tag.matchAll(ATTRIBUTE)) {
      const value = match[2] ?? match[3] ?? match[4];
      if (value !== undefined) yield [match[1].toLowerCase(), decodeEntities(value)];
    }
  }
}

function* walk(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** The paths that typedoc's compressed navigation and search data point at, if present. */
function typedocDataLinks(root) {
  const links = [];
  const read = (file, variable) => {
    const path = join(root, 'assets', file);
    if (!existsSync(path)) return undefined;
    const match = new RegExp(`window\\.${variable} = "([^"]*)"`).exec(readFileSync(path, 'utf8'));
    if (!match) return undefined;
    return { path, data: JSON.parse(inflateSync(Buffer.from(match[1], 'base64')).toString()) };
  };
  const navigation = read('navigation.js', 'navigationData');
  if (navigation) {
    const visit = (nodes) => {
      for (const node of nodes ?? []) {
        if (node.path) links.push({ from: navigation.path, href: node.path });
        visit(node.children);
      }
    };
    visit(navigation.data);
  }
  const search = read('search.js', 'searchData');
  for (const row of search?.data.rows ?? []) {
    if (row.url) links.push({ from: search.path, href: row.url });
  }
  return links;
}

/**
 * Checks the site under `root`.
 *
 * @returns `{ pages, internal, external, broken }`, where `broken` lists
 *   `{ page, href, reason }` with `page` relative to `root`.
 */
export function checkSite(root) {
  root = resolve(root);
  const idCache = new Map();
  const idsOf = (file) => {
    if (!idCache.has(file)) {
      const ids = new Set();
      for (const [name, value] of attributes(readFileSync(file, 'utf8'))) {
        if (name === 'id' || name === 'name') ids.add(value);
      }
      idCache.set(file, ids);
    }
    return idCache.get(file);
  };

  const result = { pages: 0, internal: 0, external: 0, broken: [] };
  const check = (page, href, base) => {
    const fail = (reason) => result.broken.push({ page: relative(root, page), href, reason });
    if (/^(https?:)?\/\//i.test(href)) {
      result.external += 1;
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // mailto:, data:, javascript:, …
    result.internal += 1;
    const hashAt = href.indexOf('#');
    const pathPart = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
    const fragment = hashAt === -1 ? '' : href.slice(hashAt + 1);
    let target = page;
    if (pathPart !== '') {
      let decoded;
      try {
        decoded = decodeURIComponent(pathPart);
      } catch {
        return fail('malformed percent-encoding');
      }
      target = decoded.startsWith('/') ? join(root, decoded) : resolve(base, decoded);
      if (target !== root && !target.startsWith(root + sep)) return fail('points outside the site');
      if (!existsSync(target)) return fail('no such file');
      if (statSync(target).isDirectory()) {
        target = join(target, 'index.html');
        if (!existsSync(target)) return fail('directory without index.html');
      }
    }
    if (fragment === '') return;
    if (!['.html', '.htm', '.svg'].includes(extname(target).toLowerCase())) return;
    let id;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      return fail('malformed percent-encoding in the fragment');
    }
    if (!idsOf(target).has(id)) fail(`no id "${id}" in ${relative(root, target) || '.'}`);
  };

  for (const file of walk(root)) {
    if (!/\.html?$/i.test(file)) continue;
    result.pages += 1;
    const base = join(file, '..');
    for (const [name, value] of attributes(readFileSync(file, 'utf8'))) {
      if (name === 'href' || name === 'src') check(file, value.trim(), base);
    }
  }
  for (const { from, href } of typedocDataLinks(root)) check(from, href, root);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const defaultRoot = fileURLToPath(new URL('../../docs/api', import.meta.url));
  const root = resolve(process.argv[2] ?? defaultRoot);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`check-links: no site at ${root} (no index.html); run \`pnpm run docs\` first.`);
    process.exit(2);
  }
  const { pages, internal, external, broken } = checkSite(root);
  for (const { page, href, reason } of broken) console.error(`  ${page}: ${href} — ${reason}`);
  console.log(`checked ${pages} pages, ${internal} internal links, ${broken.length} broken`);
  console.log(`(${external} external http(s) links not checked)`);
  process.exit(broken.length > 0 ? 1 : 0);
}
