// Backups as staff use them: export on laptop A (a real download), restore on a new laptop B
// (a fresh browser profile, a real upload), compare every record; then both laptops edit the
// same resident and A merges B's backup, choosing in the conflict view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, checkA11y, open, setUp, step } from './harness.mjs';

const BACKUP_PASS = 'cadangan bulan november';

async function register(page, r) {
  await page.locator('header nav a').nth(1).click();
  await page.click('#new-resident');
  await page.fill('#full_name', r.name);
  await page.fill('#alias', r.alias || '');
  await page.fill('#birth_date', r.birth);
  await page.fill('#origin_province', r.province);
  await page.fill('#origin_regency', r.regency);
  await page.fill('#cohort', r.cohort);
  if (r.ktp) await page.selectOption('#paper_ktp', r.ktp);
  await page.click('#save-resident');
  await page.locator('#profile-name').filter({ hasText: r.name }).waitFor();
}

/// Every resident's profile, as text, by name.
async function profiles(page) {
  await page.locator('header nav a').nth(1).click();
  await page.locator('#residents').waitFor();
  const names = await page.locator('#residents tbody tr td:first-child a').allTextContents();
  const out = {};
  for (const name of names) {
    await page.locator('header nav a').nth(1).click();
    await page.getByRole('link', { name, exact: true }).click();
    await page.locator('#profile-name').waitFor();
    out[name] = (await page.locator('.profile-grid').innerText()).trim();
  }
  return out;
}

