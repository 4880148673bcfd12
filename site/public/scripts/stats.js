// Refreshes statistics baked into the page at build time with the worker's latest snapshot
// (the same markup, rendered by the worker). Without this script the baked figures stay.
(function () {
  'use strict';
  var builtAt = function (root) {
    var el = root.querySelector('[data-built-at]');
    return el ? el.getAttribute('data-built-at') : '';
  };
  document.querySelectorAll('[data-stats-live]').forEach(function (box) {
    fetch(box.getAttribute('data-src'), { credentials: 'omit' })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = document.createElement('div');
        fresh.innerHTML = html;
        if (builtAt(fresh) > builtAt(box)) box.innerHTML = html;
      })
      .catch(function () {
        /* offline: the baked figures stay */
      });
  });
})();
