// A step of post-build.mjs: cuts the pages fetched on demand (the features' `wasm_split`
// functions, src/ui/features/lazy.rs) out of the page's wasm, so the first load holds the lock
// screen, the store and the pages everyone opens, and each other feature comes when first
// visited. Trunk 0.21 knows nothing of wasm-split, so this step redoes from cargo's output what
// Trunk did for the page's module: wasm-split-cli, then wasm-bindgen (keeping the exports the
// chunks link against), then wasm-opt on every module; the results take the place of Trunk's
// files under Trunk's names, and index.html's integrity hash for the glue is corrected.
// The chunks and their loader get names from their content, as every other file has.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'naungan';
const LINK = '__wasm_split.js';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const sha = (bytes, alg = 'sha256') => createHash(alg).update(bytes).digest();
const integrity = (bytes) => `sha384-${sha(bytes, 'sha384').toString('base64')}`;

export function splitWasm(dir) {
  const profile = process.env.TRUNK_PROFILE || 'release';
  const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
  const raw = join(target, 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
  if (!existsSync(raw)) throw new Error(`split-wasm: cargo's output ${raw} is not there`);
  const files = readdirSync(dir);
  const glue = files.filter((f) => new RegExp(`^${BIN}-[0-9a-f]+\\.js$`).test(f));
  if (glue.length !== 1) throw new Error(`split-wasm: expected Trunk's one ${BIN}-<hash>.js, found ${glue.length}`);
  const stem = glue[0].replace(/\.js$/, '');
  if (!files.includes(`${stem}_bg.wasm`)) throw new Error(`split-wasm: Trunk's ${stem}_bg.wasm is not there`);

  const tmp = mkdtempSync(join(tmpdir(), 'naungan-split-'));
  try {
    run('wasm-split-cli', ['--out-name', stem, raw, tmp]);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript', '--out-name', stem, '--out-dir', tmp, join(tmp, `${stem}.wasm`)]);
    const opt = (from, to) => {
      if (profile === 'release') run('wasm-opt', ['-Oz', from, '-o', to]);
      else writeFileSync(to, readFileSync(from));
    };
    // The chunks (split_<name>, and chunk_<n> for code two of them share), named by their
    // content; the loader names them as it fetches them.
    let link = readFileSync(join(tmp, LINK), 'utf8');
    const all = readdirSync(tmp).filter((f) => /^(split_.+|chunk_\d+)\.wasm$/.test(f)).sort();
    const chunks = all.filter((f) => f.startsWith('split_'));
    if (chunks.length === 0) throw new Error('split-wasm: wasm-split-cli made no chunk (no #[wasm_split] page?)');
    for (const c of all) {
      opt(join(tmp, c), join(tmp, `${c}.opt`));
      const bytes = readFileSync(join(tmp, `${c}.opt`));
      const named = c.replace(/\.wasm$/, `-${sha(bytes).toString('hex').slice(0, 16)}.wasm`);
      if (!link.includes(`"./${c}"`)) throw new Error(`split-wasm: the loader does not fetch ${c}`);
      link = link.split(`"./${c}"`).join(`"./${named}"`);
      writeFileSync(join(dir, named), bytes);
    }
    const linkName = LINK.replace(/\.js$/, `-${sha(link).toString('hex').slice(0, 16)}.js`);
    writeFileSync(join(dir, linkName), link);
    // The glue imports the loader; index.html holds the glue's integrity hash.
    let js = readFileSync(join(tmp, `${stem}.js`), 'utf8');
    // (The module's own import names stay: only the file the glue imports them from changes.)
    const from = `from "./${LINK}"`;
    if (!js.includes(from)) throw new Error("split-wasm: wasm-bindgen's glue does not import the chunks' loader");
    js = js.split(from).join(`from "./${linkName}"`);
    const index = join(dir, 'index.html');
    const before = readFileSync(join(dir, glue[0]));
    let html = readFileSync(index, 'utf8');
    if (!html.includes(integrity(before))) throw new Error(`split-wasm: index.html holds no integrity hash of ${glue[0]}`);
    html = html.split(integrity(before)).join(integrity(Buffer.from(js, 'utf8')));
    writeFileSync(join(dir, glue[0]), js);
    writeFileSync(index, html);
    opt(join(tmp, `${stem}_bg.wasm`), join(dir, `${stem}_bg.wasm`));
    console.log(`split-wasm: pages fetched on demand in ${chunks.length} chunk(s) (${chunks.map((c) => c.replace(/^split_|\.wasm$/g, '')).join(', ')}), with ${all.length - chunks.length} they share`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
