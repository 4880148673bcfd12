// Site search on /search/ and /en/search/: Pagefind's index, searched in the browser, and the
// published case outcomes, which are not in that index: they are fetched from the worker's open
// data (/api/public/outcomes.json, the outcomes published at this moment, so a withdrawn one is
// never found) and searched here too. Nothing typed leaves the device; everything searched comes
// from this site.
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
  var english = location.pathname.indexOf('/en/') === 0;

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

  /** The published outcomes that contain every word of `q` (not cached: a withdrawal shows at once). */
  function outcomes(q) {
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return fetch('/api/public/outcomes.json', { cache: 'no-store', credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error('no outcomes');
        return response.json();
      })
      .then(function (data) {
        return (data.outcomes || []).filter(function (o) {
          var text = [o.problem, o.action, o.outcome].join('\n').toLowerCase();
          return words.every(function (word) {
            return text.indexOf(word) >= 0;
          });
        });
      });
  }

  /** An outcome as a result: its page, its problem as the title, its outcome as the excerpt, the first word marked. */
  function outcomeResult(o, q) {
    var word = q.toLowerCase().split(/\s+/).filter(Boolean)[0] || '';
    var text = o.outcome.toLowerCase().indexOf(word) >= 0 ? o.outcome : o.action.toLowerCase().indexOf(word) >= 0 ? o.action : o.problem;
    var at = text.toLowerCase().indexOf(word);
    var escape = function (t) {
      return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    };
    var excerpt = at < 0 || !word ? escape(text) : escape(text.slice(0, at)) + '<mark>' + escape(text.slice(at, at + word.length)) + '</mark>' + escape(text.slice(at + word.length));
    return { url: (english ? '/en' : '') + '/outcomes/' + encodeURIComponent(o.caseNumber), meta: { title: o.problem }, excerpt: excerpt };
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
      // The outcomes (live from the worker) first; either part failing leaves the other.
      var live = outcomes(q).catch(function () {
        return [];
      });
      pagefind = pagefind || (await import('/pagefind/pagefind.js'));
      var search = await pagefind.search(q);
      var results = await Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      var found = (await live).map(function (o) {
        return outcomeResult(o, q);
      });
      if (mine === latest) show(found.slice(0, 20).concat(results), found.length + search.results.length, q);
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
