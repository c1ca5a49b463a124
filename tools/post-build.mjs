// Trunk post-build hook (Trunk.toml): the steps that rewrite the built files, one after the
// other because they all rewrite index.html; the service worker's list comes last, as it holds
// the hash of every file's final bytes.
import { splitWasm } from './split-wasm.mjs';
import { minifyGlue } from './minify-glue.mjs';
import { putCsp } from './csp.mjs';
import { deferApp } from './defer-app.mjs';
import { hashWorkerFiles, writeServiceWorker } from './service-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set (run as a Trunk hook, or pass the dist folder)');
splitWasm(dir);
await minifyGlue(dir);
hashWorkerFiles(dir);
deferApp(dir);
putCsp(dir);
writeServiceWorker(dir);
