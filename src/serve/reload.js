/* careleaf live preview (served by `careleaf serve` only, never part of a build).
 * Listens for rebuilds and reloads the page (keeping the scroll position), swaps the
 * stylesheets when only CSS changed, and shows build errors over the page. The overlay
 * lives in a shadow root with its own stylesheet, so no theme's styles reach it.
 * The page knows which build (generation) it was served from; told of a newer one when
 * its event stream opens, it reloads: a save that lands while the page loads is not lost. */
(function () {
  'use strict';
  var script = document.currentScript;
  var generation = parseInt((script && script.getAttribute('data-generation')) || '0', 10);
  var key = 'careleaf-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener('load', function () { window.scrollTo(0, parseInt(saved, 10) || 0); });
  }

  var host = null;
  var overlay = null;
  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }
  function showErrors(items) {
    hideErrors();
    host = document.createElement('div');
    host.setAttribute('data-careleaf-overlay', '');
    var root = host.attachShadow({ mode: 'open' });
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/__careleaf/overlay.css';
    root.appendChild(css);
    overlay = document.createElement('div');
    overlay.className = 'careleaf-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.appendChild(text('h2', '', items.length === 1 ? 'The last save has an error' : 'The last save has ' + items.length + ' errors'));
    overlay.appendChild(text('p', '', 'This page is the last good version. Fix the file and save again.'));
    items.forEach(function (item) {
      var box = document.createElement('section');
      box.className = 'careleaf-overlay__item';
      var where = item.file + (item.line ? ':' + item.line + ':' + item.column : '');
      box.appendChild(text('p', 'careleaf-overlay__where', where));
      box.appendChild(text('p', 'careleaf-overlay__message', item.message));
      if (item.source_line) box.appendChild(text('pre', '', (item.line ? item.line + ' | ' : '') + item.source_line));
      if (item.help) box.appendChild(text('p', 'careleaf-overlay__help', 'Help: ' + item.help));
      overlay.appendChild(box);
    });
    root.appendChild(overlay);
    document.body.appendChild(host);
  }
  function hideErrors() {
    if (host) host.remove();
    host = null;
    overlay = null;
  }
  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set('careleaf', Date.now());
      link.href = url.toString();
    });
  }

  var events = new EventSource('/__careleaf/events');
  events.addEventListener('open', function () { document.documentElement.setAttribute('data-careleaf-preview', 'connected'); });
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  events.addEventListener('generation', function (event) {
    if (parseInt(event.data, 10) > generation) reload();
  });
  events.addEventListener('reload', function (event) {
    var data = JSON.parse(event.data);
    if (data.generation <= generation) return;
    if (data.css_only) { generation = data.generation; swapStylesheets(); return; }
    reload();
  });
  events.addEventListener('errors', function (event) { showErrors(JSON.parse(event.data)); });
  events.addEventListener('ok', hideErrors);
}());
