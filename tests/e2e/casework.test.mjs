// Casework as a social worker does it, in Indonesian: one resident from intake through her
// stages, assessment (a flag and its suggested action), case conference and plan (versions and
// a review), discharge with a starter kit, and a
// recorded 1-month aftercare follow-up, with the dashboard's due list changing; the discharge
// summary printed to PDF and read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, checkA11y, open, setUp, step } from './harness.mjs';

/// A day relative to the shelter's today (WIB, UTC+7), as an ISO date.
const day = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

async function move(page, to, date, label) {
  await page.selectOption('#stage_to', to);
  await page.fill('#stage_date', date);
  await page.click('#stage-save');
  await page.locator('#stage-now').filter({ hasText: label }).waitFor();
}

test('a case from intake to aftercare', async (t) => {
  const { page, url, close } = await open();
  try {
    await step(t, page, 'intake: she is registered at the first stage', async () => {
      await setUp(page, url);
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.click('#new-resident');
      await page.fill('#full_name', 'Wulan Sari');
      await page.fill('#birth_date', '2001-05-09');
      await page.fill('#origin_province', 'Jawa Timur');
      await page.fill('#origin_regency', 'Kabupaten Jember');
      await page.fill('#cohort', '2026-I');
      await page.fill('#intake_date', day(-200));
      await page.fill('#statement_date', day(-200));
      await page.fill('#statement_witness', 'Bu Ratna dan ibu klien');
      await page.click('#save-resident');
      await page.locator('#profile-name').filter({ hasText: 'Wulan Sari' }).waitFor();
      assert.equal(await page.textContent('#stage-now'), 'Pendekatan awal dan penerimaan');
      assert.equal(await page.locator('#aftercare-card').count(), 0, 'no discharge before terminasi');
    });

    await step(t, page, 'assessment: a flag appears with its suggested referral', async () => {
      await move(page, 'assessment', day(-190), 'Pengungkapan dan pemahaman masalah');
      await page.click('#assessment-new');
      await page.check('#as_reason_deceived_or_trafficked');
      await page.check('#as_indicator_deceptive_recruitment');
      await page.check('#as_indicator_restricted_movement');
      await page.selectOption('#as_interest_1', 'tataboga');
      await page.fill('#as_needs', 'Pendampingan hukum, keterampilan memasak');
      await page.fill('#as_date', day(-185));
      await page.click('#assessment-save');
      await page.locator('#flag-trafficking').filter({ hasText: 'Unit PPA' }).waitFor();
      assert.equal(await page.locator('#flag-documents').count(), 0, 'her papers were not taken');
      await checkA11y(page, 'a profile with an assessment and its flag');
    });

    await step(t, page, 'ATENSI services with their aid value; bad rupiah is refused', async () => {
      await page.fill('#at_date', day(-150));
      await page.selectOption('#at_component', 'therapy_psychosocial');
      await page.fill('#at_description', 'Konseling kelompok bersama psikolog');
      await page.click('#atensi-save');
      await page.locator('#atensi').filter({ hasText: 'Terapi psikososial' }).waitFor();
      await page.fill('#at_date', day(-140));
      await page.selectOption('#at_component', 'basic_needs');
      await page.fill('#at_description', 'Pakaian dan perlengkapan mandi');
      await page.fill('#at_value', '12,5');
      await page.click('#atensi-save');
      await page.locator('#at_value-error').filter({ hasText: 'rupiah utuh' }).waitFor();
      await page.fill('#at_value', '350.000');
      await page.click('#atensi-save');
      await page.locator('#atensi-total').filter({ hasText: 'Rp 350.000' }).waitFor();
    });

    await step(t, page, 'to the planning stage; a jump is not even offered', async () => {
      // A stage the table does not allow from here is not even offered.
      const offered = await page.$$eval('#stage_to option', (os) => os.map((o) => o.value));
      assert.ok(!offered.includes('termination') && !offered.includes('closed'), offered.join());
      await move(page, 'planning', day(-170), 'Rencana pemecahan masalah');
    });

    await step(t, page, 'case conference, then the plan from her assessment, revised and reviewed', async () => {
      // Whoever records it was there; without anyone present it is refused.
      assert.ok(await page.isChecked('#cc_participant_1'));
      await page.uncheck('#cc_participant_1');
      await page.fill('#cc_date', day(-172));
      await page.fill('#cc_findings', 'Direkrut dengan janji kerja di restoran; dilarang keluar.');
      await page.fill('#cc_decisions', 'Pelatihan tataboga; pendampingan hukum.');
      await page.click('#conference-save');
      await page.locator('#cc_participants-error').filter({ hasText: 'wajib' }).waitFor();
      await page.check('#cc_participant_1');
      await page.click('#conference-save');
      await page.locator('#conferences').filter({ hasText: 'Pelatihan tataboga' }).waitFor();

      await page.click('#plan-new');
      assert.equal(await page.inputValue('#pl_field'), 'tataboga', 'her first interest in the assessment');
      assert.match(await page.inputValue('#pl_findings'), /Pendampingan hukum/);
      await page.fill('#pl_date', day(-170));
      await page.fill('#pl_goal_1', 'Mampu memasak dan menjual kue');
      await page.fill('#pl_indicator_1', 'Lulus uji praktik tataboga');
      await page.fill('#pl_target_1', day(-175));
      await page.fill('#pl_activity_1', 'Pelatihan tataboga');
      await page.click('#plan-save');
      await page.locator('#pl_target_1-error').filter({ hasText: 'sebelum tanggal rencana' }).waitFor();
      await page.locator('#pl_role_1-error').filter({ hasText: 'wajib' }).waitFor();
      await page.fill('#pl_target_1', day(-60));
      await page.selectOption('#pl_role_1', 'instructor');
      await page.click('#plan-save');
      await page.locator('#plan-version').filter({ hasText: 'Versi 1' }).waitFor();
      await checkA11y(page, 'a profile with a case conference and a plan');

      await page.click('#plan-new');
      assert.equal(await page.inputValue('#pl_goal_1'), 'Mampu memasak dan menjual kue', 'a revision starts from the plan');
      await page.fill('#pl_date', day(-165));
      await page.fill('#pl_goal_2', 'Memiliki KTP baru');
      await page.fill('#pl_indicator_2', 'KTP terbit');
      await page.fill('#pl_target_2', day(-120));
      await page.click('#plan-save');
      await page.locator('#plan-version').filter({ hasText: 'Versi 2' }).waitFor();
      assert.match(await page.textContent('#plan-older'), /Versi sebelumnya \(1\)/);

      await page.fill('#rv_date', day(-100));
      await page.selectOption('#rv_progress_1', 'achieved');
      await page.click('#review-save');
      await page.locator('#rv_progress_2-error').filter({ hasText: 'wajib' }).waitFor();
      await page.selectOption('#rv_progress_2', 'in_progress');
      await page.click('#review-save');
      await page.locator('#plan-goals').filter({ hasText: 'Tercapai' }).waitFor();
      await page.locator('#plan-reviews').filter({ hasText: 'Berjalan' }).waitFor();
      if (process.env.E2E_SHOTS) {
        await page.locator('#conference-card').screenshot({ path: join(ARTIFACTS, 'view-conference.png') });
        await page.locator('#plan-card').screenshot({ path: join(ARTIFACTS, 'view-plan.png') });
      }
    });

    await step(t, page, 'the programme; a jump is refused', async () => {
      await move(page, 'intervention', day(-160), 'Pemecahan masalah');
      await move(page, 'resocialisation', day(-70), 'Resosialisasi');
      // A date before the last move changes nothing.
      await page.selectOption('#stage_to', 'termination');
      await page.fill('#stage_date', day(-80));
      await page.click('#stage-save');
      await page.locator('#stage_date-error').filter({ hasText: 'lebih awal' }).waitFor();
      await move(page, 'termination', day(-42), 'Terminasi');
    });

    await step(t, page, 'discharge with a starter kit; bad rupiah is refused', async () => {
      await page.locator('#discharge-form').waitFor();
      await page.fill('#dc_date', day(-42));
      await page.fill('#dc_received_by', 'Ibu kandung');
      await page.fill('#dc_kit_item_1', 'Kompor dan peralatan masak');
      await page.fill('#dc_kit_qty_1', '1');
      await page.fill('#dc_kit_value_1', '-750000');
      await page.click('#discharge-save');
      await page.locator('#dc_kit_value_1-error').filter({ hasText: 'rupiah utuh' }).waitFor();
      await page.fill('#dc_kit_value_1', 'Rp 1.250.000');
      await page.fill('#dc_kit_item_2', 'Bahan kue');
      await page.fill('#dc_kit_qty_2', '10');
      await page.fill('#dc_kit_value_2', '250.000');
      await page.click('#discharge-save');
      await page.locator('#discharge-summary').filter({ hasText: 'Rp 1.500.000' }).waitFor();
      const schedule = await page.$$eval('#aftercare-schedule tbody tr', (rs) => rs.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
      assert.equal(schedule.length, 4);
      assert.match(schedule[0], /^1 bulan .* terlambat$/);
      assert.match(schedule[1], /^3 bulan .* belum waktunya$/);
      await checkA11y(page, 'the discharge and its aftercare schedule');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-aftercare.png'), fullPage: true });
    });

    await step(t, page, 'the discharge summary prints on A4 with her name and the kit total', async () => {
      await page.click('#summary-link');
      await page.locator('#discharge-summary-page').waitFor();
      await checkA11y(page, 'the discharge summary');
      const pdf = join(ARTIFACTS, 'discharge-summary.pdf');
      await page.pdf({ path: pdf, format: 'A4' });
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
      assert.match(text, /RINGKASAN TERMINASI|Ringkasan terminasi/);
      assert.match(text, /Wulan Sari/);
      assert.match(text, /Rp 1\.500\.000/);
      assert.match(text, /Mampu memasak dan menjual kue/, 'the plan goal she met');
      assert.match(text, /Kepala UPT/);
      assert.doesNotMatch(text, /Pengaturan|Cadangan|Kembali ke profil/, 'the app around it is not printed');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
      assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
      // The signature block is not split: the last page has "Kepala UPT" above its line.
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-']).toString();
      assert.match(last, /Kepala UPT/, 'the signature line is not alone on a page');
      await page.click('text=Kembali ke profil');
      await page.locator('#profile-name').filter({ hasText: 'Wulan Sari' }).waitFor();
    });

    await step(t, page, 'the dashboard lists the follow-up due; once recorded, it is gone', async () => {
      await page.locator('header nav a').first().click();
      await page.locator('#due-follow-ups').filter({ hasText: 'Wulan Sari' }).waitFor();
      assert.match(await page.textContent('#due-follow-ups'), /1 bulan.*terlambat/);
      // Her social worker (who discharged her) has it on her own task list too.
      assert.match(await page.textContent('#my-tasks'), /Wulan Sari.*1 bulan/);
      await checkA11y(page, 'the dashboard with follow-ups due and residents per stage');
      await page.getByRole('link', { name: 'Wulan Sari' }).first().click();
      await page.locator('#follow-up-form').waitFor();
      await page.fill('#fu_date', day(-10));
      await page.selectOption('#fu_outcome', 'self_employed');
      await page.fill('#fu_income', 'Rp 900.000');
      await page.fill('#fu_notes', 'Berjualan kue di pasar desa.');
      await page.click('#follow-up-save');
      await page.locator('#aftercare-schedule').filter({ hasText: 'Usaha sendiri' }).waitFor();
      assert.equal(await page.textContent('#aftercare-outcomes dd[data-month="3"]'), 'Belum ada hasil');
      await page.locator('header nav a').first().click();
      await page.getByRole('heading', { name: /Selamat datang/ }).waitFor();
      assert.equal(await page.locator('#due-follow-ups').count(), 0, 'nothing is due now');
    });

    await step(t, page, 'her timeline holds all of it, newest first', async () => {
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.getByRole('link', { name: 'Wulan Sari' }).click();
      await page.click('#timeline-link');
      const kinds = await page.$$eval('#timeline li', (ls) => ls.map((l) => l.dataset.kind));
      assert.equal(kinds[0], 'follow_up');
      for (const k of ['discharge', 'assessment', 'stage_change']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
      assert.match(await page.textContent('#timeline'), /Berjualan kue di pasar desa/);
      for (const k of ['case_conference', 'intervention_plan', 'plan_review']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
    });

    await step(t, page, 'the aftercare schedule is a setting: months 3, 6 and 12 must stay', async () => {
      await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
      assert.equal(await page.inputValue('#aftercare_months'), '1, 3, 6, 12');
      await page.fill('#aftercare_months', '1, 3');
      await page.click('#save-shelter');
      await page.locator('#aftercare_months-error').filter({ hasText: 'ke-6' }).waitFor();
      await page.fill('#aftercare_months', '1, 2, 3, 6, 12');
      await page.click('#save-shelter');
      await page.locator('[role=status], .notice').filter({ hasText: 'Pengaturan lembaga tersimpan' }).first().waitFor();
      await checkA11y(page, 'settings with the shelter card');
      await page.getByRole('link', { name: 'Klien', exact: true }).click();
      await page.getByRole('link', { name: 'Wulan Sari' }).click();
      const months = await page.$$eval('#aftercare-schedule tbody tr td:first-child', (ds) => ds.map((d) => d.textContent));
      assert.deepEqual(months, ['1 bulan', '2 bulan', '3 bulan', '6 bulan', '12 bulan']);
    });

    await step(t, page, 'her restricted answers were noted as viewed once per page shown, not at every save', async () => {
      await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
      await page.click('#settings-access');
      await page.fill('#log_resident', 'wulan');
      const rows = page.locator('#access-log tbody tr[data-action="view_restricted"]');
      await rows.first().waitFor();
      // Her profile and timeline were on screen 7 times while some 30 saves drew them again.
      const n = await rows.count();
      assert.ok(n >= 1 && n <= 7, `${n} entries`);
    });
  } finally {
    await close();
  }
});
