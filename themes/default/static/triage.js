/* careleaf "What should I do?" checker: progressive enhancement.
 *
 * Without this script every answer is a plain link to the next question's page, and
 * the checker works as it is. With it, answering swaps the next page's checker into
 * this one without a page load: the browser's back button steps back a question,
 * focus moves to the new question and a live region announces "Question 2 of at most
 * 4". On the outcome, "Why this advice" lists the patient's own answers of this visit
 * (without the script, the page says which answers lead there in general). It only
 * ever fetches the checker's own pages from this site; nothing the patient answers is
 * sent anywhere (the answers are kept in this page's memory, and the URL of the next
 * page is a static file). No dependencies, no inline code (strict CSP safe). */
(function () {
  'use strict';
  var root = document.querySelector('[data-checker]');
  if (!root || !window.fetch || !window.DOMParser || !history.pushState) return;

  var pages = {};           // url -> Promise of the parsed [data-checker] element
  var step = 1;             // the question number of the page shown, in this visit
  var given = [];           // [question, answer] of each step of this visit

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

  // Lists the answers of this visit on an outcome, in place of the general reasons.
  function showAnswers() {
    var box = root.querySelector('[data-your-answers]');
    var list = box && box.querySelector('[data-answer-list]');
    if (!list || given.length === 0) return;
    given.slice(0, step - 1).forEach(function (pair) {
      var item = document.createElement('li');
      var answer = document.createElement('strong');
      item.textContent = pair[0] + ' ';
      answer.textContent = pair[1];
      item.appendChild(answer);
      list.appendChild(item);
    });
    box.hidden = false;
    var general = root.querySelector('[data-static-why]');
    if (general) general.hidden = true;
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
    showAnswers();
  }

  function show(url, newStep, push) {
    return fetchChecker(url).then(function (page) {
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
    given = given.slice(0, step - 1);
    given.push([question ? question.textContent : '', target.textContent]);
    show(target.href, step + 1, true);
  });

  window.addEventListener('popstate', function (event) {
    var state = event.state;
    if (state && state.careleaf) show(state.careleaf, state.step, false);
  });

  history.replaceState({ careleaf: location.href, step: step }, '', location.href);
  decorate();
}());
