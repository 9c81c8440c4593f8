// Browser tests of the example site's "What should I do?" checker, in Debian's headless
// Chromium driven by playwright-core. `run` builds the site first; these tests serve it
// from this machine only and check:
// - every path of the reviewers' path table, with JavaScript on and off, ends on the
//   care level the table gives;
// - the care levels clinical guidance gives (NHS: one-sided pain urgent; severe pain,
//   shoulder-tip pain, fainting, heavy bleeding an emergency; after 12 weeks the
//   maternity triage line), with why, the conditions and the cautious sentence, the
//   page narrowed to the patient's answers with JavaScript;
// - with JavaScript on, answers swap pages in place and the back button steps back;
// - the whole checker works by keyboard alone, with focus on each new question;
// - axe-core finds no WCAG 2.2 A/AA violations on the start, a question and an outcome;
// - no request leaves the site's origin;
// - the reviewers' diagram, as Chromium draws it: no two boxes or labels overlap and
//   every text is inside its box; the review page filters outcomes by care level
//   without JavaScript and prints as a sign-off sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SITE, start, newPage as openPage, violations as axeViolations, answerAll as answerAllAt } from './harness.mjs';

const BASE = '/careleaf/';
const START = `${BASE}early-pregnancy-bleeding/check/`;

let origin, browser, harness;

before(async () => {
  harness = await start();
  ({ origin, browser } = harness);
});

after(async () => {
  await harness?.close();
});

// Rows of the reviewers' path table: [{ steps: [[question, answer], …], level }].
async function pathTable() {
  const html = await readFile(join(SITE, START, 'review', 'index.html'), 'utf8');
  const rows = [...html.matchAll(/<tr data-path="([^"]*)" data-outcome="([^"]+)">/g)];
  return rows.map(([, path, level]) => ({
    steps: path.split(';').filter(Boolean).map((step) => step.split('=')),
    level,
  }));
}

// A page that records every request it makes.
function newPage(options = {}) {
  return openPage(browser, options);
}

async function walk(page, steps) {
  await page.goto(origin + START);
  for (const [question, answer] of steps) {
    const section = page.locator(`[data-question="${question}"]`);
    await section.waitFor();
    await section.locator(`[data-answer="${answer}"]`).click();
  }
  return page.locator('[data-outcome] .care-card').getAttribute('data-care-level');
}

