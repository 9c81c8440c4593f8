/* careleaf "What should I do?" checker: progressive enhancement.
 *
 * Without this script every answer is a plain link to the next question's page, and
 * the checker works as it is. With it, answering swaps the next page's checker into
 * this one without a page load: the browser's back button steps back a question,
 * focus moves to the new question and a live region announces "Question 2 of at most
 * 4". On an outcome, the page (which says what is true for every way of reaching it)
 * is narrowed to this visit's answers from the tree's JSON: why becomes the answers
 * that set the level, the conditions those that can need this level given them, and
 * the "not sure" sentence names its questions. The care level and the action are the
 * page's own and are never changed. It only ever fetches the checker's own files from
 * this site; nothing the patient answers is sent anywhere (the answers are kept in
 * this page's memory, and the URL of the next page is a static file). No
 * dependencies, no inline code (strict CSP safe). */
(function () {
  'use strict';
  var root = document.querySelector('[data-checker]');
  if (!root || !window.fetch || !window.DOMParser || !history.pushState) return;

  var pages = {};           // url -> Promise of the parsed [data-checker] element
  var step = 1;             // the question number of the page shown, in this visit
  var given = [];           // {q, a, ask, label} of each step of this visit
  var tree = null;          // Promise of the tree's JSON, fetched at the first outcome

  function fetchChecker(url) {
    if (!pages[url]) {
      pages[url] = fetch(url, { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var checker = doc.querySelector('[data-checker]');
          if (!checker) throw new Error('no checker');
          return { checker: checker, title: doc.title, languages: doc.querySelector('[data-languages]') };
        });
      pages[url].catch(function () { delete pages[url]; });
    }
    return pages[url];
  }

  function loadTree() {
    if (!tree) {
      tree = fetch(root.getAttribute('data-tree'), { credentials: 'same-origin' })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); });
      tree.catch(function () { tree = null; });
    }
    return tree;
  }

  function item(list, text, strong) {
    var li = document.createElement('li');
    var b = document.createElement('strong');
    li.textContent = text + ' ';
    b.textContent = strong;
    li.appendChild(b);
    list.appendChild(li);
  }

  // Narrows an outcome page to the answers of this visit (see the top of this file).
  function narrow() {
    var outcome = root.querySelector('[data-outcome]');
    var steps = given.slice(0, step - 1);
    if (!outcome || steps.length === 0) return;
    var level = outcome.getAttribute('data-outcome');
    var answers = {};
    steps.forEach(function (g) { answers[g.q] = g.a; });
    loadTree().then(function (t) {
      var why = {}, unsure = {}, possible = {}, advice = [], met = false;
      function each(when, test) {
        return when.every(function (pair) { return test(answers[pair[0]], pair[1]); });
      }
      function meets(v, allowed) { return v === 'unsure' || allowed.indexOf(v) >= 0; }
      function allows(v, allowed) { return v === undefined || meets(v, allowed); }
      function holds(v, allowed) { return allowed.indexOf(v) >= 0; }
      function look(when) {
        if (!each(when, meets)) return;
        met = true;
        when.forEach(function (pair) {
          why[pair[0]] = true;
          if (answers[pair[0]] === 'unsure') unsure[pair[0]] = true;
        });
      }
      t.conditions.forEach(function (c) {
        c.rules.forEach(function (r) {
          if (r.urgency !== level) return;
          look(r.when);
          if (each(r.when, allows)) possible[c.url] = true;
        });
      });
      t.outcomes.forEach(function (o) {
        if (o.urgency !== level) return;
        o.when.forEach(function (w) {
          look(w);
          if (each(w, holds) && advice.indexOf(o.advice) < 0) advice.push(o.advice);
        });
      });
      if (!met && t.otherwise.urgency === level) advice.push(t.otherwise.advice);
      var box = root.querySelector('[data-your-answers]');
      var whyList = root.querySelector('[data-why-list]');
      var other = root.querySelector('[data-other-answers]');
      steps.forEach(function (g) {
        var list = why[g.q] ? whyList : other.querySelector('ul');
        if (!why[g.q]) other.hidden = false;
        item(list, g.ask, g.label);
      });
      if (whyList.children.length) {
        box.hidden = false;
        var general = root.querySelector('[data-static-why]');
        if (general) general.hidden = true;
      } else if (!other.hidden) {
        box.hidden = false;
        whyList.previousElementSibling.hidden = true;
      }
      Array.prototype.forEach.call(root.querySelectorAll('[data-condition]'), function (li) {
        li.hidden = !possible[li.getAttribute('data-condition')];
      });
      var conditions = root.querySelector('[data-conditions]');
      if (conditions && !conditions.querySelector('[data-condition]:not([hidden])')) conditions.hidden = true;
      var shown = Array.prototype.map.call(root.querySelectorAll('[data-advice]'), function (p) { return p.textContent; });
      var after = root.querySelector('[data-why]');
      advice.forEach(function (text) {
        if (shown.indexOf(text) >= 0) return;
        var p = document.createElement('p');
        p.setAttribute('data-advice', '');
        p.textContent = text;
        after.parentNode.insertBefore(p, after);
      });
      var named = root.querySelector('[data-unsure-named]');
      if (named) {
        t.questions.forEach(function (q) {
          if (unsure[q.id]) item(named.querySelector('ul'), q.ask, '');
        });
        named.hidden = !named.querySelector('li');
      }
      root.setAttribute('data-narrowed', '');
    }, function () { /* the page as it is says what is true for every way here */ });
  }

  // Shows what the live region says and the "Go back" link for `step`.
  function decorate() {
    var status = root.querySelector('[data-status]');
    var remaining = parseInt(root.getAttribute('data-remaining'), 10) || 0;
    if (status && remaining > 0) {
      status.textContent = (root.getAttribute('data-question-of') || '')
        .replace('{k}', step).replace('{n}', step - 1 + remaining);
    }
    var back = root.querySelector('[data-back][data-restart]');
    if (back && step > 1) back.textContent = root.getAttribute('data-go-back') || back.textContent;
    narrow();
  }

  function show(url, newStep, push) {
    return fetchChecker(url).then(function (page) {
      root.removeAttribute('data-narrowed');
      root.innerHTML = page.checker.innerHTML;
      root.setAttribute('data-remaining', page.checker.getAttribute('data-remaining') || '0');
      document.title = page.title;
      // The language switcher goes to this same question in the other language.
      var languages = document.querySelector('[data-languages]');
      if (languages && page.languages) languages.innerHTML = page.languages.innerHTML;
      step = newStep;
      if (push) history.pushState({ careleaf: url, step: step }, '', url);
      decorate();
      var heading = root.querySelector('h2[tabindex]');
      if (heading) heading.focus();
    }, function () {
      location.href = url;  // fall back to an ordinary page load
    });
  }

  root.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target.closest('[data-answer], [data-restart], [data-back]');
    if (!target || !root.contains(target)) return;
    if (target.hasAttribute('data-back')) {
      if (step > 1) { event.preventDefault(); history.back(); }
      return;  // on the first page of this visit, a back link is an ordinary link
    }
    event.preventDefault();
    if (target.hasAttribute('data-restart')) {
      given = [];
      show(target.href, 1, true);
      return;
    }
    var question = root.querySelector('h2[tabindex]');
    var section = root.querySelector('[data-question]');
    given = given.slice(0, step - 1);
    given.push({
      q: section ? section.getAttribute('data-question') : '',
      a: target.getAttribute('data-answer'),
      ask: question ? question.textContent : '',
      label: target.textContent
    });
    show(target.href, step + 1, true);
  });

  window.addEventListener('popstate', function (event) {
    var state = event.state;
    if (state && state.careleaf) show(state.careleaf, state.step, false);
  });

  history.replaceState({ careleaf: location.href, step: step }, '', location.href);
  decorate();
}());
