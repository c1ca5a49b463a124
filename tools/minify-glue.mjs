// Minifies the JavaScript that wasm-bindgen writes beside each WebAssembly module (a step of
// post-build.mjs), and corrects the Subresource Integrity hash index.html holds for it.
// Trunk 0.21's own --minify leaves this glue alone; terser takes the page's 11.3 KB (gzip) to
// about 8.9 KB. Names the WebAssembly imports by are object keys, which terser keeps.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

export async function minifyGlue(dir) {
  const file = join(dir, 'index.html');
  let html = readFileSync(file, 'utf8');
  // wasm-bindgen's glue for the page: a .js file with a _bg.wasm of the same stem, that
  // index.html loads (an ES module). The worker's glue is a classic script whose top-level
  // names the worker's loader uses, and not part of the first load: it stays as it is.
  const files = readdirSync(dir);
  const glue = files.filter(
    (f) => f.endsWith('.js') && files.includes(f.replace(/\.js$/, '_bg.wasm')) && html.includes(`/${f}`),
  );
  if (glue.length !== 1) throw new Error(`expected the page's one wasm-bindgen module, found ${glue.length}`);
  const [f] = glue;
  const path = join(dir, f);
  const before = readFileSync(path, 'utf8');
  const out = await minify(before, { module: true, compress: true, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error(`terser gave nothing for ${f}`);
  writeFileSync(path, out.code);
  const integrity = (text) => `sha384-${createHash('sha384').update(text, 'utf8').digest('base64')}`;
  if (html.includes('integrity=') && !html.includes(integrity(before))) {
    throw new Error(`index.html loads ${f} but holds no integrity hash of it to correct`);
  }
  html = html.split(integrity(before)).join(integrity(out.code));
  console.log(`minify-glue: ${f} ${before.length} -> ${out.code.length} bytes`);
  writeFileSync(file, html);
}
