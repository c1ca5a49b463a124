// Shared set-up for end-to-end tests: a server for dist/, a fresh browser profile per test file,
// a record of every request (to prove nothing leaves this machine), screenshots on failure.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.NAUNGAN_DIST || join(here, '..', '..', 'dist');
export const ARTIFACTS = join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function open() {
  const { server, url } = await startServer(DIST);
  const browser = await launch();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    // The staff's laptops: Indonesian locale, Western Indonesia Time.
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const close = async () => { await browser.close(); server.close(); };
  return { server, url, browser, context, page, requests, errors, close };
}

/// Runs a step; on failure saves a screenshot named after it, then fails.
export async function step(t, page, name, fn) {
  await t.test(name, async () => {
    try {
      await fn();
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/\W+/g, '_')}.png`), fullPage: true });
    } catch (e) {
      const file = join(ARTIFACTS, `FAILED_${name.replace(/\W+/g, '_')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot: ${file}`);
      throw e;
    }
  });
}
