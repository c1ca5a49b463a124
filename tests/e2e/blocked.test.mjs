// A browser that keeps no site data (storage blocked in its settings, or a private mode that
// offers no IndexedDB): the first screen says so plainly, in place of a broken app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, step } from './harness.mjs';

const BLOCKED = {
  'site data blocked (IndexedDB and localStorage refuse)': () => {
    const refuse = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
    Object.defineProperty(window, 'localStorage', { get: refuse });
    Object.defineProperty(window, 'sessionStorage', { get: refuse });
    IDBFactory.prototype.open = refuse;
  },
  'no IndexedDB at all': () => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  },
};

for (const [what, script] of Object.entries(BLOCKED)) {
  test(`storage unavailable: ${what}`, async (t) => {
    const b = await open({ serviceWorkers: 'block' });
    const { page, url, errors } = b;
    try {
      await step(t, page, `${what}: one plain sentence, nothing broken`, async () => {
        await page.addInitScript(script);
        await page.goto(url);
        await page.locator('#open-error').filter({ hasText: 'Browser ini tidak mengizinkan Naungan menyimpan data' }).waitFor({ timeout: 30000 });
        assert.equal(await page.locator('#boot').count(), 0, 'the static set-up screen is gone');
        assert.deepEqual(errors.filter((e) => !/SecurityError|denied permission/.test(e)), [], 'the app did not crash');
      });
    } finally {
      await b.close();
    }
  });
}
