// Search on a generated site of 10,000 condition pages (`examples/gen_site`, built by
// `run` at /big/): a one-word query that matches every page downloads, in all (the
// search page, its stylesheet and script, and the index files it needs), at most
// 300 KB, and shows the first results, the more urgent first; a misspelt word, found
// through the words near it, costs no more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage } from './harness.mjs';

let harness;
before(async () => { harness = await start(); });
after(async () => { await harness?.close(); });

// Searches the big site for `word`, once `ready` (run in the page) says the results
// are in: { page, bytes, files } of everything the page downloaded.
async function search(word, ready) {
  const page = await newPage(harness.browser);
  const downloads = { page, bytes: 0, files: [] };
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    downloads.bytes += body.length;
    downloads.files.push(`${new URL(response.url()).pathname} ${body.length}`);
  });
  await page.goto(`${harness.origin}/big/search/`);
  await page.locator('#search-query').fill(word);
  await page.locator('#search-query').press('Enter');
  await page.waitForFunction(ready);
  await page.waitForLoadState('networkidle');
  assert.ok(downloads.bytes <= 300 * 1024, `downloaded ${downloads.bytes} bytes:\n${downloads.files.join('\n')}`);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(harness.origin)), [], 'no request leaves the site');
  return downloads;
}

test('a one-word query on a 10,000-page site downloads at most 300 KB', async () => {
  const { page, bytes, files } = await search('pain', () => document.querySelectorAll('[data-search-results] li').length === 20
    && /\d/.test(document.querySelector('[data-search-status]').textContent));
  const status = await page.locator('[data-search-status]').textContent();
  const found = Number(status.replace(/\D/g, ''));
  assert.ok(found >= 10000, `every condition page has "pain": ${status}`);
  const first = await page.locator('[data-search-results] li').first().getAttribute('class');
  assert.match(first, /card-list__item--emergency/, 'the more urgent first');
  console.log(`# one-word query on 10,000 pages: ${bytes} bytes in ${files.length} files`);
  await page.context().close();
});

test('a misspelt word on a 10,000-page site (found by near words) downloads at most 300 KB too', async () => {
  const { page, bytes, files } = await search('bleedign', () => /\d/.test(document.querySelector('[data-search-status]').textContent));
  const status = await page.locator('[data-search-status]').textContent();
  assert.ok(Number(status.replace(/\D/g, '')) > 0, `"bleedign" finds "bleeding": ${status}`);
  console.log(`# misspelt one-word query on 10,000 pages: ${bytes} bytes in ${files.length} files`);
  await page.context().close();
});
