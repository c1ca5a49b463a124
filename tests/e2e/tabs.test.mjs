// Two tabs of Naungan open on one laptop, as staff do: neither may overwrite the other's save
// unseen. A save from a tab that has not seen the other's changes still works when it touches
// other records; one made from an old revision of the same record is refused, plainly, and the
// typed form stays on the screen. A tab brought back to the front shows the other's saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, fillResident, open, setUp, step, unlock } from './harness.mjs';

const register = (page, name, alias) => fillResident(page, name, { alias });

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
      await setUp(tab1, url);
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

/// Opens the database as a newer build would (one version up), from a page of the same origin
/// that is not the app. Resolves once the upgrade went through.
function openAsNewerBuild(page, version) {
  return page.evaluate((v) => new Promise((ok, no) => {
    const r = indexedDB.open('naungan', v);
    r.onupgradeneeded = () => {};
    r.onsuccess = () => { r.result.close(); ok(r.result.version); };
    r.onerror = () => no(r.error);
  }), version);
}

test('the database changing under a tab', async (t) => {
  const b = await open();
  const { page: tab1, url, context } = b;
  let other;
  try {
    await step(t, tab1, 'a newer build upgrades the database: the open tab lets go and says so', async () => {
      await setUp(tab1, url);
      await register(tab1, 'Siti Aminah', 'Mawar');
      other = await context.newPage();
      await other.goto(`${url}/robots.txt`);
      const version = await tab1.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'naungan').version);
      assert.equal(await openAsNewerBuild(other, version + 1), version + 1, 'the upgrade was not blocked');
      await tab1.locator('#build-notice').filter({ hasText: 'Versi Naungan yang lebih baru' }).waitFor();
      await tab1.click('#edit-resident');
      await tab1.fill('#alias', 'Melati');
      await tab1.click('#save-resident');
      await tab1.locator('#form-error').filter({ hasText: 'Muat ulang tab ini' }).waitFor();
      assert.equal(await tab1.inputValue('#alias'), 'Melati', 'what was typed stays on the screen');
    });

    await step(t, tab1, 'reloaded, this (older) build says plainly that a newer one has the data', async () => {
      await tab1.reload();
      await tab1.locator('#open-error').filter({ hasText: 'Versi Naungan yang lebih baru' }).waitFor();
    });
  } finally {
    await b.close();
  }
});

test('an upgrade blocked by an older tab', async (t) => {
  const b = await open();
  const { page: app, url, context } = b;
  try {
    await step(t, app, 'an older tab that keeps the database open: the upgrade waits, and says why', async () => {
      const old = await context.newPage();
      await old.goto(`${url}/robots.txt`);
      // The first version's layout, held open by a tab that ignores versionchange.
      await old.evaluate(() => new Promise((ok) => {
        const r = indexedDB.open('naungan', 1);
        r.onupgradeneeded = () => {
          const records = r.result.createObjectStore('records', { keyPath: 'id' });
          records.createIndex('kind', 'kind');
          r.result.createObjectStore('meta');
        };
        r.onsuccess = () => { window.oldConnection = r.result; ok(); };
      }));
      await app.goto(url);
      await app.locator('#build-notice').filter({ hasText: 'masih terbuka di tab lain dengan versi lama' }).waitFor();
      await old.evaluate(() => window.oldConnection.close());
      await app.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
      assert.equal(await app.locator('#build-notice').count(), 0, 'the notice goes once the upgrade is done');
    });
  } finally {
    await b.close();
  }
});