for (const javaScriptEnabled of [true, false]) {
  test(`every path of the path table gives its care level (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const rows = await pathTable();
    assert.ok(rows.length > 20, `only ${rows.length} paths`);
    const page = await newPage({ javaScriptEnabled });
    for (const row of rows) {
      const level = await walk(page, row.steps);
      assert.equal(level, row.level, `path ${row.steps.map((s) => s.join('=')).join(', ')}`);
    }
    const foreign = page.requests.filter((url) => !url.startsWith(origin));
    assert.deepEqual(foreign, [], 'no request leaves the site');
    await page.context().close();
  });
}

// Answers of a 9-week pregnancy with light bleeding and nothing else, changed by `changes`.
function answers(changes = {}) {
  const usual = { weeks: 'w5_12', faint: 'no', pain: 'none', shoulder_pain: 'no', heavy: 'no', tissue: 'none', bleeding: 'light' };
  return { ...usual, ...changes };
}

// Answers every question the checker asks from `given` until an outcome; returns its
// care level.
function answerAll(page, given) {
  return answerAllAt(page, origin + START, given);
}

// The text a patient sees of the outcome (hidden parts left out), once the script
// (where it runs) has narrowed it to the answers.
async function shown(page, javaScriptEnabled) {
  if (javaScriptEnabled) await page.locator('[data-checker][data-narrowed]').waitFor();
  return page.locator('[data-outcome]').innerText();
}

for (const javaScriptEnabled of [true, false]) {
  test(`the checker gives the care level clinical guidance gives (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const page = await newPage({ javaScriptEnabled });
    // 7 weeks, pain on one side (NHS, ectopic pregnancy): urgent, the EPU, not 999.
    assert.equal(await answerAll(page, answers({ pain: 'one_side' })), 'urgent',
      'no faint, one-sided pain, no shoulder pain, light bleeding: urgent, not 999');
    let text = await shown(page, javaScriptEnabled);
    assert.match(text, /Call the Early Pregnancy Unit now/);
    assert.match(text, /Closed now\? Call Maternity triage line: \+1 555 0123/, 'the EPU closes: its cover');
    // What a screen reader is given: the accessibility tree of the outcome.
    const tree = await page.locator('[data-outcome]').ariaSnapshot();
    assert.match(tree, /link "Call \+1 555 0199"/, tree);
    if (javaScriptEnabled) {
      // Why: the answer that set the level, apart from the patient's other answers.
      assert.match(tree, /heading "This advice is because you said:"/, tree);
      const why = await page.locator('[data-why-list]').innerText();
      assert.match(why, /Pain low down on one side/);
      assert.doesNotMatch(why, /5 to 12 weeks/, 'only the answers that set the level');
      assert.match(await page.locator('[data-other-answers]').innerText(), /5 to 12 weeks/);
      assert.match(text, /Ectopic pregnancy/);
    } else {
      assert.match(tree, /heading "This advice is for:"/, tree);
      assert.match(text, /pain low down on one side of your tummy/);
    }
    // 9 weeks, spotting, nothing else: soon (NHS: any bleeding should be checked).
    assert.equal(await answerAll(page, answers({ bleeding: 'spotting' })), 'soon');
    assert.match(await shown(page, javaScriptEnabled), /Call your midwife or doctor today or tomorrow/);
    assert.equal(await page.locator('[data-safety-net]').count(), 1, '"if it gets worse" below an emergency');
    // Tissue with cramps (NHS, RCOG miscarriage): urgent.
    assert.equal(await answerAll(page, answers({ tissue: 'tissue', pain: 'cramps' })), 'urgent');
    assert.match(await shown(page, javaScriptEnabled), /Miscarriage/);
    // 14 weeks, light bleeding: one instruction, maternity triage, and no EPU anywhere.
    assert.equal(await answerAll(page, answers({ weeks: 'later' })), 'urgent');
    text = await shown(page, javaScriptEnabled);
    assert.match(text, /Call the maternity triage line now/);
    assert.match(text, /first 12 weeks/);
    assert.equal(await page.locator('[data-outcome] .care-card a[href="tel:+15550123"]').count(), 1);
    const whole = await page.content();
    assert.doesNotMatch(whole, /Early Pregnancy Unit|5550199|555 0199/, 'no EPU anywhere on the page');
    // Emergencies: severe pain, shoulder-tip pain, fainting, heavy bleeding.
    for (const change of [{ pain: 'severe' }, { shoulder_pain: 'yes' }, { faint: 'yes' }, { heavy: 'yes' }, { heavy: 'yes', weeks: 'early' }]) {
      assert.equal(await answerAll(page, answers(change)), 'emergency', JSON.stringify(change));
      assert.equal(await page.locator('[data-safety-net]').count(), 0, 'no "if it gets worse" at an emergency');
      if (change.heavy) {
        const said = await shown(page, javaScriptEnabled);
        assert.doesNotMatch(said, /Implantation bleeding|Bleeding from the cervix/, `heavy bleeding lists no reassuring cause ${JSON.stringify(change)}`);
        if (javaScriptEnabled) {
          assert.match(said, /Heavy bleeding needs emergency care/);
          // No fainting, no pain: no emergency of ectopic pregnancy's is possible.
          assert.doesNotMatch(said, /Ectopic pregnancy/, 'only conditions these answers can need this care for');
        }
      }
    }
    // Not sure about fainting: emergency, and it says the advice is the cautious one.
    assert.equal(await answerAll(page, answers({ faint: 'unsure' })), 'emergency');
    await shown(page, javaScriptEnabled);
    const unsure = page.locator('[data-unsure-raised]');
    assert.ok(await unsure.isVisible(), 'it says the advice is the cautious one');
    assert.match(await unsure.innerText(), /not sure/);
    if (javaScriptEnabled) assert.match(await unsure.innerText(), /fainted/, 'with JavaScript it names the question');
    // Without JavaScript, every outcome still has a way back.
    assert.ok(await page.locator('[data-back]').isVisible(), 'a way back');
    await page.context().close();
  });
}

test('the home and topic pages lead into the checker', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  for (const url of ['', 'early-pregnancy-bleeding/']) {
    await page.goto(origin + BASE + url);
    const entry = page.locator('[data-checker-entry]');
    assert.equal(await entry.getAttribute('href'), START, `an entry on ${BASE + url}`);
  }
  await page.context().close();
});

