/* careleaf search: lists the pages that match in the browser, from the index files
 * under search/ on this site: `index.json`, the term files of the words typed
 * (`tHEX.json`, by prefix) and the page files of the results shown (`dN.json`), so a
 * query downloads tens of kilobytes even on a site of 10,000 pages. Nothing typed
 * leaves the device. Without JavaScript the page lists every condition. */
(function () {
  'use strict';
  // Chinese, Japanese and Korean text has no spaces between words, and no word list
  // comes with this page: a run of those characters is searched as its overlapping
  // pairs (bigrams: 肩膀痛 → 肩膀, 膀痛), each found anywhere in a field, and a page
  // matches when at least half of the run's pairs are in it. So 肩膀疼 still finds
  // 肩膀痛, and pages with more of the pairs rank higher. One character is a term.
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  function terms(text) {
    return (text || '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
      .filter(function (t) { return t.length > 1 || CJK.test(t); });
  }
  // A term as the parts that are looked for, and how many of them must be found.
  function parts(term) {
    if (!CJK.test(term)) return { parts: [term], need: 1, anywhere: false };
    var chars = Array.from(term);
    if (chars.length < 3) return { parts: [term], need: 1, anywhere: true };
    var pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    return { parts: pairs, need: Math.ceil(pairs.length / 2), anywhere: true };
  }
  // The index file a part is in: all in `t.json`, or when the index is `split`, by
  // prefix (as careleaf's `search::shard_file` writes them): a CJK part by its first
  // character (`cHH.json`, its code point modulo 256), else its first two letters
  // (`tHEX.json`, hex of their UTF-8), or its first three when those two are `deep`
  // (their file was too large). A part of two letters then finds only words of two.
  function hex(text) {
    return Array.from(new TextEncoder().encode(text))
      .map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function shardFile(part, split, deep) {
    if (!split) return 't.json';
    var chars = Array.from(part);
    if (CJK.test(chars[0])) return 'c' + ('0' + (chars[0].codePointAt(0) % 256).toString(16)).slice(-2) + '.json';
    var two = hex(chars.slice(0, 2).join(''));
    if (chars.length > 2 && deep && deep.indexOf(two) !== -1) return 't' + hex(chars.slice(0, 3).join('')) + '.json';
    return 't' + two + '.json';
  }
  // Scores pages for `query`: `postings(part, anywhere)` gives { page: weight } of the
  // pages with that part (an English part: a word that starts with it). Each term must
  // be found (a CJK term: enough of its pairs); title and other names count most.
  function score(query, postings) {
    var totals = null;
    for (var i = 0; i < query.length; i++) {
      var term = parts(query[i]);
      var found = {};
      for (var p = 0; p < term.parts.length; p++) {
        var hits = postings(term.parts[p], term.anywhere);
        for (var doc in hits) {
          var f = found[doc] || (found[doc] = [0, 0]);
          f[0]++;
          f[1] += hits[doc];
        }
      }
      var next = {};
      for (var d in found) {
        if (found[d][0] >= term.need && (!totals || d in totals)) next[d] = (totals ? totals[d] : 0) + found[d][1];
      }
      totals = next;
    }
    return totals || {};
  }
  // { page: weight } of the terms in `shard` (term → [gap, weight, …]) that are
  // `part`, or (English) start with it.
  function lookup(shard, part, anywhere) {
    var hits = {};
    // [gap from the page before, weight, …]; a pair that repeats is [-times, gap, weight].
    var add = function (list) {
      for (var i = 0, doc = 0; i < list.length; i += 2) {
        var times = 1;
        if (list[i] < 0) times = -list[i++];
        for (var k = 0; k < times; k++) {
          doc += list[i];
          hits[doc] = Math.max(hits[doc] || 0, list[i + 1]);
        }
      }
    };
    if (anywhere) {
      if (Object.prototype.hasOwnProperty.call(shard, part)) add(shard[part]);
    } else {
      for (var t in shard) if (t.lastIndexOf(part, 0) === 0) add(shard[t]);
    }
    return hits;
  }
  // For the tests (Node.js); in a browser there is no `module`.
  if (typeof module !== 'undefined') module.exports = { terms: terms, parts: parts, shardFile: shardFile, score: score, lookup: lookup };
  if (typeof document === 'undefined') return;

  var form = document.querySelector('[data-search]');
  if (!form || !window.fetch || !window.TextEncoder) return;
  var input = form.querySelector('input[type="search"]');
  var results = document.querySelector('[data-search-results]');
  var status = document.querySelector('[data-search-status]');
  var base = form.getAttribute('data-index');
  var files = {};  // file name -> Promise of its JSON
  function load(name) {
    if (!files[name]) {
      files[name] = fetch(base + name, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : {}; });
    }
    return files[name];
  }
  var SHOWN = 20;  // results listed: only their page files are fetched
  function show(query, generation) {
    load('index.json').then(function (index) {
      var names = [];
      query.forEach(function (term) {
        parts(term).parts.forEach(function (p) {
          var name = shardFile(p, index.split, index.deep);
          if (names.indexOf(name) === -1) names.push(name);
        });
      });
      return Promise.all(names.map(load)).then(function (loaded) { return [index, names, loaded]; });
    }).then(function (all) {
      var index = all[0];
      var shards = {};
      all[1].forEach(function (name, i) { shards[name] = all[2][i]; });
      var scores = score(query, function (part, anywhere) { return lookup(shards[shardFile(part, index.split, index.deep)], part, anywhere); });
      // Equal matches: the more urgent condition first (`ranks`: one digit a page).
      var found = Object.keys(scores).map(Number).sort(function (a, b) {
        return scores[b] - scores[a] || index.ranks.charCodeAt(a) - index.ranks.charCodeAt(b) || a - b;
      });
      var top = found.slice(0, SHOWN);
      var per = index.per_file;
      var pageFiles = [];
      top.forEach(function (doc) { var f = 'd' + Math.floor(doc / per) + '.json'; if (pageFiles.indexOf(f) === -1) pageFiles.push(f); });
      return Promise.all(pageFiles.map(load)).then(function (docs) {
        if (generation !== current) return;
        results.textContent = '';
        top.forEach(function (doc) {
          var row = docs[pageFiles.indexOf('d' + Math.floor(doc / per) + '.json')][doc % per];
          var item = document.createElement('li');
          item.className = 'card-list__item' + (row[3] ? ' card-list__item--' + row[3] : '');
          var link = document.createElement('a');
          link.href = row[1];
          link.textContent = row[0];
          item.appendChild(link);
          var summary = document.createElement('p');
          summary.textContent = row[2];
          item.appendChild(summary);
          results.appendChild(item);
        });
        var form = found.length === 1 ? 'data-found-one' : 'data-found';
        status.textContent = (status.getAttribute(form) || '{n} results').replace('{n}', found.length);
      });
    });
  }
  var current = 0;
  function run() {
    var query = terms(input.value);
    if (query.length) show(query, ++current);
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); run(); history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); });
  input.addEventListener('input', function () { if (input.value.length > 2 || CJK.test(input.value)) run(); });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
}());
