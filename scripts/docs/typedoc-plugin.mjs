// The typedoc plugin of the API site (loaded by /typedoc.json). typedoc does the work; this
// only fills the gaps of the packages mode:
//
// 1. Document pages are named after the file's first `# heading` ("Batch normalization")
//    instead of their path ("docs/guides/batch-normalization"), grouped in the sidebar
//    (docs/guides/* under "Guides", apps/cli/README.md under "CLI", then the "Packages" that
//    typedoc calls "Modules"), and listed in the order in which the home page
//    (docs/README.md) links them, not alphabetically. The site shows one version, the
//    lockstep version of the packages.
// 2. Their URLs follow the repository, not the heading: docs/guides/optimizers.md is
//    guides/optimizers.html and apps/cli/README.md is apps/cli/README.html (router "deeptune",
//    the default "kind" router for everything else).
// 3. A relative link to a directory (`[@deeptune/cli](../../apps/cli)`, as GitHub renders
//    it) lands on that directory's README when the README is a page of the site, instead of
//    failing validation ("not a file").
// 4. A type reference to another deeptune package that resolved to its built `dist/*.d.ts`
//    (an import path missing from `packageOptions.compilerOptions.paths`) is reported: it
//    renders as plain text, which is how every cross-package link used to be lost.
// 5. typedoc links every class or interface page with a type hierarchy to its entry on
//    hierarchy.html ("View Summary"), but that page leaves out the hierarchies rooted in a
//    type alias (`StatefulSchedule extends LearningRateSchedule`): such a dead link is
//    dropped from the page.
// 6. In the guides and on the home page, inline code that names an export exactly once in the
//    project (`Dense`, `trainDevTestSplit`, `new Dense(…)`, `fit(model, …)`, `@deeptune/data/node`)
//    becomes a link to its page, so the Markdown stays plain for GitHub and the site still
//    links the API.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Application, KindRouter, PageEvent, ReflectionKind, makeRecursiveVisitor } from 'typedoc';

/** Sidebar group of a document, from its path relative to the repository root. */
const GROUPS = [
  { prefix: `docs${sep}guides${sep}`, group: 'Guides' },
  { prefix: `apps${sep}`, group: 'CLI' },
];

