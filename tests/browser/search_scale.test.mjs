// Search on a generated site of 10,000 condition pages (`examples/gen_site`, built by
// `run` at /big/): a one-word query that matches every page downloads, in all (the
// search page, its stylesheet and script, and the index files it needs), at most
// 300 KB, and shows the first results, the more urgent first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage } from './harness.mjs';

let harness;
before(async () => { harness = await start(); });
after(async () => { await harness?.close(); });

test('a one-word query on a 10,000-page site downloads at most 300 KB', async () => {
  const page = await newPage(harness.browser);
  let bytes = 0;
  const files = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    files.push(`${new URL(response.url()).pathname} ${body.length}`);
  });
  await page.goto(`${harness.origin}/big/search/`);
  await page.locator('#search-query').fill('pain');
  await page.locator('#search-query').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-search-results] li').length === 20
    && /\d/.test(document.querySelector('[data-search-status]').textContent));
  await page.waitForLoadState('networkidle');
  const status = await page.locator('[data-search-status]').textContent();
  const found = Number(status.replace(/\D/g, ''));
  assert.ok(found >= 10000, `every condition page has "pain": ${status}`);
  const first = await page.locator('[data-search-results] li').first().getAttribute('class');
  assert.match(first, /card-list__item--emergency/, 'the more urgent first');
  assert.ok(bytes <= 300 * 1024, `downloaded ${bytes} bytes:\n${files.join('\n')}`);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(harness.origin)), [], 'no request leaves the site');
  console.log(`# one-word query on 10,000 pages: ${bytes} bytes in ${files.length} files`);
  await page.context().close();
});

test('a misspelt word on a 10,000-page site (found by near words) downloads at most 300 KB too', async () => {
  const page = await newPage(harness.browser);
  let bytes = 0;
  const files = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    files.push(`${new URL(response.url()).pathname} ${body.length}`);
  });
  await page.goto(`${harness.origin}/big/search/`);
  await page.locator('#search-query').fill('bleedign');
  await page.locator('#search-query').press('Enter');
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-search-status]').textContent));
  await page.waitForLoadState('networkidle');
  const status = await page.locator('[data-search-status]').textContent();
  assert.ok(Number(status.replace(/\D/g, '')) > 0, `"bleedign" finds "bleeding": ${status}`);
  assert.ok(bytes <= 300 * 1024, `downloaded ${bytes} bytes:\n${files.join('\n')}`);
  console.log(`# misspelt one-word query on 10,000 pages: ${bytes} bytes in ${files.length} files`);
  await page.context().close();
});