test('with JavaScript, answers swap in place and the back button steps back a question', async () => {
  const page = await newPage();
  await page.goto(origin + START);
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('[data-question="weeks"] [data-answer="w5_12"]').click();
  await page.locator('[data-question="faint"]').waitFor();
  await page.locator('[data-question="faint"] [data-answer="no"]').click();
  await page.locator('[data-question="pain"]').waitFor();
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
  assert.match(await page.locator('[data-status]').textContent(), /^Question 3 of at most \d+$/);
  assert.notEqual(new URL(page.url()).pathname, START, 'the URL names the question');
  await page.goBack();
  await page.locator('[data-question="faint"]').waitFor();
  await page.goForward();
  await page.locator('[data-question="pain"]').waitFor();
  await page.locator('[data-question="pain"] [data-answer="unsure"]').click();
  await page.locator('[data-outcome]').waitFor();
  assert.equal(await page.locator('[data-outcome] .care-card').getAttribute('data-care-level'), 'emergency',
    'not sure about pain is treated as the worst answer');
  await page.locator('[data-back]').click();
  await page.locator('[data-question="pain"]').waitFor();
  await page.context().close();
});

test('the checker can be used by keyboard alone', async () => {
  const page = await newPage();
  await page.goto(origin + START);
  // Tab from the top of the page to the first answer.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.dataset.answer === 'early')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.answer), 'early', 'Tab reaches the answers');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');  // 5 to 12 weeks
  await page.locator('[data-question="faint"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moves to the new question');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');  // "No" to fainting
  await page.locator('[data-question="pain"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moves to the new question');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');  // "No pain"
  await page.locator('[data-question="shoulder_pain"]').waitFor();
  // Answer "yes" to shoulder-tip pain: an emergency.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('[data-outcome]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moves to the outcome');
  assert.equal(await page.locator('[data-care-level]').first().getAttribute('data-care-level'), 'emergency');
  await page.context().close();
});

function violations(page, url) {
  return axeViolations(page, origin + url);
}

test('axe-core finds no WCAG 2.2 A/AA violations on the content pages', async () => {
  const page = await newPage();
  for (const url of ['', 'early-pregnancy-bleeding/', 'early-pregnancy-bleeding/ectopic-pregnancy/',
    'early-pregnancy-bleeding/miscarriage/', 'about/', 'nowhere/', 'search/', '_editorial/', 'early-pregnancy-bleeding/check/review/']) {
    assert.deepEqual(await violations(page, BASE + url), [], `violations on ${BASE + url}`);
  }
  await page.context().close();
});

test('axe-core finds no WCAG 2.2 A/AA violations on the start, a question and an outcome', async () => {
  const page = await newPage();
  const rows = await pathTable();
  const outcome = rows.find((row) => row.level === 'soon' && row.steps.length > 2);
  const urls = [START];
  await page.goto(origin + START);
  await page.locator('[data-answer="w5_12"]').click();
  await page.locator('[data-question="faint"]').waitFor();
  urls.push(new URL(page.url()).pathname);
  await walk(page, outcome.steps);
  urls.push(new URL(page.url()).pathname);
  // An outcome that says an "I'm not sure" made it cautious, with JavaScript's answers.
  await answerAll(page, answers({ faint: 'unsure' }));
  urls.push(new URL(page.url()).pathname);
  for (const url of urls) {
    assert.deepEqual(await violations(page, url), [], `violations on ${url}`);
  }
  await page.context().close();
});

test('the diagram has no overlapping boxes or labels and no text outside its box', async () => {
  const page = await newPage();
  await page.goto(origin + START + 'diagram.svg');
  const problems = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('g')].map((g) => {
      const rect = g.querySelector('rect').getBBox();
      const text = g.querySelector('text').getBBox();
      return { title: g.querySelector('title').textContent, rect, text };
    });
    const found = [];
    const inside = (t, r) => t.x >= r.x && t.y >= r.y && t.x + t.width <= r.x + r.width && t.y + t.height <= r.y + r.height;
    const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const b of boxes) {
      if (!inside(b.text, b.rect)) found.push(`text outside its box: ${b.title}`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i].rect, boxes[j].rect)) found.push(`${boxes[i].title} overlaps ${boxes[j].title}`);
      }
    }
    return { count: boxes.length, found };
  });
  assert.ok(problems.count > 20, `only ${problems.count} boxes drawn`);
  assert.deepEqual(problems.found, []);
  await page.context().close();
});

