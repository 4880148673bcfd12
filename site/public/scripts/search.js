// Site search on /search/ and /en/search/: Pagefind's index, searched in the browser.
// Nothing typed leaves the device; the index files come from this site.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list) return;
  var messages = JSON.parse(form.getAttribute('data-messages') || '{}');
  var pagefind;
  var latest = 0;

  function say(key, params) {
    var text = messages[key] || '';
    Object.keys(params || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(params[name]));
    });
    status.textContent = text;
  }

  function decode(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: rebuilt as nodes, never as HTML.
  function excerpt(html) {
    var p = document.createElement('p');
    html.split(/<\/?mark>/).forEach(function (part, i) {
      var text = document.createTextNode(decode(part));
      if (i % 2 === 1) {
        var mark = document.createElement('mark');
        mark.appendChild(text);
        p.appendChild(mark);
      } else {
        p.appendChild(text);
      }
    });
    return p;
  }

  function show(results, total, q) {
    list.textContent = '';
    results.forEach(function (result) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = result.url;
      a.textContent = (result.meta && result.meta.title) || result.url;
      li.appendChild(a);
      li.appendChild(excerpt(result.excerpt || ''));
      list.appendChild(li);
    });
    say(total ? 'found' : 'none', { n: total, q: q });
  }

  async function run(q) {
    var mine = ++latest;
    list.textContent = '';
    if (!q) {
      status.textContent = '';
      return;
    }
    say('searching');
    try {
      pagefind = pagefind || (await import('/pagefind/pagefind.js'));
      var search = await pagefind.search(q);
      var results = await Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      if (mine === latest) show(results, search.results.length, q);
    } catch (error) {
      if (mine === latest) say('failed');
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value.trim();
    history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
    run(q);
  });

  var initial = new URLSearchParams(location.search).get('q') || '';
  input.value = initial;
  run(initial.trim());
})();
