/* careleaf: on a host that serves one /404.html for every missing page (GitHub
 * Pages), shows the 404 page of the language the missing address is in: the page's
 * links to each language's home say where each language's 404 page is
 * (`data-not-found`), and an address under that home gets that page, in place. */
(function () {
  'use strict';
  var links = document.querySelectorAll('a[data-not-found]');
  for (var i = 0; i < links.length; i++) {
    var home = links[i].getAttribute('href');
    if (location.pathname.lastIndexOf(home, 0) !== 0) continue;
    if (!window.fetch || !window.DOMParser) return;
    fetch(links[i].getAttribute('data-not-found'), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        document.replaceChild(document.importNode(page.documentElement, true), document.documentElement);
      })
      .catch(function () { /* the page as it is still links every language's home */ });
    return;
  }
}());
