// Browser tests of the example site in Chinese, and of a tiny Arabic site (right to
// left), in headless Chromium:
// - the Chinese checker gives the care level the English one gives for the same
//   answers, with JavaScript on and off, and says what to do in Chinese;
// - the language switcher keeps the patient on the same question of the checker;
// - searching 肩膀痛 (shoulder pain) finds 宫外孕 (ectopic pregnancy) first, and nothing
//   is searched or announced while a pinyin input method is still composing;
// - a missing Chinese address shows the Chinese 404 page on a server that has one
//   /404.html for every miss (as GitHub Pages does);
// - axe-core finds no WCAG 2.2 A/AA violations on the Chinese and Arabic pages, and
//   the Nu HTML Checker (vnu) no errors;
// - the Arabic site's layout mirrors (right to left) and its checker works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { SITE, start, newPage, violations, answerAll as answerAllAt } from './harness.mjs';

const EN = '/careleaf/early-pregnancy-bleeding/check/';
const ZH = '/careleaf/zh/early-pregnancy-bleeding/check/';
const RTL = '/rtl/';

let harness;
before(async () => { harness = await start(); });
after(async () => { await harness?.close(); });

// Answers every question the checker at `start` (a path) asks from `given`.
function answerAll(page, start, given) {
  return answerAllAt(page, harness.origin + start, given);
}

const USUAL = { weeks: 'w5_12', faint: 'no', pain: 'none', shoulder_pain: 'no', heavy: 'no', tissue: 'none', bleeding: 'light' };
const CASES = [{}, { pain: 'one_side' }, { pain: 'severe' }, { shoulder_pain: 'yes' }, { faint: 'yes' }, { heavy: 'yes' },
  { faint: 'unsure' }, { weeks: 'later' }, { tissue: 'grapes' }, { bleeding: 'period' }, { weeks: 'early', bleeding: 'spotting' },
  { pain: 'cramps', bleeding: 'spotting' }].map((change) => ({ ...USUAL, ...change }));
const HAN = /[\u4e00-\u9fff]/;

