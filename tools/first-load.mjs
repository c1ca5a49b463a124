// First-load bytes: what the built index.html loads (html, js, wasm, css), each gzipped at level
// 9, as the benchmark's first figure counts them. Used by tests/bench/bench.mjs, and by
// scripts/test.sh to print the figure after every release build (a report, not a test: the
// budget is a benchmark target).
//   node tools/first-load.mjs [DIST]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUDGET_KB = 450;

export function firstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = ['index.html', ...[...html.matchAll(/(?:href|src|module_or_path:\s*)=?\s*['"]\/([^'"]+\.(?:js|wasm|css))['"]/g)].map((m) => m[1])];
  const sizes = [...new Set(files)].map((f) => [f, gzipSync(readFileSync(join(dist, f)), { level: 9 }).length]);
  return { sizes, total: sizes.reduce((a, [, n]) => a + n, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { total } = firstLoad(process.argv[2] || 'dist');
  const kb = total / 1024;
  const left = BUDGET_KB - kb;
  console.log(`first-load bytes (gzip): ${kb.toFixed(1)} KB of the ${BUDGET_KB} KB budget` +
    (left >= 0 ? ` (${left.toFixed(1)} KB left)` : ` (OVER by ${(-left).toFixed(1)} KB: see docs/benchmarks.md)`));
}
