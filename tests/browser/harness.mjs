// What the browser tests of built sites share: a static server for the built sites
// (CARELEAF_SITE holds careleaf/ and rtl/), headless Chromium, pages that record every
// request they make, and axe-core's WCAG 2.2 A/AA check.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const SITE = process.env.CARELEAF_SITE;           // folder that holds careleaf/
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain',
};

async function serve(request, response) {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
  let file = join(SITE, path);
  if (!file.startsWith(SITE)) { response.writeHead(400).end(); return; }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404, { 'content-type': TYPES['.html'] }).end(await readFile(join(SITE, 'careleaf', '404.html')));
  }
}

// Starts the server and the browser: { origin, browser, close() }.
export async function start() {
  assert.ok(SITE, 'set CARELEAF_SITE to the folder that holds the built careleaf/ site (tests/browser/run does)');
  const server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { origin, browser, close: async () => { await browser.close(); server.close(); } };
}

// A page that records every request it makes.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.requests = [];
  page.on('request', (request) => page.requests.push(request.url()));
  return page;
}

// axe-core's WCAG 2.2 A/AA violations on the page at `url`.
export async function violations(page, url) {
  await page.goto(url);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

// Answers every question the checker at `url` asks from `given` (question id → answer
// id), as a patient would; returns the care level of the outcome.
export async function answerAll(page, url, given) {
  await page.goto(url);
  for (;;) {
    const outcome = page.locator('[data-outcome]');
    const question = page.locator('[data-question]');
    await outcome.or(question).first().waitFor();
    if (await outcome.count()) return outcome.getAttribute('data-outcome');
    const id = await question.getAttribute('data-question');
    assert.ok(given[id], `the checker asks ${id}`);
    await question.locator(`[data-answer="${given[id]}"]`).click();
    await page.locator(`[data-question="${id}"]`).waitFor({ state: 'detached' });
  }
}
