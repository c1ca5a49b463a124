// Puts a strict Content-Security-Policy into the built index.html (a step of post-build.mjs).
// The policy allows this origin only: no other host can be reached for scripts, styles, images,
// fonts or connections. Trunk's inline loader script is allowed by its SHA-256 hash.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function putCsp(dir) {
  const file = join(dir, 'index.html');
  let html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  const marker = /<!-- CSP_PLACEHOLDER[^>]*-->/;
  if (!marker.test(html)) throw new Error('index.html lost its CSP_PLACEHOLDER comment');
  html = html.replace(marker, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  writeFileSync(file, html);
  console.log(`csp: ${hashes.length} inline script(s) hashed`);
}
