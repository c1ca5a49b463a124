// First-load bytes: what the built index.html loads (html, js, wasm, css), each gzipped at level
// 9; and the whole app (every file of the build, the on-demand worker included). A growth budget,
// not a wall: scripts/test.sh prints the figure after every release build with the change since
// the previous one on this machine; `make bench` sets them against the ceiling for the whole app
// with every planned feature in (tests/bench/bench.mjs).
//   node tools/first-load.mjs [DIST]
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CEILING_KB = 800;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

export function firstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = ['index.html', ...[...html.matchAll(/(?:href|src|module_or_path:\s*)=?\s*['"]\/([^'"]+\.(?:js|wasm|css))['"]/g)].map((m) => m[1])];
  // And the modules those import (the glue imports the loader of the pages fetched on demand).
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/(?:import|from)\s*['"]\.\/([^'"]+\.js)['"]/g)) files.push(m[1]);
  }
  const sizes = [...new Set(files)].map((f) => [f, gz(join(dist, f))]);
  return { sizes, total: sizes.reduce((a, [, n]) => a + n, 0) };
}

export function wholeApp(dist) {
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return walk(dist).reduce((a, f) => a + gz(f), 0);
}

// The previous release build's figure on this machine (the shared cache outlives clones).
const LAST = join(process.env.NAUNGAN_CACHE || join(homedir(), '.cache', 'naungan'), 'first-load.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || 'dist';
  const kb = firstLoad(dist).total / 1024;
  const all = wholeApp(dist) / 1024;
  let change = 'no earlier release build measured on this machine';
  if (existsSync(LAST)) {
    const before = JSON.parse(readFileSync(LAST, 'utf8'));
    const d = kb - before.first_load_kb;
    change = `${d >= 0 ? '+' : ''}${d.toFixed(1)} KB against the previous release build (${before.first_load_kb.toFixed(1)} KB)`;
  }
  mkdirSync(dirname(LAST), { recursive: true });
  writeFileSync(LAST, JSON.stringify({ first_load_kb: kb, whole_app_kb: all }));
  console.log(`first-load bytes (gzip): ${kb.toFixed(1)} KB of the ${CEILING_KB} KB ceiling (make bench), ${change}; whole app ${all.toFixed(1)} KB (the backup worker and the pages fetched on demand included)`);
}
