// The app as a shelter gets it: opened once from its address, then installed and used for
// months with no network. After one visit the network goes (the server is stopped and the
// browser is offline), the page is closed, and the address opened again still unlocks, saves
// and runs the backup worker. Chromium finds nothing missing to install it; and a new build
// is offered, not forced: the tab on a form keeps what was typed until the user accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, fillResident, offlineReady, open, setUp, step, unlock } from './harness.mjs';
import { writeServiceWorker } from '../../tools/service-worker.mjs';

test('installed and offline', async (t) => {
  const b = await open({ persistent: true });
  const { page, url, context, requests, errors } = b;
  try {
    await step(t, page, 'the first visit keeps the whole build and can be installed', async () => {
      await setUp(page, url);
      await offlineReady(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, [], 'Chromium would offer to install the app');
      const manifest = await cdp.send('Page.getAppManifest');
      assert.equal(manifest.errors.length, 0, JSON.stringify(manifest.errors));
      assert.match(manifest.data, /"display": "standalone"/);
      await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
      await page.locator('#offline-status').filter({ hasText: 'bisa dibuka tanpa jaringan' }).waitFor();
    });

    let again;
    await step(t, page, 'the network goes, the page is closed, the address opened again', async () => {
      b.stop();
      await context.setOffline(true);
      await page.close();
      again = await context.newPage();
      again.on('pageerror', (e) => errors.push(String(e)));
      again.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await again.goto(`${url}/klien`);
    });

    await step(t, again, 'offline, the app unlocks, saves and makes a backup', async () => {
      await again.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await unlock(again);
      await fillResident(again, 'Siti Aminah');
      // A backup runs in the on-demand worker, loaded from the cache too.
      await again.getByRole('link', { name: 'Cadangan', exact: true }).click();
      await again.fill('#backup_pass', 'cadangan tanpa jaringan');
      await again.fill('#backup_pass_again', 'cadangan tanpa jaringan');
      const download = again.waitForEvent('download', { timeout: 60000 });
      await again.click('#export-submit');
      assert.match((await download).suggestedFilename(), /\.age$/);
      assert.deepEqual(errors, [], 'no script or worker failed to load offline');
      assert.deepEqual(requests.filter((r) => !r.startsWith(url)), [], 'nothing but this origin was asked for');
    });
  } finally {
    await b.close();
  }
});

/// A second build made from the first: its index.html differs (so every cached file is listed
/// again under a new build number), as a real new release's would.
function buildB() {
  const dir = mkdtempSync(join(tmpdir(), 'naungan-build-b-'));
  cpSync(DIST, dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '<meta name="naungan-test-build" content="B">\n</head>'));
  return { dir, build: writeServiceWorker(dir) };
}

const testBuild = (page) => page.evaluate(() => document.querySelector('meta[name=naungan-test-build]')?.content || 'A');

test('a new build is offered, never forced', async (t) => {
  const b = await open();
  const { page: tab1, url, context } = b;
  let tab2;
  let built;
  try {
    await step(t, tab1, 'build A is in use, with a form half filled', async () => {
      await setUp(tab1, url);
      await offlineReady(tab1);
      await tab1.getByRole('link', { name: 'Klien', exact: true }).click();
      await tab1.click('#new-resident');
      await tab1.fill('#full_name', 'Dewi Lestari');
      assert.equal(await testBuild(tab1), 'A');
    });

    await step(t, tab1, 'build B arrives in the background: the form tab is told, and keeps its form', async () => {
      built = buildB();
      b.setRoot(built.dir);
      // Opening the app in another tab makes the browser look for a new build.
      tab2 = await context.newPage();
      await tab2.goto(url);
      await tab1.locator('#build-notice').filter({ hasText: 'Versi baru tersedia' }).waitFor({ timeout: 30000 });
      assert.equal(await tab1.inputValue('#full_name'), 'Dewi Lestari', 'the form is as it was');
      assert.equal(await testBuild(tab2), 'A', 'the other tab opened on build A: nothing of B runs until accepted');
    });

    await step(t, tab1, 'accepting reloads into build B; the other tab is told, not reloaded', async () => {
      await tab1.click('#build-reload');
      await tab1.waitForFunction(() => document.querySelector('meta[name=naungan-test-build]'), null, { timeout: 30000 });
      await tab1.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await unlock(tab1);
      assert.equal(await testBuild(tab1), 'B');
      await tab2.locator('#build-notice').filter({ hasText: 'Versi baru sudah dipakai di tab lain' }).waitFor({ timeout: 30000 });
      assert.equal(await testBuild(tab2), 'A');
      const names = await tab1.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('naungan-')));
      assert.equal(names.length, 2, `build A's files are kept for the tab still on it: ${names}`);
    });
  } finally {
    await b.close();
    if (built) rmSync(built.dir, { recursive: true, force: true });
  }
});
