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
  // Typos: a word of 5 letters or more that starts no word of the index is matched to
  // the index's words at most one edit away (two from 8 letters: "miscarage" finds
  // "miscarriage"), in the file its first letters already fetched, so a typo costs no
  // download. An edit is a letter added, left out, changed, or two swapped.
  function edits(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var next = [i], best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var d = Math.min(row[k] + 1, next[k - 1] + 1, row[k - 1] + cost);
        if (before && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) d = Math.min(d, before[k - 2] + 1);
        next.push(d);
        if (d < best) best = d;
      }
      if (best > most) return most + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }
  function mostEdits(word) { return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0; }
  // { page: weight } of the words in `shard` within `mostEdits(part)` of `part`, each
  // counting half (a near word is a weaker match than the word itself).
  function lookupNear(shard, part) {
    var hits = {}, most = mostEdits(part);
    if (!most) return hits;
    for (var t in shard) {
      if (edits(part, t, most) > most) continue;
      var near = lookup(shard, t, true);
      for (var doc in near) hits[doc] = Math.max(hits[doc] || 0, Math.max(1, near[doc] >> 1));
    }
    return hits;
  }
  // The words of `shard` nearest to `part` (for "Did you mean"), at most `count`:
  // within a third of its length in edits, nearest first, then the commoner.
  function nearest(shard, part, count) {
    var most = Math.max(1, Math.floor(part.length / 3)), found = [];
    for (var t in shard) {
      if (t === part || t.length < 3) continue;
      var d = edits(part, t, most);
      if (d <= most) found.push([d, -shard[t].length, t]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return found.slice(0, count).map(function (f) { return f[2]; });
  }
  function isEmpty(object) { for (var key in object) return false; return true; }
  // For the tests (Node.js); in a browser there is no `module`.
  if (typeof module !== 'undefined') module.exports = { terms: terms, parts: parts, shardFile: shardFile, score: score, lookup: lookup, lookupNear: lookupNear, nearest: nearest, edits: edits };
  if (typeof document === 'undefined') return;

  var form = document.querySelector('[data-search]');
  if (!form || !window.fetch || !window.TextEncoder) return;
  var input = form.querySelector('input[type="search"]');
  var results = document.querySelector('[data-search-results]');
  var status = document.querySelector('[data-search-status]');
  // What a search that finds nothing shows: the nearest words, the topics and the
  // checker (the topics are in the page; hidden until then).
  var empty = document.querySelector('[data-search-empty]');
  var suggest = document.querySelector('[data-search-suggest]');
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
      var shardOf = function (part) { return shards[shardFile(part, index.split, index.deep)] || {}; };
      var scores = score(query, function (part, anywhere) {
        var hits = lookup(shardOf(part), part, anywhere);
        return !anywhere && isEmpty(hits) ? lookupNear(shardOf(part), part) : hits;
      });
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
        var said = (status.getAttribute(form) || '{n} results').replace('{n}', found.length);
        if (empty) empty.hidden = found.length > 0;
        if (!found.length && suggest) {
          var words = [];
          query.forEach(function (term) {
            if (CJK.test(term)) return;
            nearest(shardOf(term), term, 3).forEach(function (w) { if (words.indexOf(w) === -1) words.push(w); });
          });
          var list = suggest.querySelector('[data-search-suggestions]');
          list.textContent = '';
          words.slice(0, 3).forEach(function (word) {
            var item = document.createElement('li');
            var link = document.createElement('a');
            link.href = '?q=' + encodeURIComponent(word);
            link.textContent = word;
            link.addEventListener('click', function (event) {
              event.preventDefault();
              input.value = word;
              run();
              history.replaceState(null, '', '?q=' + encodeURIComponent(word));
            });
            item.appendChild(link);
            list.appendChild(item);
          });
          suggest.hidden = !words.length;
        }
        if (!found.length) said += status.getAttribute('data-none') || '';
        status.textContent = said;
      });
    });
  }
  var current = 0;
  function run() {
    var query = terms(input.value);
    if (query.length) show(query, ++current);
  }
  // While an input method is composing (pinyin "jianbang" on its way to 肩膀), the
  // letters are not yet the words: search when the composition is committed.
  var composing = false;
  input.addEventListener('compositionstart', function () { composing = true; });
  input.addEventListener('compositionend', function () { composing = false; run(); });
  form.addEventListener('submit', function (event) { event.preventDefault(); run(); history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); });
  input.addEventListener('input', function (event) {
    if (composing || event.isComposing) return;
    if (input.value.length > 2 || CJK.test(input.value)) run();
  });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
}());