test('the review page filters outcomes by care level without JavaScript, and prints every outcome with room to sign', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(origin + START + 'review/');
  const outcomes = page.locator('.review-outcome');
  const all = await outcomes.count();
  const urgent = await page.locator('.review-outcome[data-level="urgent"]').count();
  assert.ok(urgent > 0 && urgent < all, `${urgent} of ${all}`);
  await page.locator('label[for="review-level-urgent"]').click();
  const visible = await outcomes.evaluateAll((list) => list.filter((o) => o.offsetParent !== null).map((o) => o.dataset.level));
  assert.deepEqual(visible, Array(urgent).fill('urgent'));
  assert.equal(await page.locator('.checker-review__signature').isVisible(), false, 'the signature box is for print');
  await page.emulateMedia({ media: 'print' });
  const printed = await outcomes.evaluateAll((list) => list.filter((o) => o.offsetParent !== null).length);
  assert.equal(printed, all, 'print shows every outcome, whatever the filter');
  assert.equal(await page.locator('.checker-review__signature').isVisible(), true);
  await page.context().close();
});

test('search forgives a typo, and a search that finds nothing suggests words, lists the topics and links the checker', async () => {
  const page = await newPage();
  await page.goto(`${origin}${BASE}search/`);
  const input = page.locator('#search-query');
  const status = page.locator('[data-search-status]');
  await input.fill('miscarage');
  await input.press('Enter');
  await page.waitForFunction(() => /found/.test(document.querySelector('[data-search-status]').textContent));
  const found = await page.locator('[data-search-results] a').allTextContents();
  assert.equal(found[0], 'Miscarriage', `"miscarage" found ${found}`);
  assert.equal(await page.locator('[data-search-empty]').isVisible(), false);

  await input.fill('shoulderz xylophone');
  await input.press('Enter');
  await page.waitForFunction(() => /^0 /.test(document.querySelector('[data-search-status]').textContent));
  assert.match(await status.textContent(), /Try other words, or start from a topic below/);
  const empty = page.locator('[data-search-empty]');
  assert.ok(await empty.isVisible(), 'the zero-result help is shown');
  const words = await page.locator('[data-search-suggestions] a').allTextContents();
  assert.ok(words.includes('shoulder'), `suggested ${words}`);
  assert.ok(await empty.locator('a', { hasText: 'Bleeding in early pregnancy' }).isVisible(), 'the topics are listed');
  const checker = empty.locator('a[data-checker-entry]');
  assert.equal(await checker.getAttribute('href'), `${BASE}early-pregnancy-bleeding/check/`);
  // A suggested word searches for it.
  await page.locator('[data-search-suggestions] a', { hasText: 'shoulder' }).click();
  await page.waitForFunction(() => !/^0 /.test(document.querySelector('[data-search-status]').textContent));
  assert.equal(await input.inputValue(), 'shoulder');
  assert.equal(await empty.isVisible(), false);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(origin)), [], 'no request leaves the site');
  await page.context().close();
});

test('search finds ectopic pregnancy for "shoulder pain", and lists conditions without JavaScript', async () => {
  const page = await newPage();
  await page.goto(`${origin}${BASE}search/`);
  await page.locator('#search-query').fill('shoulder pain');
  await page.locator('#search-query').press('Enter');
  const results = page.locator('[data-search-results] a');
  await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent.includes('found'));
  const found = await results.allTextContents();
  assert.equal(found[0], 'Ectopic pregnancy', `found ${found}`);
  assert.ok(!found.includes('Molar pregnancy'), `found ${found}`);
  assert.deepEqual(page.requests.filter((url) => !url.startsWith(origin)), [], 'no request leaves the site');
  await page.context().close();

  const noScript = await newPage({ javaScriptEnabled: false });
  await noScript.goto(`${origin}${BASE}search/?q=shoulder+pain`);
  const listed = await noScript.locator('[data-search-results] a').allTextContents();
  for (const title of ['Ectopic pregnancy', 'Miscarriage', 'Molar pregnancy', 'Implantation bleeding', 'Bleeding from the cervix']) {
    assert.ok(listed.includes(title), `${title} listed without JavaScript`);
  }
  await noScript.context().close();
});
