// Browser tests of the live preview: `careleaf serve` on a temporary copy of the
// example site, a page open in headless Chromium, and edits made to its file. The page
// reloads by itself and keeps its scroll position; an invalid edit shows the error
// overlay over the last good page (legible: axe checks its contrast); fixing it clears
// the overlay. A new draft shows at once with its banner; a preview whose first build
// fails shows the errors on every page and becomes the site once they are fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const ROOT = new URL('../..', import.meta.url).pathname;
const BINARY = process.env.CARELEAF_BIN || join(ROOT, 'target/release/careleaf');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PAGE = '/careleaf/early-pregnancy-bleeding/miscarriage/';

let site, server, browser, port;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'careleaf-serve-'));
  for (const part of ['content', 'themes', 'static', 'site.yaml']) {
    await cp(join(ROOT, part), join(site, part), { recursive: true });
  }
  port = await freePort();
  server = spawn(BINARY, ['serve', '--port', String(port), '--site', site], { stdio: 'ignore' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${PAGE}`);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('careleaf serve did not start');
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) await rm(site, { recursive: true, force: true });
});

test('the preview reloads on save, keeps the scroll position and shows errors over the page', async () => {
  const file = join(site, 'content/early-pregnancy-bleeding/miscarriage.md');
  const original = await readFile(file, 'utf8');
  const page = await (await browser.newContext({ viewport: { width: 400, height: 600 } })).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(`http://127.0.0.1:${port}${PAGE}`);
  await page.waitForSelector('html[data-careleaf-preview="connected"]');  // the event stream is open
  await page.evaluate(() => window.scrollTo(0, 900));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 500, `scrolled to ${scrolled}`);

  await writeFile(file, original.replace('Miscarriage is common.', 'Miscarriage is sadly common.'));
  await page.waitForFunction(() => document.body.textContent.includes('Miscarriage is sadly common.'), null, { timeout: 15000 });
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 50, scrolled, { timeout: 5000 });

  await writeFile(file, original.replace('urgency: urgent', 'urgency: urgnt'));
  const overlay = page.locator('.careleaf-overlay');
  await overlay.waitFor({ timeout: 15000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/early-pregnancy-bleeding\/miscarriage\.md:4:10/);
  assert.match(text, /urgency: urgnt/);
  assert.match(text, /did you mean `urgent`\?/);
  assert.ok(await page.locator('h1', { hasText: 'Miscarriage' }).isVisible(), 'the last good page is still there');

  await writeFile(file, original);
  await overlay.waitFor({ state: 'detached', timeout: 15000 });
  await page.waitForFunction(() => document.body.textContent.includes('Miscarriage is common.'), null, { timeout: 15000 });
  assert.deepEqual(errors, [], 'no script errors, nothing blocked by the Content Security Policy');
});

test('a save made while the page could not hear it still reloads the page', async () => {
  const file = join(site, 'content/early-pregnancy-bleeding/miscarriage.md');
  const original = await readFile(file, 'utf8');
  const page = await (await browser.newContext()).newPage();
  // The page's event stream fails until the save is built, as it does for a page that
  // is still loading when the `reload` goes out.
  let deaf = true;
  await page.route('**/__careleaf/events', (route) => (deaf ? route.abort() : route.continue()));
  await page.goto(`http://127.0.0.1:${port}${PAGE}`);
  const served = await page.locator('script[data-generation]').getAttribute('data-generation');
  await writeFile(file, original.replace('Miscarriage is common.', 'Miscarriage is common, sadly.'));
  for (let i = 0; i < 150; i++) {
    const html = await (await fetch(`http://127.0.0.1:${port}${PAGE}`)).text();
    if (html.includes('Miscarriage is common, sadly.')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(!(await page.locator('body').textContent()).includes('common, sadly'), 'not yet reloaded');
  deaf = false;  // the stream reconnects and says which build the site is at
  await page.waitForFunction(() => document.body.textContent.includes('Miscarriage is common, sadly.'), null, { timeout: 15000 });
  const now = await page.locator('script[data-generation]').getAttribute('data-generation');
  assert.ok(Number(now) > Number(served), `served from build ${served}, then ${now}`);
  await writeFile(file, original);
  await page.context().close();
});

test('a new draft shows at once, marked as a draft, and the overlay is legible', async () => {
  const file = join(site, 'content/early-pregnancy-bleeding/subchorionic-haematoma.md');
  await writeFile(file, '---\ntitle: Subchorionic haematoma\ndraft: true\n---\nA draft page.\n');
  const page = await (await browser.newContext()).newPage();
  const url = `http://127.0.0.1:${port}/careleaf/early-pregnancy-bleeding/subchorionic-haematoma/`;
  for (let i = 0; i < 100; i++) {
    const response = await page.goto(url);
    if (response.ok()) break;
    await page.waitForTimeout(100);
  }
  const banner = page.locator('[data-draft]');
  assert.ok(await banner.isVisible(), 'the draft banner');
  assert.match(await banner.textContent(), /Draft — not published/);
  // An error over this page: the overlay's text is readable whatever the theme does.
  await page.waitForSelector('html[data-careleaf-preview="connected"]');
  await writeFile(file, '---\ntitle: Subchorionic haematoma\ndraft: true\nurgency: urgnt\n---\nA draft page.\n');
  const overlay = page.locator('.careleaf-overlay');
  await overlay.waitFor({ timeout: 15000 });
  assert.match(await overlay.textContent(), /did you mean `urgent`\?/);
  const contrast = await new AxeBuilder({ page }).include('[data-careleaf-overlay]').withRules(['color-contrast']).analyze();
  assert.deepEqual(contrast.violations.map((v) => v.id), [], 'the overlay meets WCAG AA contrast');
  await rm(file);
  await page.context().close();
});

test('when the first build fails, every page shows the errors and becomes the site once fixed', async () => {
  const broken = await mkdtemp(join(tmpdir(), 'careleaf-broken-'));
  for (const part of ['content', 'themes', 'static', 'site.yaml']) {
    await cp(join(ROOT, part), join(broken, part), { recursive: true });
  }
  const file = join(broken, 'content/early-pregnancy-bleeding/miscarriage.md');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace('urgency: urgent', 'urgency: urgnt'));
  const brokenPort = await freePort();
  const brokenServer = spawn(BINARY, ['serve', '--port', String(brokenPort), '--site', broken], { stdio: 'ignore' });
  try {
    const page = await (await browser.newContext()).newPage();
    const url = `http://127.0.0.1:${brokenPort}${PAGE}`;
    for (let i = 0; i < 100; i++) {
      try { await page.goto(url); break; } catch { await page.waitForTimeout(100); }
    }
    const overlay = page.locator('.careleaf-overlay');
    await overlay.waitFor({ timeout: 15000 });
    assert.match(await overlay.textContent(), /miscarriage\.md:4:10/);
    await writeFile(file, original);
    await overlay.waitFor({ state: 'detached', timeout: 15000 });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Miscarriage', null, { timeout: 15000 });
    await page.context().close();
  } finally {
    brokenServer.kill();
    await rm(broken, { recursive: true, force: true });
  }
});
