// Steps of post-build.mjs that make the build work offline:
// - hashWorkerFiles: gives the on-demand worker's files names that change with their content
//   (Trunk 0.21 hashes the page's files only), and tells the page the loader's name in a
//   <meta name="naungan-worker"> (src/ui/backup_worker.rs reads it). Two builds then never share
//   a file name but for the icons and manifest, so a tab of one build never loads another's code.
// - writeServiceWorker: sw.js from public/sw.js, listing every file of the build with its
//   SHA-384 (the worker checks each as it caches it), versioned by a hash of that list.
import { readFileSync, writeFileSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const WORKER = 'backup_worker';

export function hashWorkerFiles(dir) {
  const js = join(dir, `${WORKER}.js`);
  const wasm = join(dir, `${WORKER}_bg.wasm`);
  const loader = join(dir, `${WORKER}_loader.js`);
  const h = createHash('sha256').update(readFileSync(js)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
  const names = { js: `${WORKER}-${h}.js`, wasm: `${WORKER}-${h}_bg.wasm`, loader: `${WORKER}_loader-${h}.js` };
  let shim = readFileSync(loader, 'utf8');
  const expected = `importScripts("./${WORKER}.js");wasm_bindgen("./${WORKER}_bg.wasm");`;
  if (!shim.includes(expected)) throw new Error(`the worker's loader is not what Trunk 0.21 writes: ${shim}`);
  shim = shim.replace(expected, `importScripts("./${names.js}");wasm_bindgen("./${names.wasm}");`);
  writeFileSync(join(dir, names.loader), shim);
  renameSync(js, join(dir, names.js));
  renameSync(wasm, join(dir, names.wasm));
  unlinkSync(loader);
  const index = join(dir, 'index.html');
  let html = readFileSync(index, 'utf8');
  const meta = `<meta name="naungan-worker" content="/${names.loader}">`;
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  html = html.replace('</head>', `${meta}\n</head>`);
  writeFileSync(index, html);
  console.log(`service-worker: worker files named by their hash ${h}`);
}

function files(dir, root = dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f.startsWith('.')) return [];
    return statSync(p).isDirectory() ? files(p, root) : [relative(root, p)];
  });
}

export function writeServiceWorker(dir) {
  const assets = files(dir)
    .filter((f) => f !== 'sw.js')
    .sort()
    .map((f) => [`/${f.split('\\').join('/')}`, `sha384-${createHash('sha384').update(readFileSync(join(dir, f))).digest('base64')}`]);
  const build = createHash('sha256').update(JSON.stringify(assets)).digest('hex').slice(0, 16);
  const template = readFileSync(join(here, '..', 'public', 'sw.js'), 'utf8');
  if (!template.includes("'__BUILD__'") || !template.includes('__ASSETS__;')) throw new Error('public/sw.js lost its placeholders');
  const sw = template.replace("'__BUILD__'", JSON.stringify(build)).replace('__ASSETS__;', `${JSON.stringify(assets)};`);
  writeFileSync(join(dir, 'sw.js'), sw);
  console.log(`service-worker: build ${build}, ${assets.length} files precached`);
  return build;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Re-lists a build folder after its files were changed by hand (the update test makes a
  // second build this way).
  writeServiceWorker(process.argv[2] || 'dist');
}
