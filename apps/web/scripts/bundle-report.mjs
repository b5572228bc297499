#!/usr/bin/env node
/**
 * After `vite build`: prints the gzipped size of every file of the built site (scripts, styles,
 * the bundled MNIST subset) and their total, and fails when a bundle refers to a Node built-in module (the demo
 * must run in a browser with nothing from Node).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));

function filesUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
// An import or require of `node:x` or of a bare built-in name (`fs`, `worker_threads`, …).
const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

const rows = [];
const offenders = [];
for (const path of filesUnder(dist)) {
  const bytes = readFileSync(path);
  rows.push({
    file: relative(dist, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  });
  if (path.endsWith('.js')) {
    for (const match of bytes.toString('utf8').matchAll(importPattern)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || builtins.has(specifier)) {
        offenders.push(`${relative(dist, path)} imports ${specifier}`);
      }
    }
  }
}
rows.sort((a, b) => b.gzip - a.gzip);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('\nweb demo bundle (gzip -9):');
for (const row of rows)
  console.log(
    `  ${row.file.padEnd(48)} ${kib(row.raw).padStart(11)}  gzip ${kib(row.gzip).padStart(10)}`,
  );
const sum = (list) =>
  list.reduce((total, row) => ({ raw: total.raw + row.raw, gzip: total.gzip + row.gzip }), {
    raw: 0,
    gzip: 0,
  });
const code = sum(rows.filter((row) => /\.(js|css|html)$/.test(row.file)));
const all = sum(rows);
console.log(
  `  ${'total of scripts, styles and HTML'.padEnd(48)} ${kib(code.raw).padStart(11)}  gzip ${kib(code.gzip).padStart(10)}`,
);
console.log(
  `  ${'total, data included'.padEnd(48)} ${kib(all.raw).padStart(11)}  gzip ${kib(all.gzip).padStart(10)}`,
);
if (offenders.length > 0) {
  console.error(`\nThe bundle refers to Node built-in modules:\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.log('  no Node built-in modules');
