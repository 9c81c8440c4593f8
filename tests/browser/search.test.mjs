// The search page's matching, in Node.js: English terms must start a word; Chinese
// text has no spaces, so a Chinese term is searched as its character pairs, found
// anywhere; one character is a term.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { terms, score } = require('../../themes/default/static/search.js');

const ectopic = { t: 'Ectopic pregnancy', k: 'Tubal pregnancy · Pain in the tip of your shoulder', s: 'A pregnancy outside the womb.', w: 'shoulder pain bleeding' };
const chinese = { t: '宫外孕', k: '输卵管妊娠 · 肩膀尖疼痛', s: '怀孕发生在子宫以外，最常见于输卵管。', w: '出血 腹痛' };

test('English terms start words', () => {
  assert.deepEqual(terms('Shoulder pain!'), ['shoulder', 'pain']);
  assert.ok(score(ectopic, terms('shoulder pain')) > 0);
  assert.equal(score(ectopic, terms('houlder')), 0, 'not from the middle of a word');
});

test('Chinese terms match anywhere, even one character', () => {
  assert.deepEqual(terms('肩膀 疼'), ['肩膀', '疼']);
  assert.ok(score(chinese, terms('肩膀')) > 0, 'inside 肩膀尖疼痛');
  assert.ok(score(chinese, terms('输卵管')) > 0, 'inside the summary');
  assert.ok(score(chinese, terms('孕')) > 0, 'one character');
  assert.equal(score(chinese, terms('头痛')), 0, 'not every page');
  assert.ok(score(chinese, terms('宫外孕')) > score(chinese, terms('出血')), 'the title counts most');
});

test('A longer Chinese term is searched as its pairs: half of them must be found', () => {
  const other = { t: '着床出血', k: '肩膀尖疼痛，或者感到要晕倒', s: '少量点滴出血。', w: '' };
  const ectopicZh = { ...chinese, k: '输卵管妊娠 · 肩膀痛，尤其是肩膀尖疼痛' };
  assert.ok(score(ectopicZh, terms('肩膀痛')) > score(other, terms('肩膀痛')), 'both pairs beat one');
  assert.ok(score(other, terms('肩膀疼')) > 0, '肩膀疼 finds 肩膀 (one pair of two)');
  assert.equal(score(other, terms('膝盖疼痛')), 0, 'one pair of three (疼痛) is not enough');
  assert.equal(score(chinese, terms('肩膀 头痛')), 0, 'every term must be found');
});
