/* careleaf search: filters the search page's list in the browser from search.json,
 * loaded from this site. Nothing typed leaves the device. Without JavaScript the
 * page lists every condition. */
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
  // Each term must be found (an English term at the start of a word; a CJK term as
  // enough of its pairs); title and other names count most.
  function score(entry, query) {
    var fields = [[entry.t, 8], [entry.k, 4], [entry.s, 2], [entry.w, 1]].map(function (f) {
      return [' ' + terms(f[0]).join(' '), f[1]];
    });
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var term = parts(query[i]);
      var found = 0;
      for (var p = 0; p < term.parts.length; p++) {
        var best = 0;
        for (var f = 0; f < fields.length; f++) {
          var at = fields[f][0].indexOf(term.anywhere ? term.parts[p] : ' ' + term.parts[p]);
          if (at !== -1) best = Math.max(best, fields[f][1]);
        }
        if (best) { found++; total += best; }
      }
      if (found < term.need) return 0;
    }
    return total;
  }
  // For the tests (Node.js); in a browser there is no `module`.
  if (typeof module !== 'undefined') module.exports = { terms: terms, score: score };
  if (typeof document === 'undefined') return;

  var form = document.querySelector('[data-search]');
  if (!form || !window.fetch) return;
  var input = form.querySelector('input[type="search"]');
  var results = document.querySelector('[data-search-results]');
  var status = document.querySelector('[data-search-status]');
  var index = null;
  // Equal matches: the more urgent condition first.
  var LEVELS = ['emergency', 'urgent', 'soon', 'routine', 'self_care'];
  function rank(entry) { var i = LEVELS.indexOf(entry.g); return i === -1 ? LEVELS.length : i; }
  function show(query) {
    var found = index.map(function (e) { return { e: e, s: score(e, query) }; })
      .filter(function (r) { return r.s > 0; })
      .sort(function (a, b) { return b.s - a.s || rank(a.e) - rank(b.e); });
    results.textContent = '';
    found.forEach(function (r) {
      var item = document.createElement('li');
      item.className = 'card-list__item' + (r.e.g ? ' card-list__item--' + r.e.g : '');
      var link = document.createElement('a');
      link.href = r.e.u;
      link.textContent = r.e.t;
      item.appendChild(link);
      var summary = document.createElement('p');
      summary.textContent = r.e.s;
      item.appendChild(summary);
      results.appendChild(item);
    });
    var form = found.length === 1 ? 'data-found-one' : 'data-found';
    status.textContent = (status.getAttribute(form) || '{n} results').replace('{n}', found.length);
  }
  function run() {
    var query = terms(input.value);
    if (!query.length) return;
    var load = index ? Promise.resolve() : fetch(form.getAttribute('data-index'), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); }).then(function (data) { index = data; });
    load.then(function () { show(query); });
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); run(); history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); });
  input.addEventListener('input', function () { if (input.value.length > 2 || CJK.test(input.value)) run(); });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
}());
