// Counts the exported functions and classes of the API site that have an `@example`, from
// the typedoc JSON that `pnpm run docs` writes next to the HTML (docs/api/api.json).
//
//   node scripts/docs/count-examples.mjs [docs/api/api.json]
//
// Counted: every function, every class, and every variable whose type is callable
// (`export const register = plugin.register`), in every package and subpath module
// (`@deeptune/data/node`). Not counted: interfaces, type aliases, constants, methods.
// A function has an example when its comment or one of its signatures' comments has an
// `@example` block; a class, when its comment or its constructor's has one.
// Prints both numbers, lists the exports without an example, and exits 1 if there are any.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// typedoc's ReflectionKind values (stable across typedoc's JSON schema versions since 0.23).
const KIND = { Project: 1, Module: 2, Namespace: 4, Variable: 32, Function: 64, Class: 128 };

const hasExample = (comment) => (comment?.blockTags ?? []).some((tag) => tag.tag === '@example');

function callableSignatures(reflection) {
  if (reflection.kind === KIND.Function) return reflection.signatures ?? [];
  if (reflection.kind === KIND.Class) {
    const constructor = reflection.children?.find((child) => child.name === 'constructor');
    return constructor?.signatures ?? [];
  }
  const declaration = reflection.type?.type === 'reflection' ? reflection.type.declaration : {};
  return declaration.signatures ?? [];
}

/**
 * The counted exports of a typedoc JSON project.
 *
 * @returns `[{ module, name, kind, example }]`, `module` being the import path
 *   (`@deeptune/data/node`) and `kind` one of `function`, `class`.
 */
export function countExamples(project) {
  const found = [];
  const visit = (container, modulePath) => {
    for (const child of container.children ?? []) {
      if (child.kind === KIND.Module || child.kind === KIND.Namespace) {
        visit(child, modulePath ? `${modulePath}/${child.name}` : child.name);
        continue;
      }
      const callable = callableSignatures(child);
      const counted =
        child.kind === KIND.Function ||
        child.kind === KIND.Class ||
        (child.kind === KIND.Variable && callable.length > 0);
      if (!counted) continue;
      found.push({
        module: modulePath || project.name,
        name: child.name,
        kind: child.kind === KIND.Class ? 'class' : 'function',
        example: hasExample(child.comment) || callable.some((s) => hasExample(s.comment)),
      });
    }
  };
  visit(project, '');
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = resolve(
    process.argv[2] ?? fileURLToPath(new URL('../../docs/api/api.json', import.meta.url)),
  );
  if (!existsSync(file)) {
    console.error(`count-examples: no ${file}; run \`pnpm run docs\` first.`);
    process.exit(2);
  }
  const exports = countExamples(JSON.parse(readFileSync(file, 'utf8')));
  const missing = exports.filter((entry) => !entry.example);
  for (const { module, name, kind } of missing) console.error(`  ${module}: ${name} (${kind})`);
  console.log(
    `${exports.length} exported functions and classes: ${exports.length - missing.length} with an @example, ${missing.length} without`,
  );
  process.exit(missing.length > 0 ? 1 : 0);
}
