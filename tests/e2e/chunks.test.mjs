// The pages' code comes in chunks fetched on demand (src/ui/features/lazy.rs): the lock screen
// loads none of the office pages' code, a visit to one fetches it, and a chunk that cannot be
// fetched is said plainly on the page, which works again once it can be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, open, setUp, step } from './harness.mjs';

const chunk = (name) => new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm$`);
const go = (page, path) => page.evaluate((p) => {
  history.pushState(null, '', p);
  dispatchEvent(new PopStateEvent('popstate'));
}, path);

test('pages fetched on demand', async (t) => {
  // No service worker: every chunk is asked of the network, where the test can see and refuse it.
  const b = await open({ serviceWorkers: 'block' });
  const { page, url, context, errors } = b;
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  try {
    await step(t, page, 'the first load holds no page code; the everyday pages come after the lock screen, the office pages not', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok(!fetched.some((f) => chunk('office').test(f)), `office chunk fetched before any visit: ${fetched}`);
      await setUp(page, url);
      await page.getByRole('heading', { name: 'Selamat datang, Bu Ratna' }).waitFor();
      assert.ok(fetched.some((f) => chunk('daily').test(f)), 'the dashboard came from the everyday chunk');
      assert.ok(!fetched.some((f) => chunk('office').test(f)), 'the office chunk waits for its first visit');
    });

    await step(t, page, 'a chunk that cannot be fetched: a plain message, nothing else breaks', async () => {
      await context.route(chunk('office'), (route) => route.abort('internetdisconnected'));
      await page.click('#nav-backup');
      const banner = page.getByRole('alert').filter({ hasText: 'Bagian aplikasi untuk halaman ini gagal dimuat' });
      await banner.waitFor();
      assert.match(await banner.textContent(), /Tekan Coba lagi, atau muat ulang halaman \(F5\); data Anda tetap aman/);
      await page.getByRole('heading', { level: 1, name: 'Halaman ini belum bisa dibuka' }).waitFor();
      await checkA11y(page, 'chunk not loaded');
    });

    await step(t, page, 'once it can be fetched, "Coba lagi" opens the page (the failure is not kept)', async () => {
      await context.unroute(chunk('office'));
      await page.click('#page-retry');
      await page.getByRole('heading', { level: 1, name: 'Cadangan data' }).waitFor();
      assert.ok(fetched.some((f) => chunk('office').test(f)));
      await go(page, '/pengaturan');
      await page.locator('#nav-settings[aria-current="page"]').waitFor();
      await page.click('#nav-residents');
      await page.locator('#new-resident').waitFor();
    });
    // The refused fetch is the one error (the browser's own line, and the loader's).
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
  } finally {
    await b.close();
  }
});
