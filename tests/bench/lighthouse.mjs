// Lighthouse 12.2.3 (npm, pinned in tests/bench/package.json) on the release build, in
// Debian's headless Chromium: the mobile preset (Slow 4G, 4× CPU, simulated) and the desktop
// preset, each on a fresh profile (a first visit). Part of `make bench` (tests/bench/bench.mjs);
// alone: node tests/bench/lighthouse.mjs [DIST]
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/server.mjs';
import { CHROMIUM } from '../e2e/browser.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function once(url, config) {
  const profile = mkdtempSync(join(tmpdir(), 'naungan-lh-'));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir: profile,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, config);
    const lhr = r.lhr;
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
      .map((a) => `${a.id} (${a.score})`);
    return {
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
      fcp: lhr.audits['first-contentful-paint'].numericValue,
      lcp: lhr.audits['largest-contentful-paint'].numericValue,
      tti: lhr.audits['interactive']?.numericValue,
      failed,
    };
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

/// Both presets: { mobile, desktop }, each with category scores (0-100), FCP, LCP and TTI (ms)
/// and the audits that did not pass in full.
export async function runLighthouse(dist) {
  const { server, url } = await startServer(dist);
  try {
    return { mobile: await once(url, undefined), desktop: await once(url, desktopConfig) };
  } finally {
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await runLighthouse(process.argv[2] || 'dist');
  console.log(JSON.stringify(out, null, 2));
}
