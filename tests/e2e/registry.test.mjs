// The foundation, driven as a user would: set up a shelter, register residents, search, edit,
// delete, lock, unlock (wrong and right), reload, recover with the recovery code, switch language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, checkA11y, open, step } from './harness.mjs';

// A small PNG picture and a file that is not a picture.
const PHOTO = join(ARTIFACTS, 'photo.png');
writeFileSync(PHOTO, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGM4UREARAwoFABlVQlhsQgoIwAAAABJRU5ErkJggg==', 'base64'));
const NOT_PHOTO = join(ARTIFACTS, 'not-a-photo.txt');
writeFileSync(NOT_PHOTO, 'bukan gambar');

const PASS = 'kuda lari pagi hari';
const NEW_PASS = 'sandi baru yang panjang sekali';

/// After unlocking, the app shows the page that was open; go home to check who is signed in.
async function home(page, heading = 'Selamat datang, Bu Ratna') {
  await page.locator('#lock').waitFor({ timeout: 30000 });
  await page.locator('header nav a').first().click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

test('registry end to end', async (t) => {
  const b = await open();
  const { page, url } = b;
  let recoveryCode = '';
  // Ids of records that are not residents (the log keeps ids and kinds in the clear).
  let otherIds = [];
  try {
    await step(t, page, 'setup refuses bad input and changes nothing', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
      await page.click('#setup-submit');
      await page.locator('#shelter_name-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      await page.fill('#shelter_name', 'UPT Rehabilitasi Sosial Bina Karya Wanita');
      await page.fill('#staff_name', 'Bu Ratna');
      await page.fill('#passphrase', 'pendek');
      await page.fill('#passphrase_again', 'pendek');
      await page.click('#setup-submit');
      await page.locator('#passphrase-error').filter({ hasText: 'terlalu mudah ditebak' }).waitFor();
      await page.fill('#passphrase', PASS);
      await page.fill('#passphrase_again', PASS + 'x');
      await page.click('#setup-submit');
      await page.locator('#passphrase_again-error').filter({ hasText: 'tidak sama' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Siapkan Naungan' }).waitFor();
    });

    await step(t, page, 'setup shows the recovery code once', async () => {
      await page.fill('#shelter_name', 'UPT Rehabilitasi Sosial Bina Karya Wanita');
      await page.fill('#staff_name', 'Bu Ratna');
      await page.fill('#passphrase', PASS);
      await page.fill('#passphrase_again', PASS);
      await page.click('#setup-submit');
      await page.locator('#recovery-code').waitFor({ timeout: 30000 });
      await checkA11y(page, 'the recovery code');
      recoveryCode = (await page.textContent('#recovery-code')).trim();
      assert.match(recoveryCode, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      assert.ok(await page.isDisabled('#recovery-continue'));
      await page.check('#recovery-stored');
      await page.click('#recovery-continue');
      await page.getByRole('heading', { name: 'Selamat datang, Bu Ratna' }).waitFor();
    });

    await step(t, page, 'register a resident', async () => {
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.locator('#no-results').waitFor();
      await page.click('#new-resident');
      await page.fill('#full_name', 'Siti Aminah');
      await page.fill('#alias', 'Mawar');
      await page.fill('#birth_date', '1999-04-12');
      await page.fill('#origin_province', 'Jawa Timur');
      await page.fill('#origin_regency', 'Kabupaten Malang');
      await page.fill('#phone_own', '0812-3456-7890');
      await page.selectOption('#religion', 'islam');
      await page.selectOption('#education', 'junior_secondary');
      await page.fill('#intake_date', '2026-02-03');
      await page.fill('#cohort', '2026-I');
      await page.selectOption('#paper_ktp', 'confiscated_by_third_party');
      await page.setInputFiles('#photo', NOT_PHOTO);
      await page.locator('#photo-error').filter({ hasText: 'bukan gambar' }).waitFor();
      await page.setInputFiles('#photo', PHOTO);
      await page.locator('#photo-preview').waitFor();
      await page.click('#save-resident');
      await page.locator('#profile-name').filter({ hasText: 'Siti Aminah' }).waitFor();
      assert.equal(await page.textContent('#profile-origin'), 'Kabupaten Malang, Jawa Timur');
      assert.match(await page.getAttribute('#profile-photo', 'src'), /^data:image\/jpeg;base64,\/9j\//);
      assert.equal(await page.getAttribute('#profile-photo', 'alt'), 'Foto Siti Aminah');
      await page.getByText('Data klien tersimpan.').waitFor();
      await page.getByText('ditahan pihak ketiga: perlu tindak lanjut').waitFor();
      // Her number in the register, and her case at its first stage.
      assert.equal(await page.textContent('#profile-register-no'), '2026/001');
      assert.equal(await page.textContent('#stage-now'), 'Pendekatan awal dan penerimaan');
      await page.locator('#stage-history').filter({ hasText: 'Terdaftar: Pendekatan awal dan penerimaan' }).waitFor();
      otherIds = await page.evaluate(() => new Promise((ok, err) => {
        const r = indexedDB.open('naungan');
        r.onerror = () => err(r.error);
        r.onsuccess = () => {
          const all = r.result.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => { ok(all.result.filter((x) => x.kind !== 'resident').map((x) => [x.id, x.kind])); r.result.close(); };
          all.onerror = () => err(all.error);
        };
      }));
      const kinds = otherIds.map(([, kind]) => kind).filter((k) => k !== 'access_entry');
      assert.deepEqual(kinds.sort(), [...Array(6).fill('chore'), 'cohort', ...Array(5).fill('guidance_schedule'), ...Array(5).fill('house_rule'), 'photo', 'shelter', 'staff', 'stage_change', ...Array(4).fill('vocational_field')], 'the shelter, its first staff member, her cohort, the usual chores, guidance schedules, house rules and vocational fields, the photo and her first stage');
      assert.ok(otherIds.some(([, kind]) => kind === 'access_entry'), 'and the record of who did what');
      otherIds = otherIds.map(([id]) => id);
    });

    await step(t, page, 'bad resident input gets messages and saves nothing', async () => {
      await page.goto(url + '/klien/baru');
      // A reload locks: the app must ask for the passphrase again.
      await page.fill('#passphrase', PASS);
      await page.click('#unlock-submit');
      await page.locator('#full_name').waitFor({ timeout: 30000 });
      await page.fill('#cohort', 'angkatan satu');
      await page.fill('#phone_own', '08-ab');
      await page.fill('#birth_date', '');
      await page.click('#save-resident');
      await page.locator('#form-error').waitFor();
      assert.equal(await page.textContent('#full_name-error'), 'Wajib diisi.');
      assert.match(await page.textContent('#cohort-error'), /2026-I/);
      assert.match(await page.textContent('#phone_own-error'), /tidak valid/);
      assert.match(await page.textContent('#birth_date-error'), /perkiraan umur/);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'full_name', 'focus moves to the first problem');
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.locator('#result-count').filter({ hasText: 'Menampilkan 1 dari 1 klien' }).waitFor();
    });

    await step(t, page, 'a second resident, then search and filters', async () => {
      await page.click('#new-resident');
      await page.fill('#full_name', 'Dewi Lestari');
      await page.fill('#estimated_age', '31');
      await page.fill('#origin_province', 'Jawa Barat');
      await page.fill('#origin_regency', 'Kota Bandung');
      await page.fill('#cohort', '2026-II');
      await page.fill('#intake_date', '2026-11-20');
      await page.fill('#statement_witness', 'Ibu klien');
      await page.click('#save-resident');
      await page.locator('#statement_date-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      await page.fill('#statement_date', await page.inputValue('#intake_date'));
      await page.click('#save-resident');
      await page.locator('#profile-name').filter({ hasText: 'Dewi Lestari' }).waitFor();
      await page.locator('#profile-statement').filter({ hasText: 'Ibu klien' }).waitFor();
      assert.equal(await page.textContent('#profile-register-no'), '2026/002');
      // Her case: a jump the table forbids is not offered; an exit needs a reason.
      const offered = await page.$$eval('#stage_to option', (os) => os.map((o) => o.value));
      assert.deepEqual(offered, ['', 'assessment', 'left_without_notice', 'transferred', 'referred_out', 'died']);
      await page.selectOption('#stage_to', 'left_without_notice');
      await page.click('#stage-save');
      await page.locator('#stage_reason-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      assert.equal(await page.textContent('#stage-now'), 'Pendekatan awal dan penerimaan', 'nothing moved');
      await page.fill('#stage_reason', 'Tidak kembali setelah izin menjenguk anak.');
      await page.click('#stage-save');
      await page.locator('#stage-now').filter({ hasText: 'Keluar tanpa pamit' }).waitFor();
      await page.locator('#stage-history').filter({ hasText: 'Tidak kembali setelah izin menjenguk anak.' }).waitFor();
      await checkA11y(page, 'a profile with its stage history');
      // Closed: only a new admission is offered.
      assert.deepEqual(await page.$$eval('#stage_to option', (os) => os.map((o) => o.value)), ['', 'intake']);
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.locator('#result-count').filter({ hasText: 'dari 2 klien' }).waitFor();
      await page.fill('#search', 'sit ami');
      await page.locator('#result-count').filter({ hasText: 'Menampilkan 1 dari 1' }).waitFor();
      assert.match(await page.textContent('#residents tbody'), /Siti Aminah/);
      await page.fill('#search', 'bandung');
      await page.locator('#residents tbody').filter({ hasText: 'Dewi Lestari' }).waitFor();
      await page.fill('#search', 'zzz');
      await page.locator('#no-results').filter({ hasText: 'Tidak ada klien yang cocok' }).waitFor();
      await page.fill('#search', '');
      await page.selectOption('#filter-cohort', '2026-II');
      await page.locator('#result-count').filter({ hasText: 'Menampilkan 1 dari 1' }).waitFor();
      await page.selectOption('#filter-cohort', '');
      assert.match(await page.textContent('#filter-stage'), /Penerimaan \(1\)[\s\S]*Keluar tanpa pamit \(1\)/);
      await page.selectOption('#filter-stage', 'intake');
      await page.locator('#residents tbody').filter({ hasText: 'Siti Aminah' }).waitFor();
      assert.doesNotMatch(await page.textContent('#residents tbody'), /Dewi/);
      await page.locator('header nav a').first().click();
      const counts = await page.$$eval('#stage-counts tbody tr', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
      assert.deepEqual(counts, ['Pendekatan awal dan penerimaan 1', 'Keluar tanpa pamit 1']);
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
    });

    await step(t, page, 'edit a resident', async () => {
      await page.selectOption('#filter-stage', '');
      await page.getByRole('link', { name: 'Siti Aminah' }).click();
      await page.click('#edit-resident');
      await page.locator('#full_name').waitFor();
      assert.equal(await page.inputValue('#full_name'), 'Siti Aminah');
      assert.equal(await page.inputValue('#origin_regency'), 'Kabupaten Malang');
      await page.fill('#alias', 'Melati');
      await page.click('#save-resident');
      await page.getByText('“Melati”').waitFor();
      await page.getByText('(revisi 2)').waitFor();
    });

    await step(t, page, 'cohorts: one for each name residents gave, its details filled in, bad input refused', async () => {
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.click('#cohorts-link');
      await page.getByRole('heading', { name: 'Angkatan', exact: true }).waitFor();
      const names = await page.$$eval('#cohorts tbody tr', (rs) => rs.map((r) => r.dataset.cohort));
      assert.deepEqual(names, ['2026-II', '2026-I'], 'newest first');
      await page.locator('#cohorts tr[data-cohort="2026-I"] .edit-cohort').click();
      await page.getByRole('heading', { name: 'Ubah angkatan 2026-I' }).waitFor();
      assert.equal(await page.locator('#co_name').count(), 0, 'its name stays: residents name it');
      await page.fill('#co_start', '2026-01-05');
      await page.fill('#co_end', '2025-12-01');
      await page.fill('#co_capacity', '0');
      await page.click('#cohort-save');
      await page.locator('#co_end-error').filter({ hasText: 'sebelum tanggal mulai' }).waitFor();
      await page.locator('#co_capacity-error').filter({ hasText: '500' }).waitFor();
      await page.fill('#co_end', '2026-06-30');
      await page.fill('#co_capacity', '30');
      await page.click('#cohort-save');
      await page.locator('.notice, [role=status]').filter({ hasText: 'Angkatan 2026-I tersimpan' }).first().waitFor();
      const row = (await page.textContent('#cohorts tr[data-cohort="2026-I"]')).replace(/\s+/g, ' ');
      assert.match(row, /5 Januari 2026.*30 Juni 2026.*30.*1/);
      await page.fill('#co_name', '2026-ii');
      await page.click('#cohort-save');
      await page.locator('#co_name-error').filter({ hasText: 'sudah ada' }).waitFor();
      await page.fill('#co_name', '2027-I');
      await page.click('#cohort-save');
      await page.locator('#cohorts tr[data-cohort="2027-I"]').waitFor();
      await checkA11y(page, 'the cohorts page');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-cohorts.png'), fullPage: true });
      await page.locator('header nav a').first().click();
      const occupancy = await page.$$eval('#occupancy tbody tr', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
      assert.deepEqual(occupancy, ['2026-I 1 30'], 'only cohorts with residents in the shelter');
    });

    await step(t, page, 'delete asks first, then leaves no trace in the list', async () => {
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.getByRole('link', { name: 'Dewi Lestari' }).click();
      await page.click('#delete-resident');
      await page.getByRole('alertdialog').getByText('Hapus data klien ini?').waitFor();
      await checkA11y(page, 'the delete confirmation');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Batal' }).click();
      assert.equal(await page.getByRole('alertdialog').count(), 0);
      await page.click('#delete-resident');
      await page.click('#confirm-delete');
      await page.getByText('Data klien dihapus.').waitFor();
      await page.locator('#result-count').filter({ hasText: 'Menampilkan 1 dari 1' }).waitFor();
      // The notice speaks Indonesian to a screen reader too, and stays with the page it was shown on.
      assert.equal(await page.getAttribute('.notice button', 'aria-label'), 'Tutup');
      assert.equal(await page.getAttribute('#switch-lang', 'lang'), 'en', 'the switch is labelled in the language it offers');
      await page.getByRole('link', { name: 'Siti Aminah' }).click();
      await page.locator('#profile-name').waitFor();
      assert.equal(await page.getByText('Data klien dihapus.').count(), 0, 'the notice followed to another page');
    });

    await step(t, page, 'lock, wrong passphrase, unlock, reload: everything still there', async () => {
      await page.click('#lock');
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      // Locking folded the log of saves into the compact segments.
      const stored = await page.evaluate(async () => {
        const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
        const db = await req(indexedDB.open('naungan'));
        const tx = db.transaction(['records', 'segments']);
        const out = [await req(tx.objectStore('records').count()), await req(tx.objectStore('segments').count())];
        db.close();
        return out;
      });
      assert.deepEqual(stored, [0, 1], 'log rows, segments after locking');
      await page.fill('#passphrase', 'bukan kata sandinya');
      await page.click('#unlock-submit');
      await page.locator('#unlock-error').filter({ hasText: 'Kata sandi salah. Tidak ada yang berubah.' }).waitFor({ timeout: 30000 });
      await page.fill('#passphrase', PASS);
      // The key derivation runs in a worker: nothing on the page's thread takes over 50 ms.
      await page.evaluate(() => {
        window.longTasks = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => window.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
      });
      await page.click('#unlock-submit');
      await home(page);
      assert.deepEqual(await page.evaluate(() => window.longTasks), [], 'long tasks (ms) on the page during the unlock');
      assert.equal(await page.textContent('#stat-total'), '1');
      await page.reload();
      await page.fill('#passphrase', PASS);
      await page.click('#unlock-submit');
      await page.getByRole('link', { name: 'Klien', exact: true }).click({ timeout: 30000 });
      await page.locator('#residents tbody').filter({ hasText: 'Siti Aminah' }).waitFor();
      assert.match(await page.textContent('#residents tbody'), /Melati/);
    });

    await step(t, page, 'recovery code opens and sets a new passphrase', async () => {
      await page.click('#lock');
      await page.click('#toggle-recovery');
      await page.fill('#recovery_code', 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
      await page.fill('#new_passphrase', NEW_PASS);
      await page.fill('#new_passphrase_again', NEW_PASS);
      await page.click('#unlock-submit');
      await page.locator('#unlock-error').filter({ hasText: 'Kode pemulihan tidak cocok' }).waitFor({ timeout: 30000 });
      await page.fill('#recovery_code', recoveryCode.toLowerCase().replaceAll('-', ' '));
      await page.click('#unlock-submit');
      await home(page);
      await page.click('#lock');
      await page.fill('#passphrase', PASS);
      await page.click('#unlock-submit');
      await page.locator('#unlock-error').waitFor({ timeout: 30000 });
      await page.fill('#passphrase', NEW_PASS);
      await page.click('#unlock-submit');
      await home(page);
    });

    await step(t, page, 'English, and back to Indonesian', async () => {
      await page.click('#switch-lang');
      await home(page, 'Welcome, Bu Ratna');
      await page.getByRole('link', { name: 'Residents', exact: true }).click();
      await page.locator('#result-count').filter({ hasText: 'Showing 1 of 1 residents' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.getAttribute('#switch-lang', 'lang'), 'id');
      await page.getByRole('link', { name: 'Siti Aminah' }).click();
      await page.getByText('Held by a third party').waitFor();
      assert.equal(await page.getAttribute('#profile-photo', 'alt'), 'Photo of Siti Aminah', 'the photo survived lock, reload and unlock');
      await page.click('#switch-lang');
      await page.getByText('Ditahan pihak ketiga').first().waitFor();
    });

    await step(t, page, 'auto-lock after the idle minutes set in settings', async () => {
      await page.locator('#nav-settings').click();
      // Where the data lives: kept for good or not, in plain words, and how much is used.
      await page.locator('#storage-status').filter({ hasText: /Browser ini (menyimpan data Naungan secara tetap|belum menjamin data Naungan tersimpan tetap)/ }).waitFor();
      assert.match(await page.textContent('#storage-usage'), /^Terpakai [\d,]+ (B|KB|MB) dari [\d,]+ (MB|GB) yang diizinkan browser\.$/);
      await checkA11y(page, 'settings');
      await page.fill('#idle_minutes', '0');
      await page.click('#save-settings');
      await page.getByText('Isi angka antara 1 dan 120.').waitFor();
      await page.fill('#idle_minutes', '1');
      await page.click('#save-settings');
      await page.getByText('Pengaturan tersimpan.').waitFor();
      // Hands off the keyboard and mouse: within a minute and a check interval, it locks itself.
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor({ timeout: 110000 });
      await page.getByText('dikunci otomatis karena tidak dipakai selama 1 menit').waitFor();
      assert.equal(await page.locator('#lock').count(), 0, 'nothing of the records is on screen');
    });

    await step(t, page, 'a crafted address says "not found"; the address bar and Back follow the pages', async () => {
      // Each is a fresh load of the address: locked first, then the page it names.
      // The id of a photo, a staff member or the shelter, where a resident's belongs, too.
      const others = otherIds.flatMap((id) => [`/klien/${id}`, `/klien/${id}/ubah`]);
      for (const path of ['/klien/00000000-0000-4000-8000-000000000000', '/klien/bukan-id/ubah', '/tidak-ada/sama-sekali', ...others]) {
        await page.goto(url + path);
        await page.fill('#passphrase', NEW_PASS);
        await page.click('#unlock-submit');
        const said = path.startsWith('/klien/') ? 'Catatan tidak ditemukan' : 'Halaman ini tidak ada di Naungan';
        await page.locator('.banner.error').filter({ hasText: said }).waitFor({ timeout: 30000 });
        assert.ok(page.url().endsWith(path), page.url());
      }
      await page.click('#nav-residents');
      await page.waitForURL(/\/klien$/);
      await page.getByRole('link', { name: 'Siti Aminah' }).click();
      await page.locator('#profile-name').waitFor();
      await page.waitForURL(/\/klien\/[0-9a-f-]{36}$/);
      await page.goBack();
      await page.waitForURL(/\/klien$/);
      await page.locator('#result-count').waitFor();
    });

    await step(t, page, 'nothing left this machine, and the page threw no errors', async () => {
      const outside = b.requests.filter((u) => !u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:'));
      assert.deepEqual(outside, []);
      assert.deepEqual(b.errors, []);
    });
  } finally {
    await b.close();
  }
});
