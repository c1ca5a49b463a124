// Daily life, in Indonesian: a cohort of 60 residents (brought in from a backup file); two
// enrolled in jahit, a competency signed off, an exam, the field's rates, a training session; the tahajud
// prayer's roll-call taken by keyboard alone with 8 absent, reopened and corrected (one record,
// not two), the rates, her own rate on her profile; a week's chores rota, a swap, printed to PDF
// and read back, a day short of residents; a violation of a house rule with the
// sanction her history suggests, a heavier one with its reason, good conduct, the rules page; a
// schedule added; a roll-call for a day that has not come is refused, and an address naming no
// activity shows "not found".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, checkA11y, open, setUp, step } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BACKUP_PASS = 'cadangan angkatan dua';
const N = 60;
const ABSENT = [2, 7, 13, 21, 30, 38, 45, 59];

/// A day relative to the shelter's today (WIB, UTC+7), as an ISO date.
const day = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const name = (i) => `Klien Uji ${String(i + 1).padStart(2, '0')}`;

/// A backup file of `N` residents of cohort 2026-II, as the documented format has it
/// (docs/backup-format.md), encrypted with pyrage: an independent age implementation.
function cohortBackup() {
  const at = Date.now() - 86400e3;
  const staff = '5b000000-0000-4000-8000-000000000001';
  const records = Array.from({ length: N }, (_, i) => ({
    id: `5a000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    kind: 'resident', rev: 1, created_at: at, updated_at: at, created_by: staff, updated_by: staff,
    deleted: false, versions: { 'e2e-laptop': 1 }, schema: 5,
    data: {
      full_name: name(i), alias: '', birth_date: '1999-04-01', estimated_age: null,
      origin_province: '35', origin_regency: '35.07', family_address: '', contacts: [],
      religion: 'islam', education: 'junior_secondary', marital_status: 'single', children: 0,
      referral_source: 'dinas_sosial', referral_note: '', intake_date: day(-40), cohort: '2026-II',
      papers: { ktp: 'held_by_resident', kk: 'held_by_resident', birth_certificate: 'unknown' },
      register_no: '', statement: null, stage: 'intervention', episode: 1,
    },
  }));
  const text = JSON.stringify(records);
  const doc = `{"format":"naungan-backup","format_version":1,"created_at":"${new Date().toISOString().slice(0, 19)}Z",`
    + `"shelter":"UPT Rehabilitasi Sosial Bina Karya Wanita","app_version":"e2e","record_count":${N},`
    + `"records_sha256":"${createHash('sha256').update(text).digest('hex')}","records":${text}}`;
  const dir = mkdtempSync(join(tmpdir(), 'naungan-guidance-'));
  writeFileSync(join(dir, 'cohort.json'), doc);
  const python = process.env.NAUNGAN_PYTHON;
  assert.ok(python, 'NAUNGAN_PYTHON names a Python with pyrage (make test sets it)');
  execFileSync(python, [join(here, '..', 'interop', 'age_peer.py'), 'encrypt', join(dir, 'cohort.json'), join(dir, 'cohort.age'), BACKUP_PASS]);
  return join(dir, 'cohort.age');
}

const tahajud = (page) => page.locator('#day-activities tr[data-activity="Sholat tahajud berjamaah"]');

test('guidance roll-call by keyboard', async (t) => {
  const { page, url, close } = await open();
  try {
    await step(t, page, 'a cohort of 60 comes in from a backup file', async () => {
      await setUp(page, url);
      await page.locator('#nav-backup').click();
      await page.setInputFiles('#backup-file', cohortBackup());
      await page.fill('#import_pass', BACKUP_PASS);
      await page.click('#open-backup');
      await page.locator('#plan-summary').filter({ hasText: `${N} ditambah` }).waitFor({ timeout: 30000 });
      await page.click('#merge-submit');
      await page.locator('#merge-done').filter({ hasText: `${N} ditambah` }).waitFor();
    });

    await step(t, page, "today's activities: the seeded schedules, nothing taken yet", async () => {
      await page.locator('#nav-guidance').click();
      await tahajud(page).waitFor();
      assert.match(await tahajud(page).innerText(), /03:00[\s\S]*Keagamaan[\s\S]*Belum diabsen/);
      assert.match(await page.textContent('#day-activities'), /Dzikir bersama[\s\S]*Senam pagi/);
      await page.locator('#rates-none').waitFor();
    });

    let href;
    await step(t, page, 'the tahajud roll-call, 8 of 60 absent, by keyboard alone', async () => {
      const link = tahajud(page).getByRole('link', { name: 'Ambil absensi' });
      href = await link.getAttribute('href');
      await link.click();
      await page.locator('#roll tbody tr').nth(N - 1).waitFor();
      assert.equal(await page.locator('#roll tbody tr').count(), N);
      assert.match(await page.textContent('#rc-count'), new RegExp(`${N} klien: ${N} hadir, 0 alpa`));
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'rc-0-present');
      await checkA11y(page, 'the roll-call before marking');
      for (let i = 0; i < N; i++) {
        if (ABSENT.includes(i)) await page.keyboard.press('a');
        if (i < N - 1) await page.keyboard.press('ArrowDown');
      }
      assert.match(await page.textContent('#rc-count'), /60 klien: 52 hadir, 8 alpa, 0 izin, 0 sakit/);
      assert.equal(await page.getAttribute('#rc-59-absent', 'aria-pressed'), 'true');
      assert.equal(await page.getAttribute('#rc-58-present', 'aria-pressed'), 'true');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-rollcall.png'), fullPage: true });
      await page.keyboard.press('Enter');
      await tahajud(page).filter({ hasText: '52 hadir, 8 alpa, 0 izin, 0 sakit' }).waitFor();
      assert.match(await page.textContent('#rates'), /Sholat tahajud berjamaah\s*52\s*8\s*0\s*0\s*87%/);
    });

    await step(t, page, 'the same roll-call reopens for correction, and stays one session', async () => {
      await tahajud(page).getByRole('link', { name: 'Koreksi absensi' }).click();
      await page.locator('#rc-correcting').waitFor();
      assert.equal(await page.getAttribute('#rc-2-absent', 'aria-pressed'), 'true', 'as it was taken');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'rc-0-present');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('s');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('i');
      await page.keyboard.press('Enter');
      await tahajud(page).filter({ hasText: '50 hadir, 8 alpa, 1 izin, 1 sakit' }).waitFor();
      assert.equal(await tahajud(page).count(), 1, 'a correction, not a second session');
      assert.match(await page.textContent('#rates'), /Sholat tahajud berjamaah\s*50\s*8\s*1\s*1\s*83%/);
    });

    await step(t, page, 'her own attendance is on her profile and her timeline', async () => {
      await page.locator('#nav-residents').click();
      await page.getByRole('link', { name: name(3), exact: true }).click();
      await page.locator('#attendance-rates').waitFor();
      assert.match(await page.textContent('#attendance-rates'), /Sholat tahajud berjamaah\s*0\s*0\s*0\s*1/);
      // And on her timeline, a month to an entry.
      await page.click('#timeline-link');
      const month = page.locator('#timeline li[data-kind="attendance_month"]');
      await month.waitFor();
      assert.match(await month.innerText(), /Kehadiran \w+ \d{4}[\s\S]*hadir 0 dari 1 sesi \(0%\); 0 alpa, 0 izin, 1 sakit[\s\S]*Sholat tahajud berjamaah: hadir 0/);
      await page.goBack();
      await page.locator('#attendance-rates').waitFor();
    });

    await step(t, page, 'house rules: a violation is refused without a rule, then gets the sanction her history suggests', async () => {
      await page.locator('#nav-residents').click();
      await page.getByRole('link', { name: name(4), exact: true }).click();
      await page.locator('#conduct-none').waitFor();
      await page.fill('#cd_what', 'Pulang terlambat dua jam tanpa izin');
      await page.click('#conduct-save');
      await page.locator('#cd_rule-error').filter({ hasText: 'wajib' }).waitFor();
      await page.locator('#conduct-none').waitFor();
      await page.selectOption('#cd_rule', { label: 'Keluar asrama tanpa izin' });
      await page.locator('#cd-suggested').filter({ hasText: 'Disarankan: Teguran lisan (pelanggaran ke-1' }).waitFor();
      await page.click('#conduct-save');
      await page.locator('#conduct').filter({ hasText: 'Teguran lisan' }).waitFor();
      // The second time: the next sanction; a heavier one needs a reason.
      await page.selectOption('#cd_rule', { label: 'Keluar asrama tanpa izin' });
      await page.locator('#cd-suggested').filter({ hasText: 'Disarankan: Piket tambahan (pelanggaran ke-2' }).waitFor();
      assert.equal(await page.inputValue('#cd_sanction'), '1', 'the suggestion is chosen');
      await page.fill('#cd_what', 'Keluar malam tanpa pamit');
      await page.selectOption('#cd_sanction', { label: 'Surat peringatan' });
      await page.click('#conduct-save');
      await page.locator('#cd_reason-error').filter({ hasText: 'alasan' }).waitFor();
      await page.fill('#cd_reason', 'Kedua kalinya dalam seminggu');
      await page.click('#conduct-save');
      await page.locator('#conduct').filter({ hasText: 'Surat peringatan (disarankan: Piket tambahan; alasan: Kedua kalinya dalam seminggu)' }).waitFor();
      await page.selectOption('#cd_kind', 'positive');
      await page.fill('#cd_what', 'Membantu teman yang sakit');
      await page.click('#conduct-save');
      await page.locator('#conduct-summary').filter({ hasText: '2 pelanggaran, 1 catatan perilaku baik' }).waitFor();
      assert.match(await page.textContent('#conduct-summary'), /Keluar asrama tanpa izin: 2 kali/);
      if (process.env.E2E_SHOTS) await page.locator('#conduct-card').screenshot({ path: join(ARTIFACTS, 'view-conduct.png') });
      await page.click('#timeline-link');
      await page.locator('#timeline li[data-kind="conduct"]').nth(2).waitFor();
      assert.match(await page.textContent('#timeline'), /Pelanggaran: Keluar asrama tanpa izin[\s\S]*Surat peringatan/);
    });

    await step(t, page, 'the house rules page: a rule retired keeps its history and takes no new violation', async () => {
      await page.goBack();
      await page.click('#rules-link');
      await page.locator('#rules').filter({ hasText: 'Dilaporkan ke kepala UPT' }).waitFor();
      await page.locator('#rules tr', { hasText: 'Memakai telepon genggam' }).locator('.edit-rule').click();
      await page.selectOption('#rule_status', 'retired');
      await page.click('#rule-save');
      await page.locator('#rules tr', { hasText: 'Memakai telepon genggam' }).filter({ hasText: 'Tidak berlaku lagi' }).waitFor();
      await page.fill('#rule_title', 'Merokok di dalam asrama');
      await page.fill('#rule_sanctions', '');
      await page.click('#rule-save');
      await page.locator('#rule_sanctions-error').filter({ hasText: 'wajib' }).waitFor();
      await page.fill('#rule_sanctions', 'Teguran lisan\nPiket tambahan\nSurat peringatan');
      await page.click('#rule-save');
      await page.locator('#rules tr', { hasText: 'Merokok di dalam asrama' }).waitFor();
      await page.goBack();
      await page.locator('#conduct-card').waitFor();
      const offered = await page.$$eval('#cd_rule option', (os) => os.map((o) => o.textContent));
      assert.ok(offered.includes('Merokok di dalam asrama') && !offered.some((o) => o.includes('telepon genggam')), offered.join());
    });

    await step(t, page, 'vocational training: two enrolled in jahit, a competency signed off, an exam', async () => {
      await page.locator('#nav-residents').click();
      await page.getByRole('link', { name: name(5), exact: true }).click();
      await page.locator('#training-none').waitFor();
      await page.selectOption('#en_field', { label: 'Menjahit' });
      await page.click('#enrol-save');
      await page.locator('#training-card h3').filter({ hasText: 'Menjahit, terdaftar sejak' }).waitFor();
      assert.match(await page.textContent('#checklist'), /Mengukur badan\s*Belum/);
      await page.selectOption('#tr_competency', { label: 'Mengukur badan' });
      await page.click('#training-save');
      await page.locator('#tr_level-error').filter({ hasText: 'wajib' }).waitFor();
      await page.selectOption('#tr_level', 'competent');
      await page.click('#training-save');
      await page.locator('.training-progress').filter({ hasText: '1 dari 5 kompetensi' }).waitFor();
      assert.match(await page.textContent('#checklist'), /Mengukur badan\s*\d+ \w+ \d{4}, tingkat kompeten/);
      await page.selectOption('#tr_kind', 'exam');
      await page.selectOption('#tr_passed', 'yes');
      await page.fill('#tr_score', '185');
      await page.click('#training-save');
      await page.locator('#tr_score-error').filter({ hasText: 'antara 0 dan 100' }).waitFor();
      await page.fill('#tr_score', '85');
      await page.click('#training-save');
      await page.locator('#training-events').filter({ hasText: 'lulus, nilai 85' }).waitFor();
      if (process.env.E2E_SHOTS) await page.locator('#training-card').screenshot({ path: join(ARTIFACTS, 'view-training.png') });
      await page.goBack();
      await page.getByRole('link', { name: name(6), exact: true }).click();
      await page.selectOption('#en_field', { label: 'Menjahit' });
      await page.click('#enrol-save');
      await page.locator('#training-card h3').filter({ hasText: 'Menjahit' }).waitFor();
    });

    await step(t, page, "the field's rates and a training session with its roll-call; a retired field takes no one", async () => {
      await page.click('#fields-link');
      const jahit = page.locator('#fields tr[data-field="jahit"]');
      await jahit.waitFor();
      assert.match(await jahit.innerText(), /Menjahit\s*5\s*2\s*0 \(0%\)\s*1 dari 1 \(100%\)/);
      await jahit.getByRole('link', { name: 'Absensi sesi pelatihan' }).click();
      await page.locator('#roll tbody tr').nth(1).waitFor();
      assert.equal(await page.locator('#roll tbody tr').count(), 2, 'those enrolled in the field');
      await page.click('#rollcall-save');
      await page.locator('#rc_title-error').filter({ hasText: 'wajib' }).waitFor();
      await page.fill('#rc_title', 'Membuat pola rok');
      await page.click('#rc-1-absent');
      await page.click('#rollcall-save');
      await page.locator('#training-sessions').filter({ hasText: 'Membuat pola rok' }).waitFor();
      assert.match(await page.textContent('#training-sessions'), /Menjahit[\s\S]*Bu Ratna[\s\S]*1 hadir, 1 alpa/);
      await page.locator('#fields tr[data-field="rias"]').locator('.edit-field').click();
      await page.selectOption('#vf_status', 'retired');
      await page.click('#field-save');
      await page.locator('#fields tr[data-field="rias"]').filter({ hasText: 'Tidak dibuka lagi' }).waitFor();
      await page.locator('#nav-residents').click();
      await page.getByRole('link', { name: name(7), exact: true }).click();
      const offered = await page.$$eval('#en_field option', (os) => os.map((o) => o.textContent));
      assert.ok(offered.includes('Menjahit') && !offered.includes('Tata rias'), offered.join());
    });

    await step(t, page, "a week's chores rota: fair, two residents swapped, printed one week to an A4 page", async () => {
      await page.locator('#nav-guidance').click();
      await page.click('#rota-link');
      await page.locator('#rotas-none').waitFor();
      await page.fill('#rt_from', day(1));
      await page.selectOption('#rt_period', 'week');
      await page.click('#rota-make');
      await page.locator('.rota-week').first().waitFor();
      assert.equal(await page.locator('.rota-week').count(), 1, 'seven days: one week');
      assert.match(await page.textContent('.rota-grid thead'), new RegExp(`${Number(day(1).slice(8))}`));
      // Ten residents a day (the six usual chores) among 60: 70 chores in the week, one or two each.
      const names = await page.$$eval('.rota-grid tbody li', (ls) => ls.map((l) => l.textContent.trim()));
      assert.equal(names.length, 70);
      const per = {};
      for (const n of names) per[n] = (per[n] || 0) + 1;
      assert.ok(Object.values(per).every((c) => c >= 1 && c <= 2) && Object.keys(per).length === N, JSON.stringify(per));
      const firstDay = await page.$$eval('.rota-grid tbody tr', (rows) => rows.flatMap((r) => [...r.children[1].querySelectorAll('li')].map((l) => l.textContent.trim())));
      const first = firstDay[0];
      const free = Array.from({ length: N }, (_, i) => name(i)).find((n) => !firstDay.includes(n));
      await page.selectOption('#sw_date', day(1));
      await page.selectOption('#sw_from', { label: first });
      await page.selectOption('#sw_to', { label: first });
      await page.click('#swap-save');
      await page.locator('#sw_to-error').filter({ hasText: 'diri sendiri' }).waitFor();
      await page.selectOption('#sw_to', { label: free });
      await page.click('#swap-save');
      await page.locator('#swaps').filter({ hasText: `${first} bertukar dengan ${free}` }).waitFor();
      const cell = page.locator('.rota-grid tbody tr').first().locator('td').first();
      assert.match(await cell.innerText(), new RegExp(`${free} ↔`));
      assert.doesNotMatch(await cell.innerText(), new RegExp(`${first}\\b`));
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-rota.png'), fullPage: true });
      const pdf = join(ARTIFACTS, 'chores-rota.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
      assert.match(execFileSync('pdfinfo', [pdf]).toString(), /Page size:\s+841\.\d+ x 59\d\.\d+/, 'A4 landscape');
      assert.match(text, /UPT REHABILITASI SOSIAL BINA KARYA WANITA|UPT Rehabilitasi Sosial Bina Karya Wanita/i);
      assert.match(text, /Jadwal Piket/);
      assert.match(text, /Cucian[\s\S]*Dapur[\s\S]*Halaman[\s\S]*Kamar mandi[\s\S]*Musala[\s\S]*Ruang makan/);
      assert.match(text, new RegExp(`${free} ↔`));
      assert.doesNotMatch(text, /Buat jadwal|Simpan pertukaran/, 'the forms are not printed');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
      assert.equal(pages, 1, 'one week, one page');
    });

    await step(t, page, 'a chore needing more residents than there are: the rota says which days are short', async () => {
      await page.click('a:has-text("Kembali ke jadwal piket")');
      await page.click('#chores-link');
      await page.fill('#ch_name', 'Gudang');
      await page.fill('#ch_needs', '0');
      await page.click('#chore-save');
      await page.locator('#ch_needs-error').filter({ hasText: 'antara 1 dan 60' }).waitFor();
      await page.fill('#ch_needs', '60');
      await page.click('#chore-save');
      await page.locator('#chores tr', { hasText: 'Gudang' }).waitFor();
      await page.click('a:has-text("Kembali ke jadwal piket")');
      await page.fill('#rt_from', day(8));
      await page.click('#rota-make');
      // 70 wanted of 60: the chores are filled in their order, so Gudang (after Cucian and Dapur)
      // lacks 4 and every chore after it lacks its all, every day.
      await page.locator('#rota-short').filter({ hasText: 'Gudang kurang 4 orang' }).waitFor();
      assert.match(await page.textContent('#rota-short'), /Ruang makan kurang 1 orang/);
      assert.equal(await page.locator('#rota-short li').count(), 5 * 7);
      await page.click('a:has-text("Kembali ke jadwal piket")');
      assert.equal(await page.locator('#rotas tbody tr').count(), 2);
    });

    await step(t, page, 'a schedule of her own: a weekly group counselling; a bad time is refused', async () => {
      await page.locator('#nav-guidance').click();
      await page.click('#schedules-link');
      await page.locator('#schedules').filter({ hasText: 'Setiap Kamis' }).waitFor();
      await page.fill('#gs_name', 'Konseling kelompok');
      await page.selectOption('#gs_kind', 'mental');
      await page.selectOption('#gs_activity', 'other');
      await page.selectOption('#gs_repeat', 'weekly');
      await page.fill('#gs_time', '9 pagi');
      await page.click('#schedule-save');
      await page.locator('#gs_time-error').filter({ hasText: 'Tulis jam seperti 03:00' }).waitFor();
      await page.locator('#gs_weekday-error').filter({ hasText: 'wajib' }).waitFor();
      assert.doesNotMatch(await page.textContent('#schedules'), /Konseling kelompok/, 'nothing saved');
      await page.selectOption('#gs_weekday', '0');
      await page.fill('#gs_time', '09:00');
      await page.click('#schedule-save');
      await page.locator('#schedules tr', { hasText: 'Konseling kelompok' }).filter({ hasText: 'Setiap Senin' }).waitFor();
      await page.click('a:has-text("Kembali ke daftar kegiatan")');
      await page.locator('#day-activities').waitFor();
    });

    await step(t, page, 'a one-off activity: named, counted as it says, and opened again for correction', async () => {
      await page.click('#one-off-link');
      await page.locator('#roll tbody tr').nth(N - 1).waitFor();
      await page.click('#rollcall-save');
      await page.locator('#rc_title-error').filter({ hasText: 'wajib' }).waitFor();
      await page.locator('#rc_activity-error').filter({ hasText: 'wajib' }).waitFor();
      await page.fill('#rc_title', 'Penyuluhan kesehatan dari Puskesmas');
      await page.selectOption('#rc_activity', 'other');
      await page.click('#rc-0-sick');
      await page.click('#rollcall-save');
      const row = page.locator('#day-activities tr[data-activity="Penyuluhan kesehatan dari Puskesmas"]');
      await row.filter({ hasText: '59 hadir, 0 alpa, 0 izin, 1 sakit' }).waitFor();
      assert.match(await row.innerText(), /Kegiatan tambahan/);
      await row.getByRole('link', { name: 'Koreksi absensi' }).click();
      await page.locator('#rc-correcting').waitFor();
      assert.equal(await page.getAttribute('#rc-0-sick', 'aria-pressed'), 'true');
      await page.click('#rc-0-present');
      await page.click('#rollcall-save');
      await row.filter({ hasText: '60 hadir, 0 alpa, 0 izin, 0 sakit' }).waitFor();
      assert.equal(await row.count(), 1, 'a correction, not a second session');
    });

    await step(t, page, 'a day that has not come is refused; an unknown activity is not found', async () => {
      const go = (path) => page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
      await go(href.replace(day(0), day(1)));
      await page.locator('#roll tbody tr').nth(N - 1).waitFor();
      await page.click('#rollcall-save');
      await page.locator('#rc_date-error').filter({ hasText: 'tidak boleh setelah hari ini' }).waitFor();
      await page.locator('#rollcall-error').waitFor();
      await go(`/kegiatan?tanggal=${day(1)}`);
      await page.locator('#future-day').waitFor();
      assert.match(await tahajud(page).innerText(), /Belum diabsen/, 'nothing was saved');
      assert.equal(await tahajud(page).getByRole('link').count(), 0, 'no roll-call offered');
      await go('/kegiatan/bukan-id/2026-01-01');
      await page.locator('#not-found').waitFor();
    });
  } finally {
    await close();
  }
});
