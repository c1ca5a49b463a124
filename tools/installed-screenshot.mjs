// The README's picture of Naungan installed, in its own window: Chromium with a screen (Xvfb),
// the app installed through the DevTools protocol (PWA.install, as the address bar's install
// button does) and opened from it (PWA.launch), the whole screen saved with xwd.
// Needs Debian's xvfb, x11-apps and netpbm (apt-get install xvfb x11-apps netpbm); not part of any test.
//   node tools/installed-screenshot.mjs [OUT.png]
import { spawn, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { ARGS, CHROMIUM } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { PASS, fillResident, setUp } from '../tests/e2e/harness.mjs';

const out = process.argv[2] || 'docs/screenshots/installed-window.png';
const DISPLAY = ':97';
const xvfb = spawn('Xvfb', [DISPLAY, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
await new Promise((ok) => setTimeout(ok, 1000));
const { url, stop } = await startServer('dist', 8094);
const profile = mkdtempSync(join(tmpdir(), 'naungan-install-'));
// A staff member's browser would offer to remember the passphrase; not in the picture.
mkdirSync(join(profile, 'Default'));
writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ credentials_enable_service: false, profile: { password_manager_enabled: false } }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: false,
  args: [...ARGS.filter((a) => a !== '--headless'), '--window-size=1280,800', '--window-position=0,0'],
  env: { ...process.env, DISPLAY },
  locale: 'id-ID',
  timezoneId: 'Asia/Jakarta',
  viewport: null,
});
try {
  const page = context.pages()[0] || await context.newPage();
  await setUp(page, url);
  for (const [name, alias, regency] of [['Siti Aminah', 'Mawar', 'Kabupaten Malang'], ['Dewi Lestari', 'Melati', 'Kota Surabaya'], ['Nur Hasanah', '', 'Kabupaten Jember']]) {
    await fillResident(page, name, { alias, regency, cohort: '2026-II' });
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 30000 });
  const cdp = await context.newCDPSession(page);
  const manifestId = `${url}/`;
  await cdp.send('PWA.install', { manifestId });
  await cdp.send('PWA.changeAppUserSettings', { manifestId, displayMode: 'standalone' });
  const opened = context.waitForEvent('page', { timeout: 30000 });
  await cdp.send('PWA.launch', { manifestId });
  const app = await opened;
  await app.locator('#passphrase').fill(PASS);
  await app.click('#unlock-submit');
  await app.locator('#lock').waitFor({ timeout: 30000 });
  await app.getByRole('link', { name: 'Klien', exact: true }).click();
  await app.locator('#residents').waitFor();
  await page.close();
  await new Promise((ok) => setTimeout(ok, 1500));
  execSync(`xwd -root -display ${DISPLAY} -silent | xwdtopnm 2>/dev/null | pnmtopng > ${out}`);
  console.log(`installed-screenshot: ${out}`);
} finally {
  await context.close();
  stop();
  xvfb.kill();
  rmSync(profile, { recursive: true, force: true });
}
