// Tests of the docs scripts on tiny fixtures written to a temporary directory.
//   node --test scripts/docs/
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { checkSite } from './check-links.mjs';
import { countExamples } from './count-examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'deeptune-docs-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `files` ({ relative path: text }) under a fresh directory and returns it. */
function site(name, files) {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const page = (body) =>
  `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
const typedocData = (variable, data) =>
  `window.${variable} = "${deflateSync(Buffer.from(JSON.stringify(data))).toString('base64')}"`;

const healthy = {
  'index.html': page(`
    <a href="classes/Tensor.html">Tensor</a>
    <a href="classes/Tensor.html#shape">shape</a>
    <a href='./guides/'>guides</a>
    <a href="#top" id="top">top</a>
    <a href="">this page</a>
    <a href="classes/Tensor.html?x=1#sh%61pe">encoded fragment</a>
    <a href="https://example.com/">external</a>
    <a href="//cdn.example.com/x.js">protocol-relative</a>
    <a href="mailto:someone@example.com">mail</a>
    <img src="assets/logo.svg#mark">
    <script>const html = '<a href="missing.html">not markup</a>';</script>
    <!-- <a href="also-missing.html"> -->
    <pre><code>&lt;a href="escaped-text.html"&gt;</code></pre>`),
  'classes/Tensor.html': page(`<h2 id="shape">shape</h2><a href="../index.html#top">up</a>
    <a href="/guides/index.html">root-relative</a>`),
  'guides/index.html': page('<a href="../classes/Tensor.html">Tensor</a>'),
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><g id="mark"></g></svg>',
  'assets/navigation.js': typedocData('navigationData', [
    {
      text: 'Tensor',
      path: 'classes/Tensor.html',
      children: [{ text: 'shape', path: 'classes/Tensor.html#shape' }],
    },
  ]),
  'assets/search.js': typedocData('searchData', {
    rows: [{ name: 'Tensor', url: 'classes/Tensor.html' }],
  }),
};

describe('checkSite', () => {
  it('passes a site whose internal links all resolve, and counts the external ones', () => {
    const result = checkSite(site('healthy', healthy));
    assert.deepEqual(result.broken, []);
    assert.equal(result.pages, 3);
    assert.equal(result.external, 2);
    // 7 in index.html, 2 in Tensor.html, 1 in guides/index.html, 2 + 1 in the typedoc data
    assert.equal(result.internal, 13);
  });

  it('reports missing files, missing fragments, escapes and broken sidebar entries', () => {
    const root = site('broken', {
      ...healthy,
      'index.html': page(`
        <h1 id="top">still the target of classes/Tensor.html</h1>
        <a href="classes/Missing.html">missing page</a>
        <a href="classes/Tensor.html#dtype">missing fragment</a>
        <a href="#nowhere">missing local fragment</a>
        <a href="../outside.html">outside</a>
        <a href="guides">directory with index.html</a>
        <a href="assets">directory without index.html</a>
        <a href="%E0%A4%A">bad encoding</a>
        <img src="assets/logo.svg#nomark">
        <a href="https://example.com/missing.html">external, not checked</a>`),
      'assets/navigation.js': typedocData('navigationData', [
        { text: 'Gone', path: 'classes/Gone.html' },
      ]),
    });
    const { broken } = checkSite(root);
    assert.deepEqual(
      broken.map(({ page: from, href, reason }) => [from, href, reason.split(' ')[0]]),
      [
        ['index.html', 'classes/Missing.html', 'no'],
        ['index.html', 'classes/Tensor.html#dtype', 'no'],
        ['index.html', '#nowhere', 'no'],
        ['index.html', '../outside.html', 'points'],
        ['index.html', 'assets', 'directory'],
        ['index.html', '%E0%A4%A', 'malformed'],
        ['index.html', 'assets/logo.svg#nomark', 'no'],
        [join('assets', 'navigation.js'), 'classes/Gone.html', 'no'],
      ],
    );
  });

  it('exits 1 and prints the summary line when a link is broken, 0 when none is', () => {
    const script = join(here, 'check-links.mjs');
    const bad = spawnSync(process.execPath, [script, join(scratch, 'broken')], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /^checked 3 pages, \d+ internal links, 8 broken$/m);
    assert.match(bad.stderr, /index\.html: classes\/Missing\.html — no such file/);
    const good = spawnSync(process.execPath, [script, join(scratch, 'healthy')], {
      encoding: 'utf8',
    });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^checked 3 pages, 13 internal links, 0 broken$/m);
  });

  it('exits 2 when there is no site', () => {
    const script = join(here, 'check-links.mjs');
    const none = spawnSync(process.execPath, [script, join(scratch, 'nothing')], {
      encoding: 'utf8',
    });
    assert.equal(none.status, 2);
  });
});

describe('countExamples', () => {
  const example = { blockTags: [{ tag: '@example', content: [] }] };
  const project = {
    name: 'site',
    children: [
      {
        kind: 2,
        name: '@deeptune/optimizers',
        children: [
          { kind: 64, name: 'adam', signatures: [{ comment: example }] },
          { kind: 64, name: 'adamw', signatures: [{ comment: { summary: [] } }] },
          { kind: 128, name: 'Optimizer', comment: example, children: [] },
          {
            kind: 128,
            name: 'Schedule',
            children: [{ name: 'constructor', signatures: [{ comment: example }] }],
          },
          { kind: 128, name: 'Bare', children: [] },
          {
            kind: 32,
            name: 'register',
            type: { type: 'reflection', declaration: { signatures: [{}] } },
          },
          { kind: 32, name: 'plugin', type: { type: 'reference' } },
          { kind: 256, name: 'AdamOptions' },
          { kind: 2, name: 'node', children: [{ kind: 64, name: 'readIdx', comment: example }] },
        ],
      },
    ],
  };

  it('counts functions, classes and callable variables, with and without an example', () => {
    assert.deepEqual(
      countExamples(project).map(
        ({ module, name, kind, example: has }) => `${module} ${name} ${kind} ${has}`,
      ),
      [
        '@deeptune/optimizers adam function true',
        '@deeptune/optimizers adamw function false',
        '@deeptune/optimizers Optimizer class true',
        '@deeptune/optimizers Schedule class true',
        '@deeptune/optimizers Bare class false',
        '@deeptune/optimizers register function false',
        '@deeptune/optimizers/node readIdx function true',
      ],
    );
  });

  it('exits 1 listing the exports without an example', () => {
    const file = join(scratch, 'api.json');
    writeFileSync(file, JSON.stringify(project));
    const run = spawnSync(process.execPath, [join(here, 'count-examples.mjs'), file], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /7 exported functions and classes: 4 with an @example, 3 without/);
    assert.match(run.stderr, /@deeptune\/optimizers: adamw \(function\)/);
  });
});
