// The entry screen paints before the app's code arrives (a phone hotspot takes seconds for it):
// here the WebAssembly is held back until the test lets it through. What is typed on the static
// screen, where the focus was, the language chosen there, and a submit made while waiting all
// carry over to the app, which acts on the submit once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASS, checkA11y, open, step, unlock } from './harness.mjs';

/// Holds every .wasm request until `release()`; `held()` says whether one is waiting.
async function holdWasm(context) {
  let open = null;
  let gate = new Promise((ok) => { open = ok; });
  let waiting = 0;
  await context.route('**/*.wasm', async (route) => {
    waiting++;
    await gate;
    await route.continue();
  });
  return {
    held: () => waiting > 0,
    release: () => open(),
    again: () => { waiting = 0; gate = new Promise((ok) => { open = ok; }); },
  };
}

test('the entry screen before the app has loaded', async (t) => {
  // No service worker: every load goes to the (held) network, as a first visit does.
  const b = await open({ serviceWorkers: 'block' });
  const { page, url, context, errors } = b;
  const wasm = await holdWasm(context);
  try {
    await step(t, page, 'set-up is painted at once, typed into, and submitted before the app is there', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
      assert.ok(wasm.held(), 'the app code has not arrived');
      assert.equal(await page.locator('#boot').count(), 1, 'this is the static screen');
      await page.fill('#shelter_name', 'UPT Rehabilitasi Sosial Bina Karya Wanita');
      await page.fill('#staff_name', 'Bu Ratna');
      await page.fill('#passphrase', PASS);
      await page.fill('#passphrase_again', PASS);
      await page.press('#passphrase_again', 'Enter');
      await page.locator('#setup-submit').filter({ hasText: 'Menyiapkan' }).waitFor();
      assert.ok(await page.locator('#setup-submit').isDisabled(), 'a second press does nothing');
    });

    await step(t, page, 'the app takes over and finishes that set-up, once', async () => {
      wasm.release();
      await page.locator('#recovery-code').waitFor({ timeout: 30000 });
      assert.equal(await page.locator('#boot').count(), 0);
      await page.check('#recovery-stored');
      await page.click('#recovery-continue');
      await page.locator('#lock').waitFor();
      await page.getByRole('heading', { name: 'Selamat datang, Bu Ratna' }).waitFor();
    });

    await step(t, page, 'locked, the lock screen is painted from the page itself, in the language chosen', async () => {
      wasm.again();
      await page.click('#lock');
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      assert.equal(await page.locator('#boot').count(), 1);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Open Naungan' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.click('#passphrase');
      await page.keyboard.type(PASS.slice(0, 8));
    });

    await step(t, page, 'the app keeps what was typed and the focus; typing goes on in the same field', async () => {
      wasm.release();
      await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 30000 });
      await page.getByRole('heading', { name: 'Open Naungan' }).waitFor();
      assert.equal(await page.inputValue('#passphrase'), PASS.slice(0, 8));
      assert.equal(await page.evaluate(() => document.activeElement.id), 'passphrase');
      await page.keyboard.type(PASS.slice(8));
      await page.keyboard.press('Enter');
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    });

    await step(t, page, 'taking over paints nothing new: the largest paint stays the static one, nothing shifts', async () => {
      wasm.again();
      await page.click('#lock');
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      const paints = await page.evaluate(() => new Promise((ok) => {
        const lcp = [];
        const shifts = [];
        new PerformanceObserver((l) => lcp.push(...l.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((l) => shifts.push(...l.getEntries().map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
        window.__paints = { lcp, shifts };
        requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 50));
      }));
      wasm.release();
      await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 30000 });
      await page.waitForTimeout(500);
      const { lcp, shifts } = await page.evaluate(() => window.__paints);
      assert.ok(lcp.length >= 1, 'the static screen was the largest paint');
      assert.ok(lcp.every((t) => t < paints), `no largest paint after the app took over: ${lcp} (released at ${paints})`);
      assert.deepEqual(shifts.filter((v) => v > 0), [], 'no layout shift');
      await unlock(page);
    });

    await step(t, page, 'a passphrase submitted before the app is ready unlocks as soon as it is', async () => {
      wasm.again();
      await page.click('#lock');
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await page.fill('#passphrase', PASS);
      await page.press('#passphrase', 'Enter');
      await page.locator('#unlock-submit').filter({ hasText: 'Membuka kunci' }).waitFor();
      await checkA11y(page, 'static lock screen, waiting');
      wasm.release();
      await page.locator('#lock').waitFor({ timeout: 30000 });
      assert.deepEqual(errors, []);
    });
  } finally {
    await b.close();
  }
});
