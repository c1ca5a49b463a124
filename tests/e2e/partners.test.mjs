// Partners and referrals as a social worker and the head do them, in Indonesian: a Puskesmas and
// Dukcapil in the directory (one MoU ending soon, one ended), a resident's consent to share with
// Dukcapil, a referral opened from her assessment's flag, bad input refused, the letter printed
// to PDF and read back, the referral accepted and completed; then her consent withdrawn, which
// stops a new referral without a written reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, checkA11y, fillResident, open, setUp, step } from './harness.mjs';

/// A day relative to the shelter's today (WIB, UTC+7), as an ISO date.
const day = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const year = day(0).slice(0, 4);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const month = ROMAN[Number(day(0).slice(5, 7)) - 1];

async function addPartner(page, { name, kind, regency, contact, phone, start, end }) {
  await page.fill('#pt_name', name);
  await page.selectOption('#pt_kind', kind);
  await page.selectOption('#pt_regency', regency);
  await page.fill('#pt_contact1', contact);
  await page.fill('#pt_phone1', phone);
  await page.fill('#pt_mou_start', start);
  await page.fill('#pt_mou_end', end);
  await page.click('#partner-save');
  await page.locator('#partners').filter({ hasText: name }).waitFor();
}

test('partners, consent and a referral from an assessment flag to its printed letter', async (t) => {
  const { page, url, close } = await open();
  try {
    await step(t, page, 'the directory: a partner without a name is refused; a Puskesmas and Dukcapil are added', async () => {
      await setUp(page, url);
      // The letterhead's address and the letter-number pattern are the shelter's settings.
      await page.click('#nav-settings');
      await page.fill('#shelter_address', 'Jl. Raya Kedung Kandang 12, Malang');
      await page.fill('#letter_pattern', 'RSBKW/{year}');
      await page.click('#save-shelter');
      await page.locator('#letter_pattern-error').filter({ hasText: 'harus memuat {n}' }).waitFor();
      await page.fill('#letter_pattern', '{n}/UPT-BKW/{month}/{year}');
      await page.click('#save-shelter');
      await page.getByText('Pengaturan lembaga tersimpan.').waitFor();
      await page.click('#nav-partners');
      await page.getByRole('heading', { level: 1, name: 'Mitra dan rujukan' }).waitFor();
      await page.locator('#partners-none').waitFor();
      await page.click('#partner-save');
      await page.locator('#pt_name-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      await page.locator('#pt_kind-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      assert.equal(await page.locator('#partners').count(), 0, 'nothing saved');
      await addPartner(page, { name: 'Puskesmas Kedungkandang', kind: 'puskesmas', regency: '35.73', contact: 'dr. Sari', phone: '0341 712345', start: day(-300), end: day(30) });
      await addPartner(page, { name: 'Dukcapil Kabupaten Malang', kind: 'dukcapil', regency: '35.07', contact: 'Pak Hadi', phone: '0341 393000', start: day(-400), end: day(-5) });
      const rows = await page.locator('#partners tbody tr').allTextContents();
      assert.equal(rows.length, 2);
      assert.match(rows[0], /Dukcapil Kabupaten Malang.*Kabupaten Malang.*Pak Hadi \(0341 393000\).*sudah lewat/);
      assert.match(rows[1], /Puskesmas Kedungkandang.*Kota Malang.*\(segera\)/);
      // Search by name and by type.
      await page.fill('#partner_search', 'kedung');
      await page.locator('#partners tbody tr').filter({ hasText: 'Puskesmas' }).waitFor();
      assert.equal(await page.locator('#partners tbody tr').count(), 1);
      await page.fill('#partner_search', '');
      await page.selectOption('#partner_kind_filter', 'dukcapil');
      await page.locator('#partners tbody tr').filter({ hasText: 'Dukcapil' }).waitFor();
      assert.equal(await page.locator('#partners tbody tr').count(), 1);
      await checkA11y(page, 'the partner directory');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-partners.png'), fullPage: true });
    });

    await step(t, page, 'the dashboard names the MoU ending within 60 days', async () => {
      await page.locator('header nav a').first().click();
      await page.locator('#partner-alerts').filter({ hasText: 'MoU Puskesmas Kedungkandang berakhir' }).waitFor();
      assert.doesNotMatch(await page.textContent('#partner-alerts'), /Dukcapil/, 'an MoU already ended is not "ending"');
    });

    await step(t, page, 'her consent to share with Dukcapil: refused without what may be shared, then saved', async () => {
      await fillResident(page, 'Siti Aminah', { alias: 'Melati' });
      await page.click('#assessment-new');
      await page.check('#as_reason_debt');
      await page.check('#as_indicator_documents_taken');
      await page.fill('#as_needs', 'KTP baru dan pelatihan menjahit');
      await page.click('#assessment-save');
      await page.locator('#flag-documents').filter({ hasText: 'Dukcapil' }).waitFor();
      const dukcapil = await page.locator('#cs_partner option', { hasText: 'Dukcapil' }).getAttribute('value');
      await page.selectOption('#cs_partner', dukcapil);
      await page.fill('#cs_witness', 'Bu Ratna');
      await page.click('#consent-save');
      await page.locator('#cs_shares-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      assert.equal(await page.locator('#consents').count(), 0, 'nothing saved');
      await page.check('#cs_share_identity');
      await page.check('#cs_share_identity_papers');
      await page.click('#consent-save');
      await page.locator('#consents').filter({ hasText: 'Dukcapil Kabupaten Malang' }).waitFor();
      assert.match(await page.textContent('#consents'), /Identitas \(nama, umur, asal\), Dokumen kependudukan \(KTP, KK\).*Bu Ratna.*Berlaku/);
      await checkA11y(page, 'a profile with a consent');
    });

    await step(t, page, 'the flag opens a referral draft filled in; an answer date before the referral is refused', async () => {
      await page.click('#flag-documents a');
      await page.locator('#rf-from-flag').waitFor();
      assert.match(await page.inputValue('#rf_reason'), /KTP\/KK klien ditahan/);
      assert.match(await page.locator('#rf_partner option:checked').textContent(), /Dukcapil Kabupaten Malang/);
      await page.locator('#rf-consent').filter({ hasText: 'Ada persetujuan berbagi data' }).waitFor();
      await page.locator('#rf-mou-expired').filter({ hasText: 'MoU dengan mitra ini sudah berakhir' }).waitFor();
      await page.fill('#rf_expected', day(-1));
      await page.click('#referral-save');
      await page.locator('#rf_expected-error').filter({ hasText: 'sebelum tanggal rujukan' }).waitFor();
      await checkA11y(page, 'the referral form');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-referral-form.png'), fullPage: true });
      await page.fill('#rf_expected', day(14));
      await page.click('#referral-save');
      await page.locator('#referrals').filter({ hasText: 'Dukcapil Kabupaten Malang' }).waitFor();
      assert.match(await page.textContent('#referrals'), /Draf/);
    });

    await step(t, page, 'sent: it gets the year\'s first number; the letter prints on A4 with the number and the partner', async () => {
      await page.locator('#referrals a', { hasText: 'Dukcapil' }).click();
      await page.locator('#referral-facts').waitFor();
      assert.match(await page.textContent('#referral-facts'), /Nomor surat diberikan saat rujukan ditandai terkirim/);
      await page.selectOption('#rf_move_to', 'sent');
      await page.click('#move-save');
      const number = `001/UPT-BKW/${month}/${year}`;
      await page.locator('#referral-facts').filter({ hasText: number }).waitFor();
      await checkA11y(page, 'a referral sent');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-referral.png'), fullPage: true });
      await page.click('#letter-link');
      await page.locator('#referral-letter').waitFor();
      await checkA11y(page, 'the referral letter');
      const pdf = join(ARTIFACTS, 'referral-letter.pdf');
      await page.pdf({ path: pdf, format: 'A4' });
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
      assert.ok(text.includes(number), `the number ${number} is printed`);
      assert.match(text, /Dukcapil Kabupaten Malang/);
      assert.match(text, /Siti Aminah/);
      assert.match(text, /UPT REHABILITASI SOSIAL BINA KARYA WANITA|UPT Rehabilitasi Sosial Bina Karya Wanita/);
      assert.match(text, /Jl\. Raya Kedung Kandang 12, Malang/, 'the letterhead');
      assert.match(text, /KTP: /, 'her papers: she consented to share them');
      assert.doesNotMatch(text, /Telepon/, 'her phone numbers: she did not');
      assert.match(text, /Kepala UPT/);
      assert.doesNotMatch(text, /Cetak|Pengaturan|Beranda/, 'the app around it is not printed');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
      assert.equal(pages, 1);
      assert.match(execFileSync('pdfinfo', [pdf]).toString(), /Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/, 'A4 portrait');
    });

    await step(t, page, 'accepted, then completed, each dated with its outcome; a completed referral moves no further', async () => {
      await page.goBack();
      await page.locator('#referral-facts').waitFor();
      await page.selectOption('#rf_move_to', 'accepted');
      await page.fill('#rf_move_note', 'Dijadwalkan perekaman KTP');
      await page.click('#move-save');
      await page.locator('#referral-history').filter({ hasText: 'Dijadwalkan perekaman KTP' }).waitFor();
      await page.selectOption('#rf_move_to', 'completed');
      await page.fill('#rf_move_note', 'KTP dan KK baru sudah terbit');
      await page.click('#move-save');
      await page.locator('#referral-closed').waitFor();
      const history = await page.locator('#referral-history tbody tr').allTextContents();
      assert.deepEqual(history.map((r) => /Draf|Terkirim|Diterima|Selesai/.exec(r)[0]), ['Draf', 'Terkirim', 'Diterima', 'Selesai']);
      await page.click('#back-to-profile');
      await page.locator('#referrals').filter({ hasText: 'Selesai' }).waitFor();
      await page.click('#timeline-link');
      await page.locator('#timeline').filter({ hasText: 'Dukcapil Kabupaten Malang' }).waitFor();
      await page.goBack();
      await page.locator('#referrals').waitFor();
    });

    await step(t, page, 'her consent withdrawn: a new referral to Dukcapil needs a written reason, and shows it', async () => {
      await page.click('.withdraw-consent');
      await page.locator('#consents').filter({ hasText: 'Ditarik' }).waitFor();
      await page.click('#new-referral');
      const dukcapil = await page.locator('#rf_partner option', { hasText: 'Dukcapil' }).getAttribute('value');
      await page.selectOption('#rf_partner', dukcapil);
      await page.locator('#rf-consent').filter({ hasText: 'Tidak ada persetujuan yang berlaku' }).waitFor();
      await page.fill('#rf_reason', 'Perlu salinan akta kelahiran');
      await page.fill('#rf_services', 'Penerbitan akta kelahiran');
      await page.click('#referral-save');
      await page.locator('#rf_override-error').filter({ hasText: 'belum memberi persetujuan' }).waitFor();
      await page.fill('#rf_override', 'Klien sakit dan walinya menyetujui lewat telepon');
      await page.click('#referral-save');
      await page.locator('#referrals tbody tr').nth(1).waitFor();
      await page.locator('#referrals a', { hasText: 'Dukcapil' }).first().click();
      await page.locator('#referral-facts').filter({ hasText: 'Dibuat tanpa persetujuan klien. Alasan: Klien sakit' }).waitFor();
    });
  } finally {
    await close();
  }
});
