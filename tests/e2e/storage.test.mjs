// The laptop's disk is full (the browser's quota for the app is emulated down to one byte):
// saving says so plainly, the form keeps what was typed, nothing stored before is lost, and the
// same save goes through once there is room again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillResident, open, setUp, step, unlock } from './harness.mjs';

test('storage full', { timeout: 180000 }, async (t) => {
  const b = await open();
  const { page, url, context } = b;
  const origin = new URL(url).origin;
  try {
    let cdp;
    await step(t, page, 'with the disk full, a save is refused plainly and the form stays', async () => {
      await setUp(page, url);
      await fillResident(page, 'Siti Aminah');
      cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
      // Chromium's IndexedDB trusts the free space it last asked for for up to half a minute.
      await new Promise((ok) => setTimeout(ok, 32000));
      await fillResident(page, 'Dewi Lestari', { saved: false });
      await page.locator('#form-error').filter({ hasText: 'penyimpanan browser untuk Naungan sudah penuh' }).waitFor({ timeout: 30000 });
      assert.equal(await page.inputValue('#full_name'), 'Dewi Lestari', 'what was typed is still there');
      assert.equal(await page.inputValue('#cohort'), '2026-I');
    });

    await step(t, page, 'with room again, the same form saves, and nothing was lost', async () => {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await page.click('#save-resident');
      await page.locator('#profile-name').filter({ hasText: 'Dewi Lestari' }).waitFor({ timeout: 30000 });
      await page.click('#lock');
      await unlock(page);
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.locator('#result-count').filter({ hasText: 'dari 2 klien' }).waitFor();
      for (const name of ['Siti Aminah', 'Dewi Lestari']) await page.getByRole('link', { name, exact: true }).waitFor();
    });
  } finally {
    await b.close();
  }
});
