// The memory of a fresh page unlocking the 10-year set: the renderer processes' resident size
// from the OS (/proc) before and after, and the page's WebAssembly memory (it only grows: its
// peak). The data is restored into the profile by another page, closed first.
//   node tests/bench/memory.mjs DIST_BENCH   (standalone: to compare two builds)
import { readFileSync, readdirSync } from 'node:fs';
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const MARK = '--naungan-memory-probe';

function processes() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // Chromium rewrites its processes' titles: the arguments may come as one string.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      const rss = Number((readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/) || [0, 0])[1]) * 1024;
      return { pid: Number(pid), ppid, cmd, rss };
    } catch { return null; }
  }).filter(Boolean);
}

/// Resident bytes of the renderer processes of the browser launched with MARK.
function rendererRss() {
  const all = processes();
  const roots = all.filter((p) => p.cmd.includes(MARK) && !p.cmd.includes('--type='));
  if (roots.length !== 1) throw new Error(`expected one marked browser process, found ${roots.length}`);
  const tree = new Set([roots[0].pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) { tree.add(p.pid); grew = true; }
  }
  const renderers = all.filter((p) => tree.has(p.pid) && p.cmd.includes('--type=renderer'));
  if (!renderers.length) throw new Error('no renderer process found');
  return renderers.reduce((n, p) => n + p.rss, 0);
}

export async function measureUnlockMemory(url) {
  const browser = await launch([MARK]);
  try {
    const ctx = await browser.newContext();
    const ready = async (p) => {
      await p.goto(url);
      await p.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_unlock_hold, null, { timeout: 60000 });
    };
    const seed = await ctx.newPage();
    await ready(seed);
    await seed.evaluate(() => window.wasmBindings.bench_restore('bench-memory', 2000, true));
    await seed.close();
    const page = await ctx.newPage();
    await ready(page);
    await page.waitForTimeout(1000);
    const before = rendererRss();
    const u = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_unlock_hold('bench-memory')));
    await page.waitForTimeout(1000);
    const unlocked = rendererRss();
    const all = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_open_all_held()));
    await page.waitForTimeout(1000);
    const everything = rendererRss();
    await page.evaluate(() => window.wasmBindings.bench_release());
    return { before, unlocked, everything, deferred: u.deferred, records: u.records, wasmUnlocked: u.wasm_after, wasmEverything: all.wasm_after };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith('memory.mjs')) {
  const { server, url } = await startServer(process.argv[2] || 'dist-bench');
  const m = await measureUnlockMemory(url);
  server.close();
  const MB = (x) => `${(x / 1048576).toFixed(0)} MB`;
  console.log(`renderer ${MB(m.before)} -> ${MB(m.unlocked)} after unlock (+${MB(m.unlocked - m.before)}), ${MB(m.everything)} once every kind is read (+${MB(m.everything - m.before)}); WebAssembly memory ${MB(m.wasmUnlocked)} / ${MB(m.wasmEverything)}`);
}
