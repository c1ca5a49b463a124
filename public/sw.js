// Naungan's service worker: keeps one exact build of the app on this laptop, so it opens and
// works with no network. tools/service-worker.mjs (the post-build hook) fills in BUILD and
// ASSETS: every file of the build with its SHA-384, so a cache is either the whole of one build
// or nothing (a file the server has already replaced fails its integrity check, and the install
// is abandoned and tried again later).
//
// It requests nothing but this origin's own files, and only while installing a build.
// An update waits until the user accepts it on a page ("Versi baru tersedia"); the build before
// the current one is kept too, so a tab still open on it can load its on-demand files (worker
// file names are hashed per build, so two builds never share a name but for the icons and
// manifest).
const BUILD = '__BUILD__';
const ASSETS = __ASSETS__;
const CACHE = `naungan-${BUILD}`;
const PREFIX = 'naungan-';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      for (const [path, integrity] of ASSETS) {
        const res = await fetch(path, { integrity, cache: 'no-store', credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
        await cache.put(path, res);
      }
    } catch (e) {
      await caches.delete(CACHE);
      throw e;
    }
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-update') self.skipWaiting();
  if (event.data === 'build' && event.source) event.source.postMessage({ build: BUILD });
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
    for (const name of older.slice(0, -1)) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function fromCache(request, path, navigate) {
  const own = await caches.open(CACHE);
  const hit = (await own.match(path))
    || (navigate ? await own.match('/index.html') : await caches.match(path));
  return hit || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const navigate = request.mode === 'navigate';
  event.respondWith(fromCache(request, navigate && url.pathname === '/' ? '/index.html' : url.pathname, navigate));
});
