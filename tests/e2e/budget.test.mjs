// The budget as the head keeps it, in Indonesian: lines for the year, bad amounts and a date
// outside the fiscal year refused, expenses booked, realisation per line, a line with expenses
// refused deletion and deactivated instead, and the cost per resident with how it was computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, checkA11y, fillResident, open, setUp, step } from './harness.mjs';

const day = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const year = Number(day(0).slice(0, 4));

async function addLine(page, programme, name, planned, field) {
  await page.selectOption('#bl_programme', programme);
  if (field) await page.selectOption('#bl_field', field);
  await page.fill('#bl_name', name);
  await page.fill('#bl_planned', planned);
  await page.click('#line-save');
  await page.locator('#budget-lines').filter({ hasText: name }).waitFor();
}

async function addExpense(page, line, amount, note, date = day(0)) {
  const value = await page.locator('#ex_line option', { hasText: line }).getAttribute('value');
  await page.selectOption('#ex_line', value);
  await page.fill('#ex_date', date);
  await page.fill('#ex_amount', amount);
  await page.fill('#ex_note', note);
  await page.click('#expense-save');
}

test('budget lines, expenses, realisation and the cost per resident', async (t) => {
  const { page, url, close } = await open();
  try {
    await step(t, page, 'two residents are served this year; the head opens Anggaran', async () => {
      await setUp(page, url);
      await fillResident(page, 'Siti Aminah', { alias: 'Melati' });
      await fillResident(page, 'Wulan Sari', { alias: 'Mawar' });
      await page.click('#nav-budget');
      await page.getByRole('heading', { level: 1, name: 'Anggaran dan biaya' }).waitFor();
      await page.locator('#lines-none').waitFor();
      assert.equal(await page.inputValue('#budget_year'), String(year));
    });

    await step(t, page, 'a line: a vocational line without its field and an amount with cents are refused', async () => {
      await page.selectOption('#bl_programme', 'vocational');
      await page.fill('#bl_name', 'Bahan menjahit');
      await page.fill('#bl_planned', '1.500.000,50');
      await page.click('#line-save');
      await page.locator('#bl_field-error').filter({ hasText: 'Wajib diisi.' }).waitFor();
      await page.locator('#bl_planned-error').filter({ hasText: 'Tulis rupiah utuh' }).waitFor();
      assert.equal(await page.locator('#budget-lines').count(), 0, 'nothing saved');
      await addLine(page, 'vocational', 'Bahan menjahit', '10.000.000', 'jahit');
      await addLine(page, 'meals_accommodation', 'Makan klien', '20.000.000');
    });

    await step(t, page, 'expenses: a negative amount and a date outside the year are refused; two are booked', async () => {
      await addExpense(page, 'Bahan menjahit', '-500', 'Benang');
      await page.locator('#ex_amount-error').filter({ hasText: 'Tulis rupiah utuh' }).waitFor();
      await addExpense(page, 'Bahan menjahit', '2.500.000', 'Kain dan benang', `${year - 1}-12-31`);
      await page.locator('#ex_date-error').filter({ hasText: 'di luar tahun anggaran' }).waitFor();
      assert.equal(await page.locator('#expenses').count(), 0, 'nothing saved');
      await addExpense(page, 'Bahan menjahit', '2.500.000', 'Kain dan benang');
      await page.locator('#expenses').filter({ hasText: 'Kain dan benang' }).waitFor();
      await addExpense(page, 'Makan klien', '3000000', 'Beras dan lauk');
      await page.locator('#expenses').filter({ hasText: 'Beras dan lauk' }).waitFor();
      const rows = await page.locator('#budget-lines tbody tr').allTextContents();
      const sewing = rows.find((r) => r.includes('Bahan menjahit'));
      assert.match(sewing, /Rp 10\.000\.000.*Rp 2\.500\.000.*Rp 7\.500\.000.*25%/);
      await checkA11y(page, 'the budget');
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, 'view-budget.png'), fullPage: true });
    });

    await step(t, page, 'the cost per resident says how it was computed', async () => {
      const costs = await page.textContent('#costs');
      assert.match(costs, /Biaya per klien dilayani\s*Rp 2\.750\.000/);
      assert.match(costs, /dihitung dari Rp 5\.500\.000 dibagi 2 klien/);
      assert.match(costs, /Biaya per hasil baik.*belum bisa dihitung/);
    });

    await step(t, page, 'a line with expenses is not deleted; deactivated, it takes no new expense', async () => {
      const row = page.locator('#budget-lines tbody tr', { hasText: 'Bahan menjahit' });
      await row.locator('.delete-line').click();
      await page.getByText('Mata anggaran ini sudah memiliki pengeluaran').waitFor();
      assert.equal(await page.locator('#budget-lines tbody tr', { hasText: 'Bahan menjahit' }).count(), 1);
      await row.locator('.retire-line').click();
      await page.locator('#budget-lines tbody tr', { hasText: 'Bahan menjahit (tidak aktif)' }).waitFor();
      assert.equal(await page.locator('#ex_line option', { hasText: 'Bahan menjahit' }).count(), 0, 'not offered for new expenses');
    });
  } finally {
    await close();
  }
});
