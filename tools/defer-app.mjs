// A step of post-build.mjs: the app's WebAssembly is asked for only once the entry screen
// (static HTML in index.html) has been painted (Trunk's preload of it is taken out), so on a slow connection its 400-odd KB never
// compete with the page's own bytes for the first paint. A tab in the background, which paints
// no frames, starts it after half a second.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function deferApp(dir) {
  const file = join(dir, 'index.html');
  let html = readFileSync(file, 'utf8');
  const preload = /<link rel="preload" href="\/[^"]+_bg\.wasm"[^>]*>/;
  if (!preload.test(html)) throw new Error("index.html lost Trunk's preload of the app's wasm");
  html = html.replace(preload, '');
  const start = /\nconst wasm = await init\(/;
  if (!start.test(html)) throw new Error("index.html lost Trunk's `const wasm = await init(` line");
  const wait = '\nawait new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 500); });';
  writeFileSync(file, html.replace(start, `${wait}\nconst wasm = await init(`));
  console.log('defer-app: the app loads after the first paint');
}
