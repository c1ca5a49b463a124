// Two tabs of Naungan open on one laptop, as staff do: neither may overwrite the other's save
// unseen. A save from a tab that has not seen the other's changes still works when it touches
// other records; one made from an old revision of the same record is refused, plainly, and the
// typed form stays on the screen. A tab brought back to the front shows the other's saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, open, step } from './harness.mjs';

const PASS = 'kuda lari pagi hari';

async function unlock(page) {
  await page.fill('#passphrase', PASS);
  await page.click('#unlock-submit');
  await page.locator('#lock').waitFor({ timeout: 30000 });
}

async function register(page, name, alias) {
  await page.getByRole('link', { name: 'Klien', exact: true }).click();
  await page.click('#new-resident');
  await page.fill('#full_name', name);
  await page.fill('#alias', alias);
  await page.fill('#birth_date', '1998-07-01');
  await page.fill('#origin_province', 'Jawa Timur');
  await page.fill('#origin_regency', 'Kabupaten Malang');
  await page.fill('#cohort', '2026-I');
  await page.click('#save-resident');
  await page.locator('#profile-name').filter({ hasText: name }).waitFor();
}

async function editAlias(page, name, alias) {
  await page.getByRole('link', { name: 'Klien', exact: true }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.click('#edit-resident');
  await page.locator('#full_name').waitFor();
  await page.fill('#alias', alias);
  await page.click('#save-resident');
}

test('two tabs on one laptop', async (t) => {
  const b = await open();
  const { page: tab1, url, context } = b;
  let tab2;
  try {
    await step(t, tab1, 'set up and register in the first tab', async () => {
      await tab1.goto(url);
      await tab1.fill('#shelter_name', 'UPT Rehabilitasi Sosial Bina Karya Wanita');
      await tab1.fill('#staff_name', 'Bu Ratna');
      await tab1.fill('#passphrase', PASS);
      await tab1.fill('#passphrase_again', PASS);
      await tab1.click('#setup-submit');
      await tab1.locator('#recovery-code').waitFor({ timeout: 30000 });
      await tab1.check('#recovery-stored');
      await tab1.click('#recovery-continue');
      await tab1.locator('#lock').waitFor();
      await register(tab1, 'Siti Aminah', 'Mawar');
    });

    await step(t, tab1, 'a second tab opens the same records', async () => {
      tab2 = await context.newPage();
      await tab2.goto(url);
      await unlock(tab2);
      await tab2.getByRole('link', { name: 'Klien', exact: true }).click();
      await tab2.locator('#residents tbody').filter({ hasText: 'Siti Aminah' }).waitFor();
    });

    await step(t, tab1, 'both tabs edit the same record; the one that saves second is told', async () => {
      // The second tab opens the form first (a tab also catches up with the other's saves when
      // it comes to the front, so a form opened later would start from the latest revision).
      await tab2.getByRole('link', { name: 'Klien', exact: true }).click();
      await tab2.getByRole('link', { name: 'Siti Aminah', exact: true }).click();
      await tab2.click('#edit-resident');
      await tab2.locator('#full_name').waitFor();
      await editAlias(tab1, 'Siti Aminah', 'Melati');
      await tab1.getByText('(revisi 2)').waitFor();
      await tab2.fill('#alias', 'Kenanga');
      await tab2.click('#save-resident');
      await tab2.locator('#form-error').filter({ hasText: 'baru saja diubah di tab lain, jadi perubahan Anda belum disimpan' }).waitFor({ timeout: 30000 });
      assert.equal(await tab2.inputValue('#alias'), 'Kenanga', 'what was typed is still on the screen');
      if (process.env.E2E_SHOTS) await tab2.screenshot({ path: join(ARTIFACTS, 'second_tab_told.png') });
    });

    await step(t, tab1, 'a save of another record from the second tab goes through', async () => {
      await register(tab2, 'Dewi Lestari', 'Anggrek');
      await tab2.getByRole('link', { name: 'Klien', exact: true }).click();
      const list = tab2.locator('#residents tbody');
      await list.filter({ hasText: 'Dewi Lestari' }).waitFor();
      assert.match(await list.innerText(), /Melati/, 'the second tab now shows the first tab\'s edit');
    });

    await step(t, tab1, 'back in front, the first tab shows what the second saved, without a reload', async () => {
      await tab1.bringToFront();
      // Headless Chromium moves no focus between pages: send the event a browser sends when
      // the user switches back to this tab (without it, the tab would also catch up within 15 s).
      await tab1.evaluate(() => window.dispatchEvent(new Event('focus')));
      await tab1.getByRole('link', { name: 'Klien', exact: true }).click();
      const list = tab1.locator('#residents tbody');
      await list.filter({ hasText: 'Dewi Lestari' }).waitFor({ timeout: 30000 });
      assert.match(await list.innerText(), /Melati/);
    });

    await step(t, tab1, 'after a reload, the first tab has both, and the first edit', async () => {
      await tab1.reload();
      await unlock(tab1);
      await tab1.getByRole('link', { name: 'Klien', exact: true }).click();
      const list = tab1.locator('#residents tbody');
      await list.filter({ hasText: 'Dewi Lestari' }).waitFor();
      const text = await list.innerText();
      assert.match(text, /Melati/);
      assert.doesNotMatch(text, /Kenanga/);
    });

    await step(t, tab1, 'locking one tab locks the other; unlocking one leaves the other locked', async () => {
      // Tab 2 is unlocked (it saved above); tab 1 was just unlocked again.
      await tab2.getByRole('link', { name: 'Klien', exact: true }).click();
      await tab2.locator('#residents').waitFor();
      await tab1.click('#lock');
      await tab1.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await tab2.getByRole('heading', { name: 'Buka Naungan' }).waitFor({ timeout: 10000 });
      assert.equal(await tab2.locator('#residents').count(), 0, 'nothing of the records on the other tab');
      await unlock(tab1);
      await tab2.waitForTimeout(500);
      assert.equal(await tab2.locator('#lock').count(), 0, 'the other tab stays locked');
    });

    await step(t, tab1, 'the pages threw no errors', async () => {
      assert.deepEqual(b.errors, []);
    });
  } finally {
    await b.close();
  }
});
