// Staff who sign in as themselves: the head adds an instructor, who types their own passphrase;
// the lock screen asks who you are; the instructor signs in, cannot manage staff (by the menu
// or by typing the address); the head resets their passphrase and the instructor must choose
// their own; the head deactivates them and their passphrase no longer opens anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, PASS, checkA11y, fillResident, open, setUp, step } from './harness.mjs';

const BUDI = 'jarum benang kain batik';
const TEMP = 'sandi sementara dari kepala';
const BUDI_OWN = 'mesin jahit warna biru';

async function signIn(page, name, pass) {
  await page.locator('#unlock_staff option', { hasText: name }).waitFor({ state: 'attached' });
  await page.selectOption('#unlock_staff', { label: name });
  await page.fill('#passphrase', pass);
  await page.click('#unlock-submit');
}

async function lock(page) {
  await page.click('#lock');
  await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
  // The app's own lock screen, with the names read from the vault.
  await page.locator('#boot').waitFor({ state: 'detached' });
  await page.locator('#unlock_staff option').first().waitFor({ state: 'attached' });
}

async function staffPage(page) {
  await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.click('#settings-staff');
  await page.getByRole('heading', { name: 'Petugas', exact: true }).waitFor();
}

test('staff sign in as themselves, and a deactivated member opens nothing', async (t) => {
  const { browser, context, page, url, close } = await open();
  try {
    await step(t, page, 'the head sets up and records a resident', async () => {
      await setUp(page, url);
      await fillResident(page, 'Siti Aminah', { alias: 'Melati' });
      assert.match(await page.textContent('main'), /Bu Ratna/, 'the profile says who recorded her');
      // The assessment: bad input first, then answers whose flags suggest referrals.
      await page.click('#assessment-new');
      await page.click('#assessment-save');
      await page.locator('#as_reasons-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      await page.locator('#as_needs-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      assert.equal(await page.locator('#assessment-flags').count(), 0, 'nothing saved');
      await page.check('#as_reason_debt');
      await page.check('#as_indicator_documents_taken');
      await page.check('#as_indicator_debt_bondage');
      await page.fill('#as_health', 'Sering pusing sejak bulan lalu.');
      await page.selectOption('#as_interest_1', 'jahit');
      await page.selectOption('#as_interest_2', 'salon');
      await page.fill('#as_needs', 'KTP baru dan pelatihan menjahit');
      await page.click('#assessment-save');
      await page.locator('#assessment-indicators').filter({ hasText: 'Dokumen diambil, Jeratan utang' }).waitFor();
      await page.locator('#flag-documents').filter({ hasText: 'Dukcapil' }).waitFor();
      await page.locator('#flag-trafficking').filter({ hasText: 'PPA' }).waitFor();
      assert.equal(await page.locator('#flag-minor').count(), 0);
      assert.match(await page.textContent('#assessment-answers'), /jahit → salon/);
      // Papers taken: the flag opens a referral draft to Dukcapil (tests/e2e/partners.test.mjs).
      assert.match(await page.getAttribute('#flag-documents a', 'href'), /\/rujukan-baru\/dukcapil$/);
      // A confidential counselling note, with a follow-up on the head's task list.
      await page.fill('#note_text', 'Klien bercerita bahwa KTP-nya ditahan mucikari di Surabaya.');
      await page.fill('#note_follow_up', 'Hubungi Dukcapil untuk KTP baru');
      await page.click('#note-save');
      await page.locator('#note_due-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      assert.doesNotMatch(await page.textContent('#notes-card'), /mucikari/, 'nothing saved');
      const today = await page.inputValue('#note_date'); // the shelter's today (WIB), as the form has it
      await page.fill('#note_due', today);
      assert.ok(await page.isChecked('#note_confidential'), 'a counsellor\'s note is confidential unless unticked');
      await page.click('#note-save');
      await page.locator('#notes').filter({ hasText: 'KTP-nya ditahan mucikari' }).waitFor();
      assert.match(await page.textContent('#notes'), /rahasia/);
      // And one shared with the team.
      await page.uncheck('#note_confidential');
      await page.selectOption('#note_kind', 'interview');
      await page.fill('#note_text', 'Klien ingin belajar menjahit.');
      await page.click('#note-save');
      await page.locator('#notes').filter({ hasText: 'ingin belajar menjahit' }).waitFor();
      await checkA11y(page, 'a profile with notes');
      // Her timeline: the notes and her first stage, newest first.
      await page.click('#timeline-link');
      await page.locator('#timeline').filter({ hasText: 'KTP-nya ditahan mucikari' }).waitFor();
      assert.match(await page.textContent('#timeline'), /ingin belajar menjahit[\s\S]*Pendekatan awal dan penerimaan/);
      await checkA11y(page, 'a timeline');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-timeline.png'), fullPage: true });
      await page.locator('header nav a').first().click();
      await page.locator('#my-tasks').filter({ hasText: 'Hubungi Dukcapil untuk KTP baru' }).waitFor();
      await checkA11y(page, 'the dashboard with my tasks');
      assert.match(await page.textContent('#my-tasks'), /Siti Aminah/);
    });

    await step(t, page, 'adding a staff member refuses bad input and changes nothing', async () => {
      await staffPage(page);
      await checkA11y(page, 'the staff list');
      assert.equal(await page.locator('#staff-list tbody tr').count(), 1);
      await page.fill('#staff_name', 'bu  ratna');
      await page.fill('#staff_passphrase', BUDI);
      await page.fill('#staff_passphrase_again', BUDI);
      await page.click('#add-staff-submit');
      await page.locator('#staff-error').filter({ hasText: 'Sudah ada petugas dengan nama ini' }).waitFor();
      await page.fill('#staff_name', 'Pak Budi');
      await page.fill('#staff_phone', '12ab');
      await page.fill('#staff_passphrase', 'pendek');
      await page.fill('#staff_passphrase_again', 'pendek');
      await page.click('#add-staff-submit');
      await page.locator('#staff_passphrase-error').filter({ hasText: 'terlalu mudah ditebak' }).waitFor();
      await page.locator('#staff_phone-error').filter({ hasText: /./ }).waitFor();
      assert.equal(await page.locator('#staff-list tbody tr').count(), 1, 'nobody was added');
    });

    await step(t, page, 'the head adds an instructor, who types their own passphrase', async () => {
      await page.fill('#staff_phone', '0812-3456-7890');
      await page.fill('#staff_nip', '198001012006042001');
      await page.selectOption('#staff_role', 'instructor');
      await page.fill('#staff_passphrase', BUDI);
      await page.fill('#staff_passphrase_again', BUDI);
      await page.click('#add-staff-submit');
      await page.locator('.notice, [role=status]').filter({ hasText: 'Pak Budi ditambahkan' }).first().waitFor({ timeout: 30000 });
      const row = page.locator('#staff-list tr[data-staff="Pak Budi"]');
      await row.filter({ hasText: 'Instruktur' }).filter({ hasText: 'Sudah ada' }).waitFor();
      await checkA11y(page, 'the staff list with two members');
    });

    await step(t, page, 'the lock screen asks who you are; a wrong passphrase for the name is refused', async () => {
      await lock(page);
      const names = await page.locator('#unlock_staff option').allTextContents();
      assert.deepEqual(names.sort(), ['Bu Ratna', 'Pak Budi']);
      await checkA11y(page, 'the lock screen with names');
      await signIn(page, 'Pak Budi', PASS);
      await page.locator('#unlock-error').filter({ hasText: 'Kata sandi salah' }).waitFor({ timeout: 30000 });
    });

    await step(t, page, 'the instructor signs in, sees restricted fields as dibatasi, and cannot edit or manage staff, by the menu or the address', async () => {
      await signIn(page, 'Pak Budi', BUDI);
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.getByRole('link', { name: 'Siti Aminah' }).click();
      await page.locator('#profile-name').filter({ hasText: 'Siti Aminah' }).waitFor();
      // Her name and origin, yes; her family's contacts, background and papers: "dibatasi".
      await page.locator('#social-restricted').filter({ hasText: 'dibatasi' }).waitFor();
      await page.locator('#papers-restricted').filter({ hasText: 'dibatasi' }).waitFor();
      // Notes are not an instructor's to read, shared or confidential.
      await page.locator('#notes-restricted').filter({ hasText: 'dibatasi' }).waitFor();
      assert.doesNotMatch(await page.textContent('main'), /mucikari|menjahit|pusing|Jeratan/);
      assert.equal(await page.locator('#assessment-card').count(), 0, 'no assessment for an instructor');
      assert.ok(await page.locator('.restricted').count() >= 5, 'each hidden field says so');
      // Her timeline, as an instructor sees it: her stages, none of the notes.
      await page.click('#timeline-link');
      await page.locator('#timeline').filter({ hasText: 'Pendekatan awal dan penerimaan' }).waitFor();
      assert.equal(await page.locator('#timeline li[data-kind=case_note], #timeline li[data-kind=assessment]').count(), 0);
      await page.click('text=Kembali ke profil');
      await page.locator('#profile-name').filter({ hasText: 'Siti Aminah' }).waitFor();
      assert.equal(await page.locator('#edit-resident').count(), 0, 'an instructor does not edit residents');
      await checkA11y(page, 'a profile as an instructor sees it');
      const profileUrl = page.url();
      await page.goto(profileUrl + '/ubah');
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await signIn(page, 'Pak Budi', BUDI);
      await page.locator('#restricted-page').waitFor({ timeout: 30000 });
      assert.equal(await page.locator('#full_name').count(), 0, 'no form by typing the address');
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      assert.equal(await page.locator('#new-resident').count(), 0);
      await staffPage(page);
      await page.locator('#staff-restricted').waitFor();
      assert.equal(await page.locator('#staff-list').count(), 0, 'no list');
      assert.equal(await page.locator('#add-staff').count(), 0, 'no form');
      await page.goto(new URL('/pengaturan/petugas', url).href);
      await page.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await signIn(page, 'Pak Budi', BUDI);
      await page.locator('#staff-restricted').waitFor({ timeout: 30000 });
      assert.equal(await page.locator('#staff-list').count(), 0);
      await checkA11y(page, 'the staff page for an instructor');
      await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
      assert.equal(await page.locator('#settings-access').count(), 0, 'no way to the record of who did what');
    });

    await step(t, page, 'the head resets the instructor\'s passphrase; the instructor must choose their own', async () => {
      await lock(page);
      await signIn(page, 'Bu Ratna', PASS);
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await staffPage(page);
      await page.locator('#staff-list tr[data-staff="Pak Budi"] .give-passphrase').click();
      await page.fill('#member_passphrase', TEMP);
      await page.fill('#member_passphrase_again', TEMP);
      await page.click('#member-passphrase-submit');
      await page.locator('.notice, [role=status]').filter({ hasText: 'Kata sandi Pak Budi tersimpan' }).first().waitFor({ timeout: 30000 });
      await lock(page);
      await signIn(page, 'Pak Budi', BUDI);
      await page.locator('#unlock-error').filter({ hasText: 'Kata sandi salah' }).waitFor({ timeout: 30000 });
      await signIn(page, 'Pak Budi', TEMP);
      await page.getByRole('heading', { name: 'Buat kata sandi Anda sendiri' }).waitFor({ timeout: 30000 });
      await checkA11y(page, 'choosing one\'s own passphrase');
      await page.fill('#new_passphrase', BUDI_OWN);
      await page.fill('#new_passphrase_again', BUDI_OWN);
      await page.click('#own-passphrase-submit');
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await lock(page);
      await signIn(page, 'Pak Budi', BUDI_OWN);
      await page.locator('#lock').waitFor({ timeout: 30000 });
    });

    await step(t, page, 'a role with the restricted key, then one without: the second change replaces the key', async () => {
      const changeRole = async (role) => {
        await lock(page);
        await signIn(page, 'Bu Ratna', PASS);
        await page.locator('#lock').waitFor({ timeout: 30000 });
        await staffPage(page);
        await page.locator('#staff-list tr[data-staff="Pak Budi"] .change-role').click();
        await page.selectOption('#member_role', role);
        await page.click('#member-role-submit');
        await page.locator('.notice, [role=status]').filter({ hasText: 'Jabatan Pak Budi diubah' }).first().waitFor({ timeout: 60000 });
      };
      const budiSees = async () => {
        await lock(page);
        await signIn(page, 'Pak Budi', BUDI_OWN);
        await page.locator('#lock').waitFor({ timeout: 30000 });
        await page.getByRole('link', { name: 'Klien', exact: true }).click();
        await page.getByRole('link', { name: 'Siti Aminah' }).click();
        await page.locator('#profile-name').filter({ hasText: 'Siti Aminah' }).waitFor();
        return page.textContent('main');
      };
      await changeRole('psychologist');
      assert.match(await budiSees(), /KTP-nya ditahan mucikari/, 'a psychologist reads the confidential note');
      await changeRole('instructor');
      const after = await budiSees();
      assert.doesNotMatch(after, /mucikari/);
      await page.locator('#notes-restricted').filter({ hasText: 'dibatasi' }).waitFor();
    });

    await step(t, page, 'the head deactivates the instructor; the key is replaced', async () => {
      await lock(page);
      await signIn(page, 'Bu Ratna', PASS);
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await staffPage(page);
      assert.equal(await page.locator('#staff-list tr[data-staff="Bu Ratna"] .deactivate').count(), 0,
        'nobody is offered to deactivate themselves');
      await page.locator('#staff-list tr[data-staff="Pak Budi"] .deactivate').click();
      await page.locator('#member-deactivate').waitFor();
      await checkA11y(page, 'the deactivation question');
      await page.click('#confirm-deactivate');
      await page.locator('.notice, [role=status]').filter({ hasText: 'Pak Budi dinonaktifkan' }).first().waitFor({ timeout: 60000 });
      await page.locator('#staff-list tr[data-staff="Pak Budi"]').filter({ hasText: 'Nonaktif' }).waitFor();
    });

    await step(t, page, 'the deactivated instructor is not offered, and their passphrase opens nothing', async () => {
      await lock(page);
      assert.deepEqual(await page.locator('#unlock_staff option').allTextContents(), ['Bu Ratna']);
      await page.fill('#passphrase', BUDI_OWN);
      await page.click('#unlock-submit');
      await page.locator('#unlock-error').filter({ hasText: 'Kata sandi salah' }).waitFor({ timeout: 30000 });
      await signIn(page, 'Bu Ratna', PASS);
      await page.locator('#lock').waitFor({ timeout: 30000 });
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.getByRole('link', { name: 'Siti Aminah' }).waitFor();
    });

    await step(t, page, 'the head reads the record of who did what: whole, filtered, as CSV', async () => {
      await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
      await page.click('#settings-access');
      await page.getByRole('heading', { name: 'Catatan akses' }).waitFor();
      await page.locator('#access-whole').filter({ hasText: 'Catatan utuh' }).waitFor();
      assert.match(await page.textContent('main'), /UU No\. 27 Tahun 2022/);
      await checkA11y(page, 'the record of who did what');
      const actions = await page.locator('#access-log tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.action));
      for (const a of ['sign_in', 'sign_in_failed', 'create', 'change', 'staff_change', 'key_rotation', 'view_restricted']) {
        assert.ok(actions.includes(a), `${a} is in the record: ${actions}`);
      }
      // Pak Budi's doings only: his sign-ins, failed ones, and nothing of the head's.
      await page.selectOption('#log_staff', { label: 'Pak Budi' });
      const rows = page.locator('#access-log tbody tr');
      await rows.first().waitFor();
      const theirs = await rows.allTextContents();
      assert.ok(theirs.every((r) => r.includes('Pak Budi')), theirs.join('\n'));
      assert.ok(theirs.some((r) => r.includes('Gagal masuk')), 'his wrong passphrase is there');
      // The resident filter finds what was done to her record, by name; values never appear.
      await page.selectOption('#log_staff', '');
      await page.fill('#log_resident', 'siti');
      await rows.first().waitFor();
      const hers = await rows.allTextContents();
      assert.ok(hers.length >= 1 && hers.every((r) => r.includes('Siti Aminah')), hers.join('\n'));
      assert.ok(!hers.join(' ').includes('Melati'), 'the alias field is named, its value is not');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#access-csv')]);
      const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
      assert.match(csv, /^\uFEFF"Waktu";"/, 'UTF-8 with a BOM, `;` between cells in Indonesian');
      assert.match(csv, /Siti Aminah/);
      assert.equal(csv.trim().split('\r\n').length, hers.length + 1, 'a header and the rows shown');
    });
  } finally {
    await close();
  }
});

test('a tab still holding the old key goes to the lock screen and says why', async (t) => {
  const { context, page, url, close } = await open();
  try {
    let other;
    await step(t, page, 'the head is signed in in two tabs, and an instructor has a passphrase', async () => {
      await setUp(page, url);
      await staffPage(page);
      await page.fill('#staff_name', 'Pak Budi');
      await page.selectOption('#staff_role', 'instructor');
      await page.fill('#staff_passphrase', BUDI);
      await page.fill('#staff_passphrase_again', BUDI);
      await page.click('#add-staff-submit');
      await page.locator('#staff-list tr[data-staff="Pak Budi"]').filter({ hasText: 'Sudah ada' }).waitFor({ timeout: 30000 });
      other = await context.newPage();
      await other.goto(url);
      await other.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await other.locator('#boot').waitFor({ state: 'detached' });
      await signIn(other, 'Bu Ratna', PASS);
      await other.locator('#lock').waitFor({ timeout: 30000 });
    });

    await step(t, page, 'the first tab deactivates the instructor; the second is locked and told, the first stays open', async () => {
      await page.bringToFront();
      await page.locator('#staff-list tr[data-staff="Pak Budi"] .deactivate').click();
      await page.click('#confirm-deactivate');
      await page.locator('#staff-list tr[data-staff="Pak Budi"]').filter({ hasText: 'Nonaktif' }).waitFor({ timeout: 60000 });
      await other.bringToFront();
      await other.evaluate(() => window.dispatchEvent(new Event('focus')));
      await other.getByText('kunci data diganti di tab lain').waitFor({ timeout: 30000 });
      await other.getByRole('heading', { name: 'Buka Naungan' }).waitFor();
      await checkA11y(other, 'the lock screen after the key was replaced elsewhere');
      assert.equal(await page.locator('#lock').count(), 1, 'the tab that replaced the key is still open');
      await signIn(other, 'Bu Ratna', PASS);
      await other.locator('#lock').waitFor({ timeout: 30000 });
    });
  } finally {
    await close();
  }
});

test('on a laptop restored from a backup, the other staff have no passphrase until one is set there', async (t) => {
  const a = await open();
  const b = await open();
  const file = join(ARTIFACTS, 'staff-laptop-a.age');
  try {
    await step(t, a.page, 'laptop A: the head and an instructor, then a backup', async () => {
      await setUp(a.page, a.url);
      await staffPage(a.page);
      await a.page.fill('#staff_name', 'Pak Budi');
      await a.page.selectOption('#staff_role', 'instructor');
      await a.page.fill('#staff_passphrase', BUDI);
      await a.page.fill('#staff_passphrase_again', BUDI);
      await a.page.click('#add-staff-submit');
      await a.page.locator('#staff-list tr[data-staff="Pak Budi"]').filter({ hasText: 'Sudah ada' }).waitFor({ timeout: 30000 });
      await a.page.getByRole('link', { name: 'Cadangan', exact: true }).click();
      await a.page.fill('#backup_pass', 'cadangan bulan desember');
      await a.page.fill('#backup_pass_again', 'cadangan bulan desember');
      const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#export-submit')]);
      await download.saveAs(file);
    });

    await step(t, b.page, 'laptop B: restored by the head; Pak Budi is listed without a passphrase here, and gets one', async () => {
      const { page, url } = b;
      await page.goto(url);
      await page.click('#restore-link');
      await page.setInputFiles('#restore-file', file);
      await page.fill('#restore_backup_pass', 'cadangan bulan desember');
      await page.click('#restore-open');
      await page.locator('#restore-staff').waitFor({ timeout: 30000 });
      const head = await page.locator('#restore-staff option', { hasText: 'Bu Ratna' }).getAttribute('value');
      await page.selectOption('#restore-staff', head);
      await page.fill('#passphrase', PASS);
      await page.fill('#passphrase_again', PASS);
      await page.click('#restore-submit');
      await page.locator('#recovery-code').waitFor({ timeout: 30000 });
      await page.check('#recovery-stored');
      await page.click('#recovery-continue');
      await page.locator('#lock').waitFor();
      await staffPage(page);
      const row = page.locator('#staff-list tr[data-staff="Pak Budi"]');
      await row.filter({ hasText: 'belum punya kata sandi di laptop ini' }).waitFor();
      await checkA11y(page, 'the staff list on a restored laptop');
      await row.locator('.give-passphrase').filter({ hasText: 'Buat kata sandi' }).click();
      await page.fill('#member_passphrase', 'jarum benang di laptop kedua');
      await page.fill('#member_passphrase_again', 'jarum benang di laptop kedua');
      await page.click('#member-passphrase-submit');
      await row.filter({ hasText: 'Sudah ada' }).waitFor({ timeout: 30000 });
      await lock(page);
      await signIn(page, 'Pak Budi', 'jarum benang di laptop kedua');
      await page.locator('#lock').waitFor({ timeout: 30000 });
    });
  } finally {
    await a.close();
    await b.close();
  }
});
