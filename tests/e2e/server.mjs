// A static server for the built app (dist/), on 127.0.0.1 only. Unknown paths get index.html,
// so deep links like /klien/<id> load the app (as `trunk serve` does). Text and WebAssembly go
// gzipped to a browser that accepts it, as any web server set up for the app would send them.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

/// `setRoot` serves another build from then on (the update test); `stop` takes the server off
/// the network for good, open connections included (the offline test).
export async function startServer(root, port = 0) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      file = join(root, 'index.html');
    }
    try {
      let body = await readFile(file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-store', vary: 'accept-encoding' };
      if (type !== 'image/png' && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = gzipSync(body, { level: 6 });
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const setRoot = (r) => { root = r; };
  const stop = () => { server.close(); server.closeAllConnections(); };
  return { server, url: `http://127.0.0.1:${server.address().port}`, setRoot, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  const { url } = await startServer(root, port);
  console.log(`Naungan is served at ${url} (Ctrl+C stops it)`);
}