for (const javaScriptEnabled of [true, false]) {
  test(`the Chinese checker gives the English care level for the same answers (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const page = await newPage(harness.browser, { javaScriptEnabled });
    for (const given of CASES) {
      const en = await answerAll(page, EN, given);
      const zh = await answerAll(page, ZH, given);
      assert.equal(zh, en, JSON.stringify(given));
      const action = await page.locator('[data-outcome] .care-card__action').textContent();
      assert.match(action, HAN, `what to do, in Chinese: ${action}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
    }
    assert.deepEqual(page.requests.filter((url) => !url.startsWith(harness.origin)), [], 'no request leaves the site');
    await page.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`the language switcher keeps the patient on the same question (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const page = await newPage(harness.browser, { javaScriptEnabled });
    await page.goto(harness.origin + ZH);
    await page.locator('[data-question="weeks"] [data-answer="w5_12"]').click();
    await page.locator('[data-question="faint"]').waitFor();
    const there = new URL(page.url()).pathname;
    await page.locator('[data-languages] a[hreflang="en"]').click();
    await page.locator('[data-question="faint"]').waitFor();
    assert.equal(new URL(page.url()).pathname, there.replace('/zh/', '/'), 'the same node, in English');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.context().close();
  });
}

test('searching 肩膀痛 (shoulder pain) finds 宫外孕 (ectopic pregnancy) first', async () => {
  const page = await newPage(harness.browser);
  await page.goto(`${harness.origin}/careleaf/zh/search/`);
  await page.locator('#search-query').fill('肩膀痛');
  await page.locator('#search-query').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent.includes('找到'));
  const found = await page.locator('[data-search-results] a').allTextContents();
  assert.equal(found[0], '宫外孕', `found ${found}`);
  assert.ok(found.every((title) => HAN.test(title)), `only Chinese pages: ${found}`);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(harness.origin)), [], 'no request leaves the site');
  await page.context().close();
});

test('nothing is searched or announced while an input method composes; the committed word is', async () => {
  const page = await newPage(harness.browser);
  await page.goto(`${harness.origin}/careleaf/zh/search/`);
  const input = page.locator('#search-query');
  await input.focus();
  // Every text the live region is given, as a screen reader would be told it.
  await page.evaluate(() => {
    window.announced = [];
    const status = document.querySelector('[data-search-status]');
    new MutationObserver(() => window.announced.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const before = page.requests.length;
  const cdp = await page.context().newCDPSession(page);
  let typed = '';
  for (const letter of 'jianbang') {
    typed += letter;
    await cdp.send('Input.imeSetComposition', { text: typed, selectionStart: typed.length, selectionEnd: typed.length });
  }
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.announced), [], 'nothing announced while composing');
  assert.equal(page.requests.length, before, 'no index file fetched while composing');
  await cdp.send('Input.insertText', { text: '肩膀' });
  await page.waitForFunction(() => window.announced.length > 0);
  await page.waitForTimeout(200);
  const announced = await page.evaluate(() => window.announced);
  assert.ok(announced.every((text) => text.startsWith('找到')), `announced: ${announced}`);
  assert.equal(await input.inputValue(), '肩膀');
  const found = await page.locator('[data-search-results] a').allTextContents();
  assert.equal(found[0], '宫外孕', `found ${found}`);
  await page.context().close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a missing Chinese address shows the Chinese 404 page where the host has one /404.html (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const page = await newPage(harness.browser, { javaScriptEnabled });
    const response = await page.goto(`${harness.origin}/careleaf/zh/early-pregnancy-bleeding/nowhere/`);
    assert.equal(response.status(), 404);
    if (javaScriptEnabled) {
      await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
      assert.equal(await page.locator('h1').textContent(), '找不到页面');
      assert.match(await page.locator('.emergency-bar').textContent(), /紧急情况？拨打 911/);
      assert.match(await page.title(), /找不到页面/);
      assert.equal(new URL(page.url()).pathname, '/careleaf/zh/early-pregnancy-bleeding/nowhere/', 'the address stays as asked');
    } else {
      assert.equal(await page.locator('h1').textContent(), 'Page not found');
      // Without JavaScript, each language's home is one tap away, in that language.
      await page.locator('a[hreflang="zh-Hans"]', { hasText: '中文：首页' }).click();
      assert.equal(new URL(page.url()).pathname, '/careleaf/zh/');
    }
    const english = await newPage(harness.browser, { javaScriptEnabled });
    await english.goto(`${harness.origin}/careleaf/nowhere/`);
    await english.waitForTimeout(300);
    assert.equal(await english.locator('h1').textContent(), 'Page not found', 'an English address keeps the English page');
    await english.context().close();
    assert.deepEqual(page.requests.filter((url) => !url.startsWith(harness.origin)), [], 'no request leaves the site');
    await page.context().close();
  });
}

test('axe-core finds no WCAG 2.2 A/AA violations on the Chinese and Arabic pages', async () => {
  const page = await newPage(harness.browser);
  const urls = ['/careleaf/zh/', '/careleaf/zh/404.html', '/careleaf/zh/early-pregnancy-bleeding/', '/careleaf/zh/early-pregnancy-bleeding/ectopic-pregnancy/',
    '/careleaf/zh/about/', '/careleaf/zh/search/', ZH, RTL, `${RTL}bleeding/`, `${RTL}bleeding/ectopic/`, `${RTL}bleeding/check/`];
  await answerAll(page, ZH, { ...USUAL, faint: 'unsure' });
  urls.push(new URL(page.url()).pathname);
  for (const url of urls) {
    assert.deepEqual(await violations(page, harness.origin + url), [], `violations on ${url}`);
  }
  await page.context().close();
});

test('the Nu HTML Checker finds no errors in the Chinese and Arabic pages', () => {
  const vnu = fileURLToPath(new URL('node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));
  const files = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
  const pages = [...files(join(SITE, 'careleaf', 'zh')), ...files(join(SITE, 'rtl'))];
  assert.ok(pages.length > 30, `only ${pages.length} pages`);
  // vnu exits non-zero and prints each error when there are any.
  try {
    execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'text', ...pages], { stdio: 'pipe' });
  } catch (error) {
    assert.fail(`${error.stderr || error.message}`);
  }
});

test('the Arabic site reads right to left, and its checker works', async () => {
  const page = await newPage(harness.browser, { viewport: { width: 800, height: 900 } });
  await page.goto(`${harness.origin}${RTL}bleeding/ectopic/`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  const brand = await page.locator('.site-header__brand').boundingBox();
  assert.ok(brand.x + brand.width > 800 - 200, `the brand starts on the right: ${JSON.stringify(brand)}`);
  const card = page.locator('.care-card').first();
  const border = await card.evaluate((el) => {
    const style = getComputedStyle(el);
    return [parseFloat(style.borderRightWidth), parseFloat(style.borderLeftWidth)];
  });
  assert.ok(border[0] > border[1], `the care card's coloured edge is on the right: ${border}`);
  for (const [given, level] of [[{ faint: 'yes' }, 'emergency'], [{ faint: 'no', pain: 'one_side' }, 'urgent'], [{ faint: 'no', pain: 'none' }, 'soon']]) {
    assert.equal(await answerAll(page, `${RTL}bleeding/check/`, given), level, JSON.stringify(given));
  }
  const call = page.locator('[data-outcome] .care-card .button--call');
  assert.equal(await call.getAttribute('href'), 'tel:+15550100');
  await page.context().close();
});
