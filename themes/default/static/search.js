/* careleaf search: filters the search page's list in the browser from search.json,
 * loaded from this site. Nothing typed leaves the device. Without JavaScript the
 * page lists every condition. */
(function () {
  'use strict';
  // Chinese, Japanese and Korean text has no spaces between words: a term in those
  // scripts may match anywhere in a field, and one character is a term.
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  function terms(text) {
    return (text || '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
      .filter(function (t) { return t.length > 1 || CJK.test(t); });
  }
  // Each term must start a word somewhere (or, in CJK text, appear anywhere); title
  // and other names count most.
  function score(entry, query) {
    var fields = [[entry.t, 8], [entry.k, 4], [entry.s, 2], [entry.w, 1]];
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var best = 0;
      var anywhere = CJK.test(query[i]);
      for (var f = 0; f < fields.length; f++) {
        var words = ' ' + terms(fields[f][0]).join(' ');
        var found = anywhere ? words.indexOf(query[i]) !== -1 : words.indexOf(' ' + query[i]) !== -1;
        if (found) best = Math.max(best, fields[f][1]);
      }
      if (!best) return 0;
      total += best;
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