/** The default router, except that a project document's page follows its source path. */
class SiteRouter extends KindRouter {
  getIdealBaseName(reflection) {
    const file = reflection.isDocument() && reflection.project.files.getReflectionPath(reflection);
    if (!file) return super.getIdealBaseName(reflection);
    const path = relative(process.cwd(), file)
      .replace(/\.md$/i, '')
      .split(sep)
      .map((part) => this.getUrlSafeName(part));
    return (path[0] === 'docs' ? path.slice(1) : path).join('/');
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.defineRouter('deeptune', SiteRouter);
  app.on(Application.EVENT_PROJECT_REVIVE, (project) => {
    nameAndGroupDocuments(app, project);
    linkDirectoriesToReadmes(project);
    orderDocumentsAsTheHomePage(project);
    reportReferencesToBuiltDeclarations(app, project);
    // All @deeptune/* packages are versioned in lockstep: the site shows that one version.
    project.packageVersion ??= JSON.parse(
      readFileSync('packages/deeptune/package.json', 'utf8'),
    ).version;
  });
  // After typedoc's GroupPlugin (priority -100) has grouped the project's children.
  app.on(
    Application.EVENT_PROJECT_REVIVE,
    (project) => {
      const modules = project.groups?.find((group) => group.title === 'Modules');
      if (modules) modules.title = 'Packages';
    },
    -500,
  );
  app.renderer.on(PageEvent.END, dropDeadHierarchyLinks);
  app.renderer.on(PageEvent.END, (page) => linkInlineCode(app, page));
}

function nameAndGroupDocuments(app, project) {
  const root = process.cwd();
  for (const document of project.getReflectionsByKind(ReflectionKind.Document)) {
    const file = project.files.getReflectionPath(document);
    if (!file) continue;
    const text = document.content.map((part) => part.text).join('');
    const heading = /^# +(.+)$/m.exec(text);
    if (heading) document.name = heading[1].replace(/`/g, '').trim();
    const path = relative(root, file);
    const group = GROUPS.find((entry) => path.startsWith(entry.prefix))?.group;
    if (group && document.frontmatter.group === undefined) document.frontmatter.group = group;
  }
}

function orderDocumentsAsTheHomePage(project) {
  const rank = new Map();
  for (const part of project.readme ?? []) {
    if (part.kind !== 'relative-link' || part.target === undefined) continue;
    const target = project.files.resolve(part.target, project);
    if (typeof target === 'object' && target.isDocument() && !rank.has(target)) {
      rank.set(target, rank.size);
    }
  }
  const byRank = (a, b) =>
    a.isDocument() && b.isDocument() ? (rank.get(a) ?? rank.size) - (rank.get(b) ?? rank.size) : 0;
  project.documents?.sort(byRank);
  project.childrenIncludingDocuments?.sort(byRank);
}

function linkDirectoriesToReadmes(project) {
  const files = project.files;
  for (const path of files.getMediaPaths()) {
    if (!existsSync(path) || !statSync(path).isDirectory()) continue;
    const readme = files.pathToMedia.get(join(path, 'README.md').split(sep).join('/'));
    const target = readme === undefined ? undefined : files.resolve(readme, project);
    if (target && typeof target === 'object') files.registerReflectionPath(path, target);
  }
}

function reportReferencesToBuiltDeclarations(app, project) {
  const seen = new Set();
  let owner;
  const visitor = makeRecursiveVisitor({
    reference(type) {
      const id = type.symbolId;
      if (type.reflection || !id || !/(^|\/)dist\//.test(id.packagePath)) return;
      if (seen.has(type.qualifiedName)) return;
      seen.add(type.qualifiedName);
      app.logger.warn(
        `docs: ${owner.getFriendlyFullName()} refers to ${type.qualifiedName} in ` +
          `${id.packageName}/${id.packagePath} (built declarations), so its link is lost. ` +
          'Map that import path to the sources in packageOptions.compilerOptions.paths of typedoc.json.',
      );
    },
  });
  for (const reflection of Object.values(project.reflections)) {
    owner = reflection;
    for (const type of [
      reflection.type,
      ...(reflection.extendedTypes ?? []),
      ...(reflection.implementedTypes ?? []),
    ]) {
      type?.visit(visitor);
    }
  }
}

/** The classes and interfaces that hierarchy.html lists (the same rule as typedoc's theme). */
const hierarchyCache = new WeakMap();
function hierarchyMembers(project) {
  if (hierarchyCache.has(project)) return hierarchyCache.get(project);
  const linked = (type) => type.type === 'reference' && type.reflection !== undefined;
  const members = new Set();
  const add = (reflection) => {
    if (members.has(reflection)) return;
    members.add(reflection);
    for (const type of [...(reflection.extendedBy ?? []), ...(reflection.implementedBy ?? [])]) {
      if (type.reflection) add(type.reflection);
    }
  };
  for (const reflection of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
    if (!reflection.extendedBy && !reflection.implementedBy) continue;
    const parents = [...(reflection.extendedTypes ?? []), ...(reflection.implementedTypes ?? [])];
    if (!parents.some(linked)) add(reflection);
  }
  hierarchyCache.set(project, members);
  return members;
}

function dropDeadHierarchyLinks(page) {
  const model = page.model;
  if (!page.contents || !model?.kindOf?.(ReflectionKind.ClassOrInterface)) return;
  if (hierarchyMembers(model.project).has(model)) return;
  const anchor = model.getFullName().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  page.contents = page.contents.replace(
    new RegExp(` ?\\(<a href="[^"]*hierarchy\\.html#${anchor}">[^<]*</a>\\)`, 'g'),
    '',
  );
}

/** Kinds whose pages inline code may link to. */
const LINKABLE =
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.Function |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum;

const targetCache = new WeakMap();
/** Import path or export name → its reflection, for the names that occur exactly once. */
function linkTargets(project) {
  if (targetCache.has(project)) return targetCache.get(project);
  const byName = new Map();
  const add = (name, reflection) => byName.set(name, [...(byName.get(name) ?? []), reflection]);
  for (const reflection of Object.values(project.reflections)) {
    if (reflection.kindOf(ReflectionKind.Module)) {
      const parent = reflection.parent?.kindOf(ReflectionKind.Module) ? reflection.parent.name : '';
      add(parent ? `${parent}/${reflection.name}` : reflection.name, reflection);
    } else if (reflection.kindOf(LINKABLE) && reflection.parent?.kindOf(ReflectionKind.Module)) {
      add(reflection.name, reflection);
    }
  }
  const unique = new Map(
    [...byName].filter(([, found]) => found.length === 1).map(([name, [r]]) => [name, r]),
  );
  targetCache.set(project, unique);
  return unique;
}

/** `name`, `name()`, `name(arguments)` or `new Name(arguments)`: the name it calls or is. */
const CODE_NAME = /^(?:new )?(@?[A-Za-z_$][\w$/.-]*?)(?:\(.*\))?$/s;

function linkInlineCode(app, page) {
  const model = page.model;
  if (!page.contents || !(model?.isProject?.() || model?.isDocument?.())) return;
  const file = model.isDocument() ? model.project.files.getReflectionPath(model) : undefined;
  if (file && !relative(process.cwd(), file).startsWith(`docs${sep}`)) return; // the CLI pages name commands
  const project = model.isProject() ? model : model.project;
  const targets = linkTargets(project);
  const router = app.renderer.router;
  let anchors = 0;
  let blocks = 0;
  page.contents = page.contents.replace(
    /<(\/?)(a|pre)\b[^>]*>|<code>([^<]*)<\/code>/g,
    (match, closing, tag, code) => {
      if (tag) {
        const depth = closing ? -1 : 1;
        if (tag === 'a') anchors += depth;
        else blocks += depth;
        return match;
      }
      if (anchors > 0 || blocks > 0) return match;
      const text = code.replace(/&amp;/g, '&');
      const name = CODE_NAME.exec(text)?.[1];
      // A bare lower-case word (`seed`, `max`, `momentum`, `evaluate`) is as often an option,
      // a key or a CLI command as the export of that name: only calls, import paths and names
      // with a capital (`Dense`, `trainDevTestSplit`) are linked.
      const explicit = text.includes('(') || name?.startsWith('@') || /[A-Z]/.test(name ?? '');
      const target = name === undefined || !explicit ? undefined : targets.get(name);
      if (!target || !router.hasUrl(target)) return match;
      return `<a href="${router.relativeUrl(model, target)}">${match}</a>`;
    },
  );
}
