// Shared set-up for end-to-end tests: a server for dist/, a fresh browser profile per test file,
// a record of every request (to prove nothing leaves this machine), screenshots on failure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, launchPersistent } from './browser.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.NAUNGAN_DIST || join(here, '..', '..', 'dist');
export const ARTIFACTS = join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/// `persistent`: a browser profile on disk, as a staff member's own browser is (Chromium offers
/// to install an app only outside incognito, which a plain test context is).
export async function open({ persistent = false, serviceWorkers = 'allow' } = {}) {
  const { server, url, setRoot, stop } = await startServer(DIST);
  const options = {
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    // The staff's laptops: Indonesian locale, Western Indonesia Time.
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    serviceWorkers,
  };
  let browser, context, profile;
  if (persistent) {
    profile = mkdtempSync(join(tmpdir(), 'naungan-profile-'));
    context = await launchPersistent(profile, options);
    browser = context;
  } else {
    browser = await launch();
    context = await browser.newContext(options);
  }
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const close = async () => {
    await browser.close();
    stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  };
  return { server, url, setRoot, stop, browser, context, page, requests, errors, close };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core (npm, pinned) on the page as it is now: fails on any violation, naming each rule and
/// the elements. Injected through the DevTools protocol, so the app's CSP stays as strict as it is.
export async function checkA11y(page, where) {
  if (page.isClosed()) return;
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  if (violations.length) {
    throw new Error(`accessibility (axe-core) after "${where}" on ${page.url()}:\n  ${violations.join('\n  ')}`);
  }
}

/// Runs a step, then checks the page it leaves with axe-core; on failure saves a screenshot
/// named after it, then fails.
export async function step(t, page, name, fn) {
  await t.test(name, async () => {
    try {
      await fn();
      await checkA11y(page, name);
      if (process.env.E2E_SHOTS && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/\W+/g, '_')}.png`), fullPage: true });
    } catch (e) {
      const file = join(ARTIFACTS, `FAILED_${name.replace(/\W+/g, '_')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot: ${file}`);
      throw e;
    }
  });
}

export const PASS = 'kuda lari pagi hari';

/// Sets up a new shelter on this browser profile, through the set-up page, and lands unlocked.
export async function setUp(page, url, shelter = 'UPT Rehabilitasi Sosial Bina Karya Wanita', staff = 'Bu Ratna') {
  await page.goto(url);
  await page.fill('#shelter_name', shelter);
  await page.fill('#staff_name', staff);
  await page.fill('#passphrase', PASS);
  await page.fill('#passphrase_again', PASS);
  await page.click('#setup-submit');
  await page.locator('#recovery-code').waitFor({ timeout: 30000 });
  await page.check('#recovery-stored');
  await page.click('#recovery-continue');
  await page.locator('#lock').waitFor();
}

export async function unlock(page, pass = PASS) {
  await page.fill('#passphrase', pass);
  await page.click('#unlock-submit');
  await page.locator('#lock').waitFor({ timeout: 30000 });
}

/// Waits until this build's service worker controls the page (every file is cached).
export async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller
    && navigator.serviceWorker.controller.state === 'activated', null, { timeout: 30000 });
}

/// Fills the new-resident form through the Klien page and presses Save; with `saved` (the
/// default), waits for the profile. Born 1 July 1998 in Jawa Timur unless told otherwise.
export async function fillResident(page, name, { alias = '', regency = 'Kabupaten Malang', cohort = '2026-I', saved = true } = {}) {
  await page.getByRole('link', { name: 'Klien', exact: true }).click();
  await page.click('#new-resident');
  await page.fill('#full_name', name);
  await page.fill('#alias', alias);
  await page.fill('#birth_date', '1998-07-01');
  await page.fill('#origin_province', 'Jawa Timur');
  await page.fill('#origin_regency', regency);
  await page.fill('#cohort', cohort);
  await page.click('#save-resident');
  if (saved) await page.locator('#profile-name').filter({ hasText: name }).waitFor();
}
