// Draws the app's PNG icons from the SVG ones in public/icons/, with the headless Chromium the
// end-to-end tests use (Debian's, through playwright-core). The PNGs are committed: run this after
// changing an SVG, then commit both.
//   node tools/icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const ICONS = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
];

const browser = await launch();
try {
  for (const [svg, size, png] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const data = readFileSync(join(dir, svg)).toString('base64');
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    writeFileSync(join(dir, png), await page.screenshot({ omitBackground: true }));
    console.log(`icons: ${png} (${size}×${size})`);
    await page.close();
  }
} finally {
  await browser.close();
}
