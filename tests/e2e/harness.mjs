// Shared set-up for end-to-end tests: a server for dist/, a fresh browser profile per test file,
// a record of every request (to prove nothing leaves this machine), screenshots on failure.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/\W+/g, '_')}.png`), fullPage: true });
    } catch (e) {
      const file = join(ARTIFACTS, `FAILED_${name.replace(/\W+/g, '_')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot: ${file}`);
      throw e;
    }
  });
}
