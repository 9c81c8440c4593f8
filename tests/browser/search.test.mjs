// The search page's matching, in Node.js, on index files made the way careleaf makes
// them (`search::index_terms`): English terms must start a word; Chinese text has no
// spaces, so a Chinese term is searched as its character pairs, found anywhere, and
// one character is a term.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { terms, shardFile, score, lookup, lookupNear, nearest, edits } = require('../../themes/default/static/search.js');

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// The term files of `entries` ({ t, k, s, w }), as careleaf writes them: per term,
// [gap from the page before, weight, …].
function index(entries) {
  const postings = {};
  entries.forEach((entry, doc) => {
    for (const [text, weight] of [[entry.t, 8], [entry.k, 4], [entry.s, 2], [entry.w, 1]]) {
      for (const word of (text || '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
        const chars = Array.from(word);
        const found = CJK.test(word)
          ? [...chars, ...chars.slice(1).map((c, i) => chars[i] + c)]
          : chars.length > 1 ? [word] : [];
        for (const term of found) {
          const pages = (postings[term] ||= new Map());
          pages.set(doc, Math.max(pages.get(doc) || 0, weight));
        }
      }
    }
  });
  const files = {};
  for (const [term, pages] of Object.entries(postings)) {
    let last = 0;
    files[shardFile(term, true)] ||= {};
    files[shardFile(term, true)][term] = [...pages].sort((a, b) => a[0] - b[0])
      .flatMap(([doc, weight]) => { const gap = doc - last; last = doc; return [gap, weight]; });
  }
  return files;
}

// The score of `entry` for the text `query`, alone in its index (0: not found).
function scoreOf(entry, query) {
  const files = index([entry]);
  return score(terms(query), (part, anywhere) => lookup(files[shardFile(part, true)] || {}, part, anywhere))[0] || 0;
}

const ectopic = { t: 'Ectopic pregnancy', k: 'Tubal pregnancy · Pain in the tip of your shoulder', s: 'A pregnancy outside the womb.', w: 'shoulder pain bleeding' };
const chinese = { t: '宫外孕', k: '输卵管妊娠 · 肩膀尖疼痛', s: '怀孕发生在子宫以外，最常见于输卵管。', w: '出血 腹痛' };

test('English terms start words', () => {
  assert.deepEqual(terms('Shoulder pain!'), ['shoulder', 'pain']);
  assert.ok(scoreOf(ectopic, 'shoulder pain') > 0);
  assert.ok(scoreOf(ectopic, 'should') > 0, 'the start of a word');
  assert.equal(scoreOf(ectopic, 'houlder'), 0, 'not from the middle of a word');
  assert.equal(scoreOf(ectopic, 'shoulder knee'), 0, 'every term must be found');
});

test('Chinese terms match anywhere, even one character', () => {
  assert.deepEqual(terms('肩膀 疼'), ['肩膀', '疼']);
  assert.ok(scoreOf(chinese, '肩膀') > 0, 'inside 肩膀尖疼痛');
  assert.ok(scoreOf(chinese, '输卵管') > 0, 'inside the summary');
  assert.ok(scoreOf(chinese, '孕') > 0, 'one character');
  assert.equal(scoreOf(chinese, '头痛'), 0, 'not every page');
  assert.ok(scoreOf(chinese, '宫外孕') > scoreOf(chinese, '出血'), 'the title counts most');
});

test('A longer Chinese term is searched as its pairs: half of them must be found', () => {
  const other = { t: '着床出血', k: '肩膀尖疼痛，或者感到要晕倒', s: '少量点滴出血。', w: '' };
  const ectopicZh = { ...chinese, k: '输卵管妊娠 · 肩膀痛，尤其是肩膀尖疼痛' };
  assert.ok(scoreOf(ectopicZh, '肩膀痛') > scoreOf(other, '肩膀痛'), 'both pairs beat one');
  assert.ok(scoreOf(other, '肩膀疼') > 0, '肩膀疼 finds 肩膀 (one pair of two)');
  assert.equal(scoreOf(other, '膝盖疼痛'), 0, 'one pair of three (疼痛) is not enough');
  assert.equal(scoreOf(chinese, '肩膀 头痛'), 0, 'every term must be found');
});

test('A term is in the file of its first two letters (three where that file is split again), or of its first Chinese character', () => {
  assert.equal(shardFile('shoulder', true), 't7368.json');
  assert.equal(shardFile('肩膀', true), 'ca9.json', '肩 is U+80A9');
  assert.equal(shardFile('shoulder', false), 't.json', 'a small index is one file');
  // "pa"'s file was split again by three letters (as careleaf's `search::deepen` does).
  assert.equal(shardFile('pain', true, ['7061']), 't706169.json');
  assert.equal(shardFile('pa', true, ['7061']), 't7061.json', 'two letters stay in the file of two');
  assert.equal(shardFile('shoulder', true, ['7061']), 't7368.json');
});

test('A posting that repeats is read as many times as it says', () => {
  // As careleaf's `search::postings_list` writes pages 0–3 (text), 5 (title), 6 and 7.
  const hits = lookup({ pain: [0, 1, -3, 1, 1, 2, 8, -2, 1, 1] }, 'pain', false);
  assert.deepEqual(hits, { 0: 1, 1: 1, 2: 1, 3: 1, 5: 8, 6: 1, 7: 1 });
});

test('Pages are found by their number in the index, whatever their place in a term file', () => {
  const files = index([ectopic, chinese, { t: 'Shoulder pain', k: '', s: '', w: '' }]);
  const found = score(terms('shoulder'), (part, anywhere) => lookup(files[shardFile(part, true)] || {}, part, anywhere));
  assert.deepEqual(Object.keys(found).map(Number), [0, 2]);
  assert.ok(found[2] > found[0], 'a title beats other names');
});

test('Typos: one edit on a word of 5 letters, two from 8, and none on shorter words', () => {
  assert.equal(edits('miscarage', 'miscarriage', 2), 2, 'two letters left out');
  assert.equal(edits('bleednig', 'bleeding', 2), 1, 'two letters swapped');
  assert.equal(edits('pain', 'rain', 2), 1);
  const miscarriage = { t: 'Miscarriage', s: 'Losing a pregnancy before 24 weeks.', w: 'bleeding cramps' };
  const files = index([miscarriage]);
  const search = (query) => score(terms(query), (part, anywhere) => {
    const shard = files[shardFile(part, true)] || {};
    const hits = lookup(shard, part, anywhere);
    return !anywhere && Object.keys(hits).length === 0 ? lookupNear(shard, part) : hits;
  })[0] || 0;
  assert.ok(search('miscarage') > 0, '"miscarage" finds Miscarriage');
  assert.ok(search('miscarage') < search('miscarriage'), 'a near word counts less than the word');
  assert.ok(search('bleednig') > 0);
  assert.equal(search('cramp'), search('cramp'), 'a prefix is found as before');
  assert.ok(search('crimps') > 0, 'one edit on a word of 6 letters');
  assert.equal(search('crumpz'), 0, 'two edits on a word of 6 letters are too many');
  assert.equal(search('blee') > 0, true, 'the start of a word');
  assert.ok(search('loxing') > 0, 'a typo after the first two letters');
  assert.equal(search('kosing'), 0, 'the first two letters pick the file: a typo there is not found');
});

test('A search that finds nothing suggests the nearest words of the index', () => {
  const files = index([{ t: 'Miscarriage', w: 'misunderstanding mist' }]);
  assert.deepEqual(nearest(files[shardFile('miscarrage', true)], 'miscarrage', 3)[0], 'miscarriage');
  assert.deepEqual(nearest({ zebra: [0, 1] }, 'miscarrage', 3), [], 'nothing near');
});