async function exportBackup(page, file) {
  await page.locator('#nav-backup').click();
  await page.fill('#backup_pass', BACKUP_PASS);
  await page.fill('#backup_pass_again', BACKUP_PASS);
  // Watch the page's frames while the backup is made: key derivation and encryption run in a
  // worker, so the page must keep drawing (no long gap between animation frames).
  await page.evaluate(() => {
    window.maxFrameGap = 0;
    let last = performance.now();
    const tick = (now) => { window.maxFrameGap = Math.max(window.maxFrameGap, now - last); last = now; if (!window.stopFrames) requestAnimationFrame(tick); };
    window.stopFrames = false;
    requestAnimationFrame(tick);
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-submit')]);
  assert.match(download.suggestedFilename(), /^naungan-upt-rehabilitasi-sosial-bina-karya-wanit-\d{4}-\d{2}-\d{2}\.age$/);
  await download.saveAs(file);
  await page.locator('#export-done').waitFor({ timeout: 30000 });
  const gap = await page.evaluate(() => { window.stopFrames = true; return window.maxFrameGap; });
  assert.ok(gap < 400, `the page froze for ${Math.round(gap)} ms while the backup was made`);
}

test('backup, restore on a new laptop, merge two laptops', async (t) => {
  const a = await open();
  const b = await open();
  const fileA = join(ARTIFACTS, 'laptop-a.age');
  const fileB = join(ARTIFACTS, 'laptop-b.age');
  const notBackup = join(ARTIFACTS, 'not-a-backup.txt');
  writeFileSync(notBackup, 'Daftar hadir pengajian\nSiti Aminah\n');
  let before;
  try {
    await step(t, a.page, 'laptop A: records, then a backup that refuses a weak passphrase', async () => {
      const { page, url } = a;
      await setUp(page, url);
      await page.getByText('Belum pernah membuat cadangan').waitFor();
      await register(page, { name: 'Siti Aminah', alias: 'Mawar', birth: '1999-04-12', province: 'Jawa Timur', regency: 'Kabupaten Malang', cohort: '2026-I', ktp: 'confiscated_by_third_party' });
      await register(page, { name: 'Dewi Lestari', birth: '1994-09-30', province: 'Jawa Barat', regency: 'Kota Bandung', cohort: '2026-II' });
      await register(page, { name: 'Nur Hasanah', alias: 'Ina', birth: '2001-01-17', province: 'Jawa Timur', regency: 'Kota Surabaya', cohort: '2025-II' });
      await page.click('#delete-resident');
      await page.click('#confirm-delete');
      await page.getByText('Data klien dihapus.').waitFor();
      await page.locator('#nav-backup').click();
      await page.fill('#backup_pass', 'pendek');
      await page.fill('#backup_pass_again', 'pendek');
      await page.click('#export-submit');
      await page.locator('#backup_pass-error').filter({ hasText: 'terlalu mudah ditebak' }).waitFor();
    });

    await step(t, a.page, 'laptop A: export (a real download) and verify it', async () => {
      await exportBackup(a.page, fileA);
      await a.page.click('#verify-backup');
      await a.page.locator('#verify-result').filter({ hasText: 'Cadangan baik' }).waitFor({ timeout: 30000 });
      if (process.env.E2E_SHOTS) await a.page.screenshot({ path: join(ARTIFACTS, 'view-backup.png'), fullPage: true });
      await a.page.locator('header nav a').nth(0).click();
      await a.page.getByText('Cadangan terakhir: hari ini.').waitFor();
      // One click from settings, too.
      await a.page.locator('#nav-settings').click();
      await a.page.click('#settings-backup');
      await a.page.getByRole('heading', { name: 'Buat cadangan' }).waitFor();
      await a.page.locator('header nav a').nth(0).click();
      before = await profiles(a.page);
      assert.deepEqual(Object.keys(before).sort(), ['Dewi Lestari', 'Siti Aminah']);
    });

    await step(t, b.page, 'laptop B: bad files and a wrong passphrase are refused', async () => {
      const { page, url } = b;
      await page.goto(url);
      await page.click('#restore-link');
      await page.click('#restore-open');
      await page.locator('#restore-error').filter({ hasText: 'Pilih file cadangan dulu' }).waitFor();
      await page.setInputFiles('#restore-file', notBackup);
      await page.fill('#restore_backup_pass', BACKUP_PASS);
      await page.click('#restore-open');
      await page.locator('#restore-error').filter({ hasText: 'bukan file cadangan Naungan' }).waitFor();
      await page.setInputFiles('#restore-file', fileA);
      await page.fill('#restore_backup_pass', 'bukan kata sandinya');
      await page.click('#restore-open');
      await page.locator('#restore-error').filter({ hasText: 'Kata sandi cadangan salah' }).waitFor({ timeout: 30000 });
      await page.reload();
      await page.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
    });

    await step(t, b.page, 'laptop B: restore (a real upload) brings every record back', async () => {
      const { page } = b;
      await page.click('#restore-link');
      await page.setInputFiles('#restore-file', fileA);
      await page.fill('#restore_backup_pass', BACKUP_PASS);
      await page.click('#restore-open');
      // Every kind the file holds, the record of who did what included (one entry per change).
      await page.locator('#preview-counts').filter({ hasText: /^1 lembaga, 1 petugas, 2 klien, 2 perpindahan tahap, 3 angkatan, 5 jadwal bimbingan, 5 tata tertib, 6 tugas piket, 4 bidang keterampilan, \d+ catatan akses, 2 catatan terhapus$/ }).waitFor({ timeout: 30000 });
      assert.match(await page.locator('#backup-preview').innerText(), /UPT Rehabilitasi Sosial Bina Karya Wanita/);
      await checkA11y(page, 'the restore preview');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-restore-preview.png'), fullPage: true });
      await page.fill('#passphrase', 'laptop kedua di ruang pekerja sosial');
      await page.fill('#passphrase_again', 'laptop kedua di ruang pekerja sosial');
      await page.click('#restore-submit');
      await page.locator('#recovery-code').waitFor({ timeout: 30000 });
      await page.check('#recovery-stored');
      await page.click('#recovery-continue');
      await page.getByRole('heading', { name: 'Selamat datang, Bu Ratna' }).waitFor();
      assert.deepEqual(await profiles(page), before);
    });

    await step(t, a.page, 'both laptops edit the same resident; A merges B and chooses', async () => {
      for (const [side, alias] of [[b, 'dari laptop B'], [a, 'dari laptop A']]) {
        const { page } = side;
        await page.locator('header nav a').nth(1).click();
        await page.getByRole('link', { name: 'Siti Aminah', exact: true }).click();
        await page.click('#edit-resident');
        await page.fill('#alias', alias);
        await page.click('#save-resident');
        await page.getByText(`“${alias}”`).waitFor();
      }
      await register(b.page, { name: 'Wulan Sari', birth: '2003-11-22', province: 'Jawa Timur', regency: 'Kabupaten Jember', cohort: '2026-I' });
      await exportBackup(b.page, fileB);

      const { page } = a;
      await page.locator('#nav-backup').click();
      await page.setInputFiles('#backup-file', notBackup);
      await page.fill('#import_pass', BACKUP_PASS);
      await page.click('#open-backup');
      await page.locator('#import-error').filter({ hasText: 'bukan file cadangan Naungan' }).waitFor();
      await page.setInputFiles('#backup-file', fileB);
      await page.click('#open-backup');
      await page.locator('#plan-summary').filter({ hasText: '2 ditambah' }).waitFor({ timeout: 30000 });
      assert.match(await page.textContent('#plan-summary'), /1 perlu dipilih/);
      const conflict = page.locator('#conflict-0');
      assert.match(await conflict.innerText(), /dari laptop A[\s\S]*dari laptop B/);
      await checkA11y(page, 'the edit-against-edit conflict');
      assert.ok(await page.isDisabled('#merge-submit'), 'a choice is needed first');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-conflict.png'), fullPage: true });
      await conflict.getByText('Pakai versi dari file').click();
      await page.click('#merge-submit');
      await page.locator('#merge-done').filter({ hasText: '1 konflik dipilih' }).waitFor();
      await page.locator('header nav a').nth(1).click();
      await page.locator('#result-count').filter({ hasText: 'dari 3 klien' }).waitFor();
      assert.match(await page.textContent('#residents tbody'), /dari laptop B/);
      // The same file again: nothing to do.
      await page.locator('#nav-backup').click();
      await page.setInputFiles('#backup-file', fileB);
      await page.fill('#import_pass', BACKUP_PASS);
      await page.click('#open-backup');
      await page.locator('#nothing-to-merge').waitFor({ timeout: 30000 });
    });

    await step(t, a.page, 'A deletes a resident that B edits: the conflict shows both sides field by field', async () => {
      // B edits Dewi; A deletes her. B's backup, merged on A, is a delete-against-edit conflict.
      await b.page.locator('header nav a').nth(1).click();
      await b.page.getByRole('link', { name: 'Dewi Lestari', exact: true }).click();
      await b.page.click('#edit-resident');
      await b.page.fill('#alias', 'diubah di laptop B');
      await b.page.click('#save-resident');
      await b.page.getByText('“diubah di laptop B”').waitFor();
      await exportBackup(b.page, fileB);
      const { page } = a;
      await page.locator('header nav a').nth(1).click();
      await page.getByRole('link', { name: 'Dewi Lestari', exact: true }).click();
      await page.click('#delete-resident');
      await page.click('#confirm-delete');
      await page.getByText('Data klien dihapus.').waitFor();
      await page.locator('#nav-backup').click();
      await page.setInputFiles('#backup-file', fileB);
      await page.fill('#import_pass', BACKUP_PASS);
      await page.click('#open-backup');
      const conflict = page.locator('#conflict-0');
      await conflict.waitFor({ timeout: 30000 });
      const row = async (label) => (await conflict.locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td').allInnerTexts());
      assert.deepEqual(await row('Status'), ['(dihapus)', 'Dalam pembinaan']);
      assert.deepEqual(await row('Tahap'), ['— tidak ada —', 'Pendekatan awal dan penerimaan']);
      assert.deepEqual(await row('Nama lengkap'), ['— tidak ada —', 'Dewi Lestari']);
      assert.deepEqual(await row('Nama panggilan / alias'), ['— tidak ada —', 'diubah di laptop B']);
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-conflict-deleted.png'), fullPage: true });
      await checkA11y(page, 'the delete-against-edit conflict');
      await conflict.getByText('Pakai versi dari file').click();
      await page.click('#merge-submit');
      await page.locator('#merge-done').filter({ hasText: '1 konflik dipilih' }).waitFor();
      await page.locator('header nav a').nth(1).click();
      await page.getByRole('link', { name: 'Dewi Lestari', exact: true }).click();
      await page.getByText('“diubah di laptop B”').waitFor();
    });

    await step(t, b.page, 'a backup from another shelter asks before merging', async () => {
      const c = await open();
      try {
        const { page, url } = c;
        await setUp(page, url, 'UPT Pelayanan Sosial Lain', 'Pak Budi');
        await page.locator('#nav-backup').click();
        await page.setInputFiles('#backup-file', fileA);
        await page.fill('#import_pass', BACKUP_PASS);
        await page.click('#open-backup');
        await page.locator('#other-shelter').filter({ hasText: 'UPT Rehabilitasi Sosial Bina Karya Wanita' }).waitFor({ timeout: 30000 });
        assert.ok(await page.isDisabled('#merge-submit'), 'no merge before the confirmation');
        await page.check('#confirm-other-shelter');
        await page.click('#merge-submit');
        // Pak Budi's laptop gains Bu Ratna, two residents, their first stage moves and the three
        // cohorts laptop A's residents were registered in.
        await page.locator('#merge-done').filter({ hasText: '8 ditambah' }).waitFor();
        await page.locator('header nav a').nth(1).click();
        await page.locator('#result-count').filter({ hasText: 'dari 2 klien' }).waitFor();
        assert.match(await page.textContent('header .shelter'), /UPT Pelayanan Sosial Lain/);
      } finally {
        await c.close();
      }
    });

    await step(t, a.page, 'nothing left either laptop but the files the user saved', async () => {
      for (const side of [a, b]) {
        const outside = side.requests.filter((u) => !u.startsWith(side.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
        assert.deepEqual(outside, []);
        assert.deepEqual(side.errors, []);
      }
    });
  } finally {
    await a.close();
    await b.close();
  }
});
